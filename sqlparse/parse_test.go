package sqlparse

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func mustParse(t *testing.T, sql string) []Statement {
	t.Helper()
	stmts, err := Parse(sql)
	if err != nil {
		t.Fatalf("Parse(%q): %v", sql, err)
	}
	return stmts
}

// firstField returns the expression of the first select item of sql.
func firstField(t *testing.T, sql string) Expr {
	t.Helper()
	return mustParse(t, sql)[0].(*Select).Fields[0].Expr
}

func TestStatements(t *testing.T) {
	tests := []struct {
		name string
		sql  string
		want []Statement
	}{
		{"show tables", "SHOW TABLES", []Statement{&ShowTables{}}},
		{"describe", "DESCRIBE t", []Statement{&Describe{Table: "t"}}},
		{"desc", "desc t", []Statement{&Describe{Table: "t"}}},
		{"explain table", "EXPLAIN t", []Statement{&Describe{Table: "t"}}},
		{"show columns", "SHOW COLUMNS FROM t", []Statement{&Describe{Table: "t"}}},
		{"show fields", "SHOW FIELDS IN t", []Statement{&Describe{Table: "t"}}},
		{"transactions", "BEGIN; START TRANSACTION; COMMIT; ROLLBACK",
			[]Statement{&Begin{}, &Begin{}, &Commit{}, &Rollback{}}},
		{"drop", "DROP TABLE IF EXISTS a, b", []Statement{&DropTable{Names: []string{"a", "b"}, IfExists: true}}},
		{"insert set", "INSERT INTO t SET a = 1, b = ?", []Statement{&Insert{
			Table: "t", Columns: []string{"a", "b"}, Rows: [][]Expr{{&Literal{int64(1)}, &Param{0}}},
		}}},
		{"insert all columns", "INSERT INTO t VALUES (1), (2)", []Statement{&Insert{
			Table: "t", Rows: [][]Expr{{&Literal{int64(1)}}, {&Literal{int64(2)}}},
		}}},
		{"insert no columns", "INSERT INTO t () VALUES ()", []Statement{&Insert{
			Table: "t", Columns: []string{}, Rows: [][]Expr{nil},
		}}},
		{"update", "UPDATE t SET a = a + 1 WHERE id = ? ORDER BY b DESC LIMIT 2", []Statement{&Update{
			Table:   "t",
			Set:     []Assignment{{"a", &Binary{OpAdd, &ColumnRef{Name: "a"}, &Literal{int64(1)}}}},
			Where:   &Binary{OpEQ, &ColumnRef{Name: "id"}, &Param{0}},
			OrderBy: []OrderItem{{&ColumnRef{Name: "b"}, true}},
			Limit:   &Literal{int64(2)},
		}}},
		{"delete", "DELETE FROM t WHERE a IS NULL LIMIT 1", []Statement{&Delete{
			Table: "t", Where: &IsNull{X: &ColumnRef{Name: "a"}}, Limit: &Literal{int64(1)},
		}}},
		{"select", "SELECT DISTINCT t.a AS x, COUNT(*) FROM tab AS t WHERE b > 1 GROUP BY t.a HAVING COUNT(*) > 2 ORDER BY 1 LIMIT 3, 4",
			[]Statement{&Select{
				Distinct: true,
				Fields: []SelectField{
					{Expr: &ColumnRef{Table: "t", Name: "a"}, Alias: "x", Text: "t.a"},
					{Expr: &Func{Name: "COUNT", Star: true}, Text: "COUNT(*)"},
				},
				From:    &TableRef{Name: "tab", Alias: "t"},
				Where:   &Binary{OpGT, &ColumnRef{Name: "b"}, &Literal{int64(1)}},
				GroupBy: []Expr{&ColumnRef{Table: "t", Name: "a"}},
				Having:  &Binary{OpGT, &Func{Name: "COUNT", Star: true}, &Literal{int64(2)}},
				OrderBy: []OrderItem{{Expr: &ColumnRef{Table: "t", Name: "a"}}},
				Limit:   &Literal{int64(4)},
				Offset:  &Literal{int64(3)},
			}}},
		{"select stars", "SELECT *, t.* FROM t", []Statement{&Select{
			Fields: []SelectField{{Star: true}, {Star: true, Table: "t"}},
			From:   &TableRef{Name: "t"},
		}}},
		{"explain analyze", "EXPLAIN ANALYZE DELETE FROM t", []Statement{&Explain{Stmt: &Delete{Table: "t"}, Analyze: true}}},
		{"create table", "CREATE TABLE IF NOT EXISTS t (\n  id VARCHAR(22) PRIMARY KEY,\n  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  n INT UNSIGNED DEFAULT NULL COMMENT 'n',\n  KEY byAt (at)\n) BEHAVIOR='body-only' TIMESTAMPS=ON COMMENT='c'",
			[]Statement{&CreateTable{
				Name:        "t",
				IfNotExists: true,
				Columns: []ColumnDef{
					{Name: "id", Type: TypeSpec{Name: "VARCHAR", Length: 22, Scale: -1}, PrimaryKey: true, Pos: Pos{2, 3}},
					{Name: "at", Type: TypeSpec{Name: "DATETIME", Length: -1, Scale: -1}, NotNull: true,
						Default: &Func{Name: "CURRENT_TIMESTAMP"}, HasDefault: true, Pos: Pos{3, 3}},
					{Name: "n", Type: TypeSpec{Name: "INT", Length: -1, Scale: -1, Unsigned: true},
						Default: &Literal{}, HasDefault: true, Comment: "n", Pos: Pos{4, 3}},
				},
				PrimaryKey: []string{"id"},
				Indexes:    []IndexDef{{Name: "byAt", Columns: []string{"at"}}},
				Options:    TableOptions{Behavior: "body-only", Timestamps: true, Comment: "c"},
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustParse(t, tt.sql); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) =\n%s\nwant\n%s", tt.sql, dump(got), dump(tt.want))
			}
		})
	}
}

func TestLiterals(t *testing.T) {
	tests := []struct {
		sql  string
		want any
	}{
		{"NULL", nil},
		{"42", int64(42)},
		{"-42", int64(-42)},
		{"9223372036854775807", int64(9223372036854775807)},
		{"9223372036854775808", uint64(9223372036854775808)},
		{"-9223372036854775808", int64(-9223372036854775808)},
		{"18446744073709551615", uint64(18446744073709551615)},
		{"18446744073709551616", 18446744073709551616.0},
		{"1.5", 1.5},
		{"-1.5", -1.5},
		{"2.5e3", 2500.0},
		{"'it''s'", "it's"},
		{`"dq\n"`, "dq\n"},
		{"TRUE", true},
		{"false", false},
	}
	for _, tt := range tests {
		t.Run(tt.sql, func(t *testing.T) {
			got := firstField(t, "SELECT "+tt.sql)
			if want := (&Literal{tt.want}); !reflect.DeepEqual(got, want) {
				t.Errorf("got %s (%T), want %s", dumpExpr(got), got.(*Literal).Value, dumpExpr(want))
			}
		})
	}
}

func TestTypes(t *testing.T) {
	tests := []struct {
		typ  string
		want TypeSpec
	}{
		{"INT", TypeSpec{Name: "INT", Length: -1, Scale: -1}},
		{"INTEGER(11) UNSIGNED", TypeSpec{Name: "INT", Length: 11, Scale: -1, Unsigned: true}},
		{"BOOL", TypeSpec{Name: "BOOLEAN", Length: -1, Scale: -1}},
		{"boolean", TypeSpec{Name: "BOOLEAN", Length: -1, Scale: -1}},
		{"TINYINT(1)", TypeSpec{Name: "TINYINT", Length: 1, Scale: -1}},
		{"REAL", TypeSpec{Name: "DOUBLE", Length: -1, Scale: -1}},
		{"DOUBLE PRECISION", TypeSpec{Name: "DOUBLE", Length: -1, Scale: -1}},
		{"NUMERIC(5,1)", TypeSpec{Name: "DECIMAL", Length: 5, Scale: 1}},
		{"DECIMAL", TypeSpec{Name: "DECIMAL", Length: -1, Scale: -1}},
		{"DECIMAL(10)", TypeSpec{Name: "DECIMAL", Length: 10, Scale: -1}},
		{"VARCHAR(64)", TypeSpec{Name: "VARCHAR", Length: 64, Scale: -1}},
		{"VARBINARY(16)", TypeSpec{Name: "VARBINARY", Length: 16, Scale: -1}},
		{"TEXT", TypeSpec{Name: "TEXT", Length: -1, Scale: -1}},
		{"BLOB", TypeSpec{Name: "BLOB", Length: -1, Scale: -1}},
		{"DATETIME", TypeSpec{Name: "DATETIME", Length: -1, Scale: -1}},
		{"DATETIME(6)", TypeSpec{Name: "DATETIME", Length: 6, Scale: -1}},
		{"JSON", TypeSpec{Name: "JSON", Length: -1, Scale: -1}},
		{"ENUM('a','b')", TypeSpec{Name: "ENUM", Length: -1, Scale: -1, Elems: []string{"a", "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			ct := mustParse(t, "CREATE TABLE t (c "+tt.typ+")")[0].(*CreateTable)
			if got := ct.Columns[0].Type; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		sql       string
		msg       string
		line, col int
		near      string
	}{
		// syntax errors point at the offending token
		{"syntax", "SELECT * FORM users", "syntax error", 1, 10, "FORM users"},
		{"syntax multi-line", "SELECT a,\n  b\nFROM t\nWHERE a = = 1", "syntax error", 4, 11, "= 1"},
		{"syntax after tab", "SELECT\ta\n\tFROM t WHERE", "syntax error: unexpected end of input", 2, 14, ""},
		{"syntax columns count characters", "SELECT 'héhé' FROMM t", "syntax error", 1, 21, "t"},
		{"syntax in second statement", "SELECT 1;\nSELECT 2 FROM WHERE", "syntax error", 2, 15, "WHERE"},
		{"unterminated string", "SELECT 'abc", "syntax error: unterminated quoted string", 1, 8, "'abc"},
		{"unterminated identifier", "SELECT `abc", "syntax error: unterminated quoted identifier", 1, 8, "`abc"},
		{"unterminated comment", "SELECT 1\n/* x", "syntax error: unterminated comment", 2, 1, "/* x"},
		{"long rest", "SELECT * FORM " + strings.Repeat("x", 3000), "syntax error", 1, 10, "FORM " + strings.Repeat("x", 35)},
		{"bad double", "SELECT 1e999", "syntax error: illegal double '1e999' value found during parsing", 1, 8, "1e999"},
		{"empty", " -- nothing\n", "empty query", 1, 1, ""},
		{"number too long", "SELECT 1,\n  " + strings.Repeat("9", 90) + ".5", "syntax error: number too long", 2, 3, strings.Repeat("9", 40)},

		// extension options
		{"bad behavior", "CREATE TABLE t (a INT)\n  BEHAVIOR = 'nope'", "invalid BEHAVIOR 'nope': want one of 'user-managed', 'enforce-limits', 'truncate-data', 'body-overflow', 'body-only'", 2, 14, "'nope'"},
		{"behavior not a string", "CREATE TABLE t (a INT) BEHAVIOR = body", "invalid BEHAVIOR body: want one of 'user-managed', 'enforce-limits', 'truncate-data', 'body-overflow', 'body-only'", 1, 35, "body"},
		{"behavior without value", "CREATE TABLE t (a INT) BEHAVIOR =", "syntax error: BEHAVIOR wants a value", 1, 34, ""},
		{"bad timestamps", "CREATE TABLE t (a INT) TIMESTAMPS = 2", "invalid TIMESTAMPS 2: want ON or OFF", 1, 37, "2"},
		{"duplicate timestamps", "CREATE TABLE t (a INT) TIMESTAMPS = ON, TIMESTAMPS = OFF", "duplicate table option TIMESTAMPS", 1, 41, "TIMESTAMPS = OFF"},

		// extension column types keep error positions
		{"error after an extension type", "CREATE TABLE t (\n  u UUID,\n  e EMAIL(50) NOT NUL\n)", "syntax error", 3, 19, "NUL"},
		{"error in an extension type's argument", "CREATE TABLE t (v EMBEDDING(x))", "syntax error", 1, 29, "x))"},
		{"extension type with a charset", "CREATE TABLE t (e EMAIL CHARACTER SET latin1)", "unsupported: column CHARACTER SET", 1, 25, "CHARACTER SET latin1)"},

		// unsupported statements and clauses
		{"derived table", "SELECT * FROM (SELECT 1) s", "unsupported: subquery in FROM", 1, 10, "FROM (SELECT 1) s"},
		{"parenthesised query", "(SELECT a FROM t) ORDER BY a", "unsupported: ORDER BY or LIMIT after a query in parentheses", 1, 19, "ORDER BY a"},
		{"with", "WITH c AS (SELECT 1) SELECT * FROM c", "unsupported: WITH", 1, 1, "WITH c AS (SELECT 1) SELECT * FROM c"},
		{"for update", "SELECT a FROM t FOR UPDATE", "unsupported: FOR UPDATE", 1, 17, "FOR UPDATE"},
		{"lock in share mode", "SELECT a FROM t LOCK IN SHARE MODE", "unsupported: FOR SHARE", 1, 17, "LOCK IN SHARE MODE"},
		{"index hint", "SELECT a FROM t FORCE INDEX (i)", "unsupported: index hints", 1, 17, "FORCE INDEX (i)"},
		{"partition", "SELECT a FROM t PARTITION (p0)", "unsupported: PARTITION", 1, 17, "PARTITION (p0)"},
		{"into outfile", "SELECT a FROM t INTO OUTFILE 'x'", "unsupported: SELECT ... INTO", 1, 17, "INTO OUTFILE 'x'"},
		{"into variable", "SELECT a FROM t INTO @v", "syntax error", 1, 22, "@v"}, // TiDB: INTO only at the end
		{"rollup", "SELECT a FROM t GROUP BY a WITH ROLLUP", "unsupported: WITH ROLLUP", 1, 28, "WITH ROLLUP"},
		{"group by desc", "SELECT a FROM t GROUP BY a DESC", "unsupported: GROUP BY ... DESC", 1, 28, "DESC"},
		{"window clause", "SELECT a FROM t WINDOW w AS (ORDER BY a)", "unsupported: WINDOW", 1, 17, "WINDOW w AS (ORDER BY a)"},
		{"sql_no_cache", "SELECT SQL_NO_CACHE a FROM t", "unsupported: SQL_NO_CACHE", 1, 8, "SQL_NO_CACHE a FROM t"},
		{"high priority", "SELECT HIGH_PRIORITY a FROM t", "unsupported: HIGH_PRIORITY", 1, 8, "HIGH_PRIORITY a FROM t"},
		{"straight join", "SELECT STRAIGHT_JOIN a FROM t", "unsupported: STRAIGHT_JOIN", 1, 8, "STRAIGHT_JOIN a FROM t"},
		{"optimizer hints", "SELECT /*+ NO_INDEX_MERGE() */ a FROM t", "unsupported: optimizer hints", 1, 8, "/*+ NO_INDEX_MERGE() */ a FROM t"},
		{"table statement", "TABLE t", "unsupported: TABLE statement", 1, 1, "TABLE t"},
		{"values statement", "VALUES ROW(1)", "unsupported: VALUES statement", 1, 1, "VALUES ROW(1)"},
		{"qualified table", "SELECT a FROM db.t", "unsupported: database-qualified name", 1, 15, "db.t"},
		{"qualified column", "SELECT db.t.a FROM t", "unsupported: database-qualified name", 1, 8, "db.t.a FROM t"},
		{"qualified star", "SELECT db.t.* FROM t", "unsupported: database-qualified name", 1, 8, "db.t.* FROM t"},
		{"order by position", "SELECT a FROM t ORDER BY 2", "unknown column '2' in ORDER BY", 1, 26, "2"},
		{"group by position", "SELECT a FROM t GROUP BY 0", "unknown column '0' in GROUP BY", 1, 26, "0"},
		{"position after star", "SELECT *, a FROM t ORDER BY 2", "unsupported: column position after *", 1, 29, "2"},
		{"replace", "REPLACE INTO t VALUES (1)", "unsupported: REPLACE", 1, 1, "REPLACE INTO t VALUES (1)"},
		{"insert ignore", "INSERT IGNORE INTO t VALUES (1)", "unsupported: INSERT IGNORE", 1, 8, "IGNORE INTO t VALUES (1)"},
		{"on duplicate key", "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 2", "unsupported: ON DUPLICATE KEY UPDATE", 1, 29, "DUPLICATE KEY UPDATE a = 2"},
		{"insert select", "INSERT INTO t SELECT * FROM u", "unsupported: INSERT ... SELECT", 1, 15, "SELECT * FROM u"},
		{"insert delayed", "INSERT DELAYED INTO t VALUES (1)", "unsupported: DELAYED", 1, 8, "DELAYED INTO t VALUES (1)"},
		{"insert partition", "INSERT INTO t PARTITION (p) VALUES (1)", "unsupported: PARTITION", 1, 15, "PARTITION (p) VALUES (1)"},
		{"insert default", "INSERT INTO t VALUES (DEFAULT)", "unsupported: DEFAULT", 1, 23, "DEFAULT)"},
		{"multi-table update", "UPDATE t JOIN u ON t.a = u.a SET t.b = 1", "unsupported: multi-table UPDATE", 1, 10, "JOIN u ON t.a = u.a SET t.b = 1"},
		{"multi-table delete", "DELETE t, u FROM t JOIN u", "unsupported: multi-table DELETE", 1, 1, "DELETE t, u FROM t JOIN u"},
		{"delete quick", "DELETE QUICK FROM t", "unsupported: QUICK", 1, 8, "QUICK FROM t"},
		{"delete ignore", "DELETE IGNORE FROM t", "unsupported: IGNORE", 1, 8, "IGNORE FROM t"},
		{"update low priority", "UPDATE LOW_PRIORITY t SET a = 1", "unsupported: LOW_PRIORITY", 1, 8, "LOW_PRIORITY t SET a = 1"},
		{"update alias", "UPDATE t x SET a = 1", "unsupported: table alias in UPDATE", 1, 10, "x SET a = 1"},
		{"delete alias", "DELETE FROM t AS x", "unsupported: table alias in DELETE", 1, 18, "x"},
		{"update with", "WITH c AS (SELECT 1) UPDATE t SET a = 1", "unsupported: WITH", 1, 1, "WITH c AS (SELECT 1) UPDATE t SET a = 1"},
		{"unknown set column", "UPDATE t SET u.a = 1", "unknown column 'u.a'", 1, 14, "u.a = 1"},
		{"create like", "CREATE TABLE t LIKE u", "unsupported: CREATE TABLE ... LIKE", 1, 16, "LIKE u"},
		{"create select", "CREATE TABLE t SELECT 1 AS a", "unsupported: CREATE TABLE ... SELECT", 1, 16, "SELECT 1 AS a"},
		{"temporary", "CREATE TEMPORARY TABLE t (a INT)", "unsupported: TEMPORARY table", 1, 8, "TEMPORARY TABLE t (a INT)"},
		{"partition by", "CREATE TABLE t (a INT)\nPARTITION BY KEY(a)", "unsupported: PARTITION BY", 2, 1, "PARTITION BY KEY(a)"},
		{"foreign key", "CREATE TABLE t (a INT,\n  CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (b))", "unsupported: FOREIGN KEY", 2, 3, "CONSTRAINT fk FOREIGN KEY (a) REFERENCES"},
		{"column references", "CREATE TABLE t (a INT REFERENCES u (b))", "unsupported: REFERENCES", 1, 23, "REFERENCES u (b))"},
		{"check not enforced", "CREATE TABLE t (a INT, CHECK (a > 0) NOT ENFORCED)", "unsupported: NOT ENFORCED", 1, 38, "NOT ENFORCED)"},
		{"two column checks", "CREATE TABLE t (a INT CHECK (a > 0) CHECK (a < 9))", "unsupported: a second CHECK on one column (use table-level CHECK constraints)", 1, 23, "CHECK (a > 0) CHECK (a < 9))"},
		{"fulltext", "CREATE TABLE t (a TEXT, FULLTEXT INDEX f (a))", "unsupported: FULLTEXT index", 1, 25, "FULLTEXT INDEX f (a))"},
		{"on update", "CREATE TABLE t (a DATETIME ON UPDATE NOW())", "unsupported: ON UPDATE", 1, 28, "ON UPDATE NOW())"},
		{"generated", "CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a + 1))", "unsupported: generated column", 1, 30, "GENERATED ALWAYS AS (a + 1))"},
		{"column collate", "CREATE TABLE t (a VARCHAR(3) COLLATE utf8mb4_bin)", "unsupported: COLLATE", 1, 30, "COLLATE utf8mb4_bin)"},
		{"column charset", "CREATE TABLE t (a TEXT CHARSET latin1)", "unsupported: column CHARACTER SET", 1, 24, "CHARSET latin1)"},
		{"binary attribute", "CREATE TABLE t (a VARCHAR(3) BINARY)", "unsupported: BINARY attribute", 1, 30, "BINARY)"},
		{"zerofill", "CREATE TABLE t (a INT(4) ZEROFILL)", "unsupported: ZEROFILL", 1, 26, "ZEROFILL)"},
		{"column format", "CREATE TABLE t (a INT COLUMN_FORMAT FIXED)", "unsupported: COLUMN_FORMAT", 1, 23, "COLUMN_FORMAT FIXED)"},
		{"clustered", "CREATE TABLE t (a INT PRIMARY KEY CLUSTERED)", "unsupported: CLUSTERED and NONCLUSTERED", 1, 35, "CLUSTERED)"},
		{"index prefix", "CREATE TABLE t (a TEXT, INDEX i (a(10)))", "unsupported: index prefix length", 1, 25, "INDEX i (a(10)))"},
		{"index desc", "CREATE TABLE t (a INT, INDEX i (a DESC))", "unsupported: DESC in index", 1, 24, "INDEX i (a DESC))"},
		{"index option", "CREATE TABLE t (a INT, INDEX i (a) COMMENT 'x')", "unsupported: index options", 1, 24, "INDEX i (a) COMMENT 'x')"},
		{"index using", "CREATE TABLE t (a INT, INDEX i (a) USING BTREE)", "unsupported: index options", 1, 24, "INDEX i (a) USING BTREE)"},
		{"two primary keys", "CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)", "multiple primary keys", 1, 36, "b INT PRIMARY KEY)"},
		{"table option", "CREATE TABLE t (a INT)\n  ROW_FORMAT = COMPACT", "unsupported: table option ROW_FORMAT", 2, 3, "ROW_FORMAT = COMPACT"},
		{"table option after extension", "CREATE TABLE t (a INT) BEHAVIOR = 'body-only', MAX_ROWS = 10", "unsupported: table option MAX_ROWS", 1, 48, "MAX_ROWS = 10"},
		{"drop view", "DROP VIEW v", "unsupported: DROP VIEW", 1, 1, "DROP VIEW v"},
		{"drop temporary", "DROP TEMPORARY TABLE t", "unsupported: TEMPORARY table", 1, 6, "TEMPORARY TABLE t"},
		{"drop qualified", "DROP TABLE a, db.b", "unsupported: database-qualified name", 1, 15, "db.b"},
		{"show tables like", "SHOW TABLES LIKE 'x'", "unsupported: LIKE in SHOW", 1, 13, "LIKE 'x'"},
		{"show tables where", "SHOW TABLES WHERE 1", "unsupported: WHERE in SHOW", 1, 13, "WHERE 1"},
		{"show tables from", "SHOW TABLES FROM db", "unsupported: database name", 1, 18, "db"},
		{"show full tables", "SHOW FULL TABLES", "unsupported: SHOW FULL", 1, 6, "FULL TABLES"},
		{"show columns from db", "SHOW COLUMNS FROM t FROM db", "unsupported: database name", 1, 26, "db"},
		{"show extended", "SHOW EXTENDED COLUMNS FROM t", "unsupported: SHOW EXTENDED", 1, 6, "EXTENDED COLUMNS FROM t"},
		{"describe column", "DESC t c", "unsupported: DESCRIBE of one column", 1, 8, "c"},
		{"explain format", "EXPLAIN FORMAT = 'brief' SELECT 1", "unsupported: EXPLAIN FORMAT", 1, 9, "FORMAT = 'brief' SELECT 1"},
		{"explain ddl", "EXPLAIN CREATE TABLE t (a INT)", "syntax error", 1, 9, "CREATE TABLE t (a INT)"},
		{"explain error inside", "EXPLAIN SELECT * FROM t RIGHT JOIN u ON t.a = u.a", "unsupported: RIGHT JOIN (write it as a LEFT JOIN with the tables swapped)", 1, 25, "RIGHT JOIN u ON t.a = u.a"},
		{"right join", "SELECT * FROM t\n  RIGHT JOIN u ON t.a = u.a", "unsupported: RIGHT JOIN (write it as a LEFT JOIN with the tables swapped)", 2, 3, "RIGHT JOIN u ON t.a = u.a"},
		{"except", "SELECT 1 EXCEPT SELECT 2", "unsupported: EXCEPT and INTERSECT", 1, 10, "EXCEPT SELECT 2"},
		{"begin pessimistic", "BEGIN PESSIMISTIC", "unsupported: BEGIN PESSIMISTIC", 1, 1, "BEGIN PESSIMISTIC"},
		{"read only", "START TRANSACTION READ ONLY", "unsupported: transaction characteristics", 1, 19, "READ ONLY"},
		{"commit release", "COMMIT RELEASE", "unsupported: RELEASE", 1, 8, "RELEASE"},
		{"rollback chain", "ROLLBACK AND CHAIN", "unsupported: AND CHAIN", 1, 10, "AND CHAIN"},
		{"savepoint", "ROLLBACK TO s", "unsupported: ROLLBACK TO SAVEPOINT", 1, 10, "TO s"},
		{"alter order by", "ALTER TABLE t ORDER BY a", "unsupported: ALTER TABLE ... ORDER (this kind of change)", 1, 15, "ORDER BY a"},
		{"rename index", "ALTER TABLE t RENAME INDEX a TO b", "unsupported: RENAME INDEX (an index's name is part of its entries' keys: DROP INDEX and ADD INDEX)", 1, 15, "RENAME INDEX a TO b"},
		{"set", "SET NAMES utf8mb4", "unsupported: SET", 1, 1, "SET NAMES utf8mb4"},
		{"use", "USE db", "unsupported: USE", 1, 1, "USE db"},
		{"second statement", "SELECT 1;\n  SELECT @a", "unsupported: user variable", 2, 10, "@a"},

		// unsupported expressions
		{"subquery", "SELECT (SELECT 1)", "unsupported: subquery", 1, 8, "(SELECT 1)"},
		{"any subquery", "SELECT a FROM t WHERE a > ANY (SELECT b FROM u)", "unsupported: subquery", 1, 23, "a > ANY (SELECT b FROM u)"},
		{"row", "SELECT a FROM t WHERE ROW(a, b) = ROW(1, 2)", "unsupported: row constructor", 1, 23, "ROW(a, b) = ROW(1, 2)"},
		{"in row", "SELECT a FROM t WHERE (a, b) IN ((1, 2))", "unsupported: row constructor", 1, 23, "(a, b) IN ((1, 2))"},
		{"user variable", "SELECT a FROM t WHERE a = @x", "unsupported: user variable", 1, 27, "@x"},
		{"assign variable", "SELECT @x := 1", "unsupported: user variable", 1, 8, "@x := 1"},
		{"system variable", "SELECT @@session.sql_mode", "unsupported: system variable", 1, 8, "@@session.sql_mode"},
		{"match", "SELECT a FROM t WHERE MATCH (a) AGAINST ('x' IN BOOLEAN MODE)", "unsupported: MATCH ... AGAINST", 1, 23, "MATCH (a) AGAINST ('x' IN BOOLEAN MODE)"},
		{"window function", "SELECT SUM(a) OVER () FROM t", "unsupported: window function", 1, 8, "SUM(a) OVER () FROM t"},
		{"group_concat", "SELECT a, GROUP_CONCAT(b ORDER BY b) FROM t GROUP BY a", "unsupported: GROUP_CONCAT", 1, 11, "GROUP_CONCAT(b ORDER BY b) FROM t GROUP"},
		{"other aggregate", "SELECT BIT_OR(a) FROM t", "unsupported: aggregate BIT_OR", 1, 8, "BIT_OR(a) FROM t"},
		{"hex literal", "SELECT x'0A'", "unsupported: hexadecimal and bit literals", 1, 8, "x'0A'"},
		{"bit literal", "SELECT b'101'", "unsupported: hexadecimal and bit literals", 1, 8, "b'101'"},
		{"bit and", "SELECT a FROM t WHERE a & 4", "unsupported: operator &", 1, 23, "a & 4"},
		{"shift", "SELECT 1 << 2", "unsupported: operator <<", 1, 8, "1 << 2"},
		{"collate", "SELECT a FROM t ORDER BY a COLLATE utf8mb4_bin", "unsupported: COLLATE", 1, 26, "a COLLATE utf8mb4_bin"},
		{"ilike", "SELECT a ILIKE 'x' FROM t", "unsupported: ILIKE", 1, 8, "a ILIKE 'x' FROM t"},
		{"values function", "SELECT VALUES(a) FROM t", "unsupported: VALUES()", 1, 8, "VALUES(a) FROM t"},
		{"default function", "SELECT DEFAULT(a) FROM t", "unsupported: DEFAULT", 1, 8, "DEFAULT(a) FROM t"},
		{"convert using", "SELECT CONVERT(a USING latin1) FROM t", "unsupported: CONVERT(... USING ...)", 1, 8, "CONVERT(a USING latin1) FROM t"},
		{"char using", "SELECT CHAR(65 USING utf8mb4)", "unsupported: CHAR(... USING ...)", 1, 8, "CHAR(65 USING utf8mb4)"},
		{"cast charset", "SELECT CAST(a AS CHAR CHARACTER SET latin1) FROM t", "unsupported: CHARACTER SET in CAST", 1, 8, "CAST(a AS CHAR CHARACTER SET latin1) FRO"},
		{"cast array", "SELECT CAST(a AS SIGNED ARRAY) FROM t", "unsupported: ARRAY in CAST", 1, 8, "CAST(a AS SIGNED ARRAY) FROM t"},
		{"qualified function", "SELECT db.f(1)", "unsupported: database-qualified name", 1, 8, "db.f(1)"},
		{"get_format", "SELECT GET_FORMAT(DATE, 'USA')", "", 0, 0, ""}, // supported: keyword argument
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.sql)
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) = %v (%T), want *Error", tt.sql, err, err)
			}
			want := Error{Pos: Pos{tt.line, tt.col}, Near: tt.near, Msg: tt.msg}
			if *e != want {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.sql, *e, want)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{Pos: Pos{2, 5}, Near: "JOIN u", Msg: "unsupported: JOIN"}
	if got, want := e.Error(), `sql: unsupported: JOIN at line 2, column 5 near "JOIN u"`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e = &Error{Msg: "empty query"}
	if got, want := e.Error(), "sql: empty query"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPrepass checks the text handed to TiDB: extension options are blanked
// out, everything else stays byte for byte, offsets included.
func TestPrepass(t *testing.T) {
	// blank replaces each of parts in s by as many spaces.
	blank := func(s string, parts ...string) string {
		for _, p := range parts {
			s = strings.Replace(s, p, strings.Repeat(" ", len(p)), 1)
		}
		return s
	}
	same := "CREATE TABLE t (a INT DEFAULT 'BEHAVIOR=''x''') /* BEHAVIOR='y' */ COMMENT 'BEHAVIOR=\\'z\\'' # BEHAVIOR='w'"
	tests := []struct {
		name, sql, want string
		opts            TableOptions
	}{
		{"none", "CREATE TABLE t (a INT) COMMENT 'x'", "CREATE TABLE t (a INT) COMMENT 'x'", TableOptions{}},
		{"both", "CREATE TABLE t (a INT) BEHAVIOR = 'body-overflow' TIMESTAMPS = ON",
			blank("CREATE TABLE t (a INT) BEHAVIOR = 'body-overflow' TIMESTAMPS = ON", "BEHAVIOR = 'body-overflow'", "TIMESTAMPS = ON"),
			TableOptions{Behavior: "body-overflow", Timestamps: true}},
		{"lower case, no =", "create table t (a int) behavior 'Body-Only' timestamps on;",
			blank("create table t (a int) behavior 'Body-Only' timestamps on;", "behavior 'Body-Only'", "timestamps on"),
			TableOptions{Behavior: "body-only", Timestamps: true}},
		{"comma before", "CREATE TABLE t (a INT) ENGINE=x, BEHAVIOR='user-managed'",
			blank("CREATE TABLE t (a INT) ENGINE=x, BEHAVIOR='user-managed'", ", BEHAVIOR='user-managed'"),
			TableOptions{Behavior: "user-managed"}},
		{"comma after", "CREATE TABLE t (a INT) BEHAVIOR='user-managed', ENGINE=x",
			blank("CREATE TABLE t (a INT) BEHAVIOR='user-managed', ENGINE=x", "BEHAVIOR='user-managed',"),
			TableOptions{Behavior: "user-managed"}},
		{"commas around", "CREATE TABLE t (a INT) TIMESTAMPS=1, BEHAVIOR='body-only', COMMENT='c'",
			blank("CREATE TABLE t (a INT) TIMESTAMPS=1, BEHAVIOR='body-only', COMMENT='c'", "TIMESTAMPS=1,", "BEHAVIOR='body-only',"),
			TableOptions{Behavior: "body-only", Timestamps: true}},
		{"new lines kept", "CREATE TABLE t (a INT)\nBEHAVIOR\n=\n'body-only'\n",
			blank("CREATE TABLE t (a INT)\nBEHAVIOR\n=\n'body-only'\n", "BEHAVIOR", "=", "'body-only'"),
			TableOptions{Behavior: "body-only"}},
		{"in strings and comments", same, same, TableOptions{}},
		{"inside the column list", "CREATE TABLE t (behavior VARCHAR(9) DEFAULT 'x')", "CREATE TABLE t (behavior VARCHAR(9) DEFAULT 'x')", TableOptions{}},
		{"after AS SELECT", "CREATE TABLE t (a INT) AS SELECT behavior 'x' FROM u", "CREATE TABLE t (a INT) AS SELECT behavior 'x' FROM u", TableOptions{}},
		{"other statements", "SELECT behavior 'x' FROM t; INSERT INTO t VALUES ('BEHAVIOR = 1')", "SELECT behavior 'x' FROM t; INSERT INTO t VALUES ('BEHAVIOR = 1')", TableOptions{}},
		{"second statement", "SELECT 1; CREATE TABLE t (a INT) TIMESTAMPS = OFF",
			blank("SELECT 1; CREATE TABLE t (a INT) TIMESTAMPS = OFF", "TIMESTAMPS = OFF"), TableOptions{}},
		{"extension types", "CREATE TABLE t (u UUID, e Email(100), w url, i IP4, j IP6, s SECRET(8), v EMBEDDING(3))",
			"CREATE TABLE t (u TEXT, e TEXT (100), w INT, i INT, j INT, s TEXT  (8), v VECTOR   (3))", TableOptions{}},
		{"extension words elsewhere stay", "CREATE TABLE t (uuid UUID DEFAULT 'uuid', `email` EMAIL, KEY uuid (uuid), INDEX email (`email`)) COMMENT 'EMAIL'",
			"CREATE TABLE t (uuid TEXT DEFAULT 'uuid', `email` TEXT , KEY uuid (uuid), INDEX email (`email`)) COMMENT 'EMAIL'", TableOptions{}},
		{"not in other statements", "SELECT CAST(x AS UUID) FROM t", "SELECT CAST(x AS UUID) FROM t", TableOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, creates, err := prepass(tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			if src != tt.want {
				t.Errorf("text\n got %q\nwant %q", src, tt.want)
			}
			var opts TableOptions
			if len(creates) > 0 {
				opts = creates[len(creates)-1].opts
			}
			if opts != tt.opts {
				t.Errorf("options: got %+v, want %+v", opts, tt.opts)
			}
		})
	}
}

func TestNumParams(t *testing.T) {
	tests := []struct {
		sql  string
		want int
	}{
		{"SELECT 1", 0},
		{"SELECT ?", 1},
		{"SELECT '?', `?`, a FROM t WHERE b = ? -- ?\n AND c = /* ? */ ?", 2},
		{"INSERT INTO t VALUES (?, ?), (?, ?)", 4},
		{"SELECT ? FROM t WHERE a = ? LIMIT ? OFFSET ?; DELETE FROM t WHERE a IN (?, ?) LIMIT ?", 7},
		{"SELECT a + ? FROM t ORDER BY 1", 1},
		{"UPDATE t SET a = CASE WHEN ? THEN ? ELSE ? END WHERE b BETWEEN ? AND ? AND c LIKE ?", 6},
		{"CREATE TABLE t (a INT DEFAULT 1); SELECT CAST(? AS CHAR) FROM t ORDER BY ?", 2},
		{"EXPLAIN SELECT * FROM t WHERE a = ? AND b IS NOT NULL AND NOT c = ?", 2},
	}
	for _, tt := range tests {
		t.Run(tt.sql, func(t *testing.T) {
			if got := NumParams(mustParse(t, tt.sql)); got != tt.want {
				t.Errorf("NumParams = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestParamOrder checks that placeholders are numbered in text order, also
// where TiDB hands clauses over in another order (LIMIT m, n).
func TestParamOrder(t *testing.T) {
	s := mustParse(t, "SELECT a FROM t WHERE b = ? LIMIT ?, ?")[0].(*Select)
	if got := [3]int{s.Where.(*Binary).R.(*Param).Index, s.Offset.(*Param).Index, s.Limit.(*Param).Index}; got != [3]int{0, 1, 2} {
		t.Errorf("indexes (where, offset, limit) = %v, want [0 1 2]", got)
	}
}

func TestConcurrentParse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				sql := "SELECT a, ? FROM t WHERE id = " + itoa(i*100+j)
				stmts, err := Parse(sql)
				if err != nil {
					t.Error(err)
					return
				}
				want := &Binary{OpEQ, &ColumnRef{Name: "id"}, &Literal{int64(i*100 + j)}}
				if got := stmts[0].(*Select).Where; !reflect.DeepEqual(got, want) {
					t.Errorf("%s: got %s", sql, dumpExpr(got))
				}
			}
		})
	}
	wg.Wait()
}
