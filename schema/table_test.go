package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

var testNow = time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.FixedZone("X", 3600))

// newTable builds a table from CREATE TABLE text.
func newTable(t testing.TB, sql string) (*Table, error) {
	t.Helper()
	return NewTable(parseCreate(t, sql), "", testNow)
}

// colSummary renders the columns as "name TYPE [NOT NULL] [DEFAULT kind:value] #code".
func colSummary(tb *Table) []string {
	var out []string
	for _, c := range tb.Columns {
		s := c.Name + " " + c.Type.SQL()
		if c.NotNull {
			s += " NOT NULL"
		}
		if c.Default != nil {
			s += " DEFAULT " + c.Default.Kind
			if c.Default.Value != "" {
				s += ":" + c.Default.Value
			}
		}
		out = append(out, s+" #"+c.Code)
	}
	return out
}

func TestNewTable(t *testing.T) {
	tests := []struct {
		name     string
		sql      string
		behavior string // NewTable's default behavior
		cols     []string
		pk       string
		wantBeh  string
		nextCode int
	}{
		{
			name: "implicit id",
			sql:  "CREATE TABLE users (name VARCHAR(50) NOT NULL, age INT)",
			cols: []string{"id VARCHAR(22) NOT NULL #2", "name VARCHAR(50) NOT NULL #0", "age INT #1"},
			pk:   "id", wantBeh: BehaviorBodyOverflow, nextCode: 3,
		},
		{
			name: "explicit VARCHAR primary key",
			sql:  "CREATE TABLE t (k VARCHAR(10) PRIMARY KEY, v TEXT)",
			cols: []string{"k VARCHAR(10) NOT NULL #0", "v TEXT #1"},
			pk:   "k", wantBeh: BehaviorBodyOverflow, nextCode: 2,
		},
		{
			name: "explicit INT primary key, table-level",
			sql:  "CREATE TABLE t (v TEXT, n BIGINT, PRIMARY KEY (n))",
			cols: []string{"v TEXT #0", "n BIGINT NOT NULL #1"},
			pk:   "n", wantBeh: BehaviorBodyOverflow, nextCode: 2,
		},
		{
			name: "primary key named in another case",
			sql:  "CREATE TABLE t (Num INT, PRIMARY KEY (num))",
			cols: []string{"Num INT NOT NULL #0"},
			pk:   "Num", wantBeh: BehaviorBodyOverflow, nextCode: 1,
		},
		{
			name: "explicit id primary key",
			sql:  "CREATE TABLE t (id VARCHAR(36) PRIMARY KEY)",
			cols: []string{"id VARCHAR(36) NOT NULL #0"},
			pk:   "id", wantBeh: BehaviorBodyOverflow, nextCode: 1,
		},
		{
			name: "BEHAVIOR option",
			sql:  "CREATE TABLE t (a INT) BEHAVIOR = 'body-only'",
			cols: []string{"id VARCHAR(22) NOT NULL #1", "a INT #0"},
			pk:   "id", wantBeh: BehaviorBodyOnly, nextCode: 2,
		},
		{
			name: "BEHAVIOR option wins over the default", behavior: BehaviorUserManaged,
			sql:  "CREATE TABLE t (a INT) BEHAVIOR = 'enforce-limits'",
			cols: []string{"id VARCHAR(22) NOT NULL #1", "a INT #0"},
			pk:   "id", wantBeh: BehaviorEnforceLimits, nextCode: 2,
		},
		{
			name: "default behavior argument", behavior: BehaviorUserManaged,
			sql:  "CREATE TABLE t (a INT)",
			cols: []string{"id VARCHAR(22) NOT NULL #1", "a INT #0"},
			pk:   "id", wantBeh: BehaviorUserManaged, nextCode: 2,
		},
		{
			name: "literal defaults are stored coerced",
			sql: `CREATE TABLE t (
				i INT DEFAULT -5, s INT DEFAULT '42', r INT DEFAULT 1.6, f DOUBLE DEFAULT 1.5, nf DOUBLE DEFAULT -1e-7,
				b BOOLEAN DEFAULT TRUE, v VARCHAR(5) DEFAULT 'héllo', n VARCHAR(5) DEFAULT NULL,
				d DATE DEFAULT '2024-01-02 10:00:00', dt DATETIME DEFAULT '2024-01-02 03:04:05.6',
				c DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, now TIMESTAMP DEFAULT NOW(), j JSON DEFAULT '{"a": 1}',
				e VARCHAR(3) DEFAULT '')`,
			cols: []string{"id VARCHAR(22) NOT NULL #e",
				"i INT DEFAULT value:-5 #0", "s INT DEFAULT value:42 #1", "r INT DEFAULT value:2 #2",
				"f DOUBLE DEFAULT value:1.5 #3", "nf DOUBLE DEFAULT value:-0.0000001 #4", "b BOOLEAN DEFAULT value:1 #5",
				"v VARCHAR(5) DEFAULT value:héllo #6", "n VARCHAR(5) DEFAULT null #7",
				"d DATE DEFAULT value:2024-01-02 00:00:00 #8", "dt DATETIME DEFAULT value:2024-01-02 03:04:06 #9",
				"c DATETIME NOT NULL DEFAULT current_timestamp #a", "now TIMESTAMP DEFAULT current_timestamp #b",
				`j JSON DEFAULT value:{"a": 1} #c`, "e VARCHAR(3) DEFAULT value #d"},
			pk: "id", wantBeh: BehaviorBodyOverflow, nextCode: 15,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := NewTable(parseCreate(t, tt.sql), tt.behavior, testNow)
			if err != nil {
				t.Fatalf("NewTable: %v", err)
			}
			if got := colSummary(tb); strings.Join(got, "\n") != strings.Join(tt.cols, "\n") {
				t.Errorf("columns:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.cols, "\n"))
			}
			if tb.PrimaryKey != tt.pk {
				t.Errorf("PrimaryKey = %q, want %q", tb.PrimaryKey, tt.pk)
			}
			if pk := tb.Columns[tb.PKIndex()]; !pk.NotNull || pk.Name != tt.pk {
				t.Errorf("PKIndex column = %+v", pk)
			}
			if tb.Behavior != tt.wantBeh {
				t.Errorf("Behavior = %q, want %q", tb.Behavior, tt.wantBeh)
			}
			if tb.NextCode != tt.nextCode {
				t.Errorf("NextCode = %d, want %d", tb.NextCode, tt.nextCode)
			}
			if tb.Version != 1 {
				t.Errorf("Version = %d, want 1", tb.Version)
			}
			if !tb.CreatedAt.Equal(testNow) || tb.CreatedAt.Location() != time.UTC {
				t.Errorf("CreatedAt = %v, want %v in UTC", tb.CreatedAt, testNow)
			}
		})
	}
}

func TestNewTableErrors(t *testing.T) {
	tests := []struct {
		name string
		sql  string
		want string
	}{
		{"duplicate column", "CREATE TABLE t (a INT, b INT, a TEXT)", "table t: duplicate column a"},
		{"duplicate column in another case", "CREATE TABLE t (a INT, A TEXT)", "table t: duplicate column A"},
		{"duplicate implicit id", "CREATE TABLE t (id INT, v TEXT)", "table t: column id exists but is not the PRIMARY KEY; declare it PRIMARY KEY or rename it"},
		{"implicit id in another case", "CREATE TABLE t (ID VARCHAR(22))", "table t: column id exists but is not the PRIMARY KEY; declare it PRIMARY KEY or rename it"},
		{"primary key on DOUBLE", "CREATE TABLE t (d DOUBLE PRIMARY KEY)", "table t: PRIMARY KEY column d must be a string, integer or UUID type, not DOUBLE"},
		{"primary key on FLOAT", "CREATE TABLE t (d FLOAT, PRIMARY KEY (d))", "table t: PRIMARY KEY column d must be a string, integer or UUID type, not FLOAT"},
		{"primary key DEFAULT NULL", "CREATE TABLE t (k INT PRIMARY KEY DEFAULT NULL)", "table t: PRIMARY KEY column k cannot have a DEFAULT"},
		{"SECRET primary key", "CREATE TABLE t (s SECRET(20) PRIMARY KEY)", "table t: PRIMARY KEY column s must be a string, integer or UUID type, not SECRET(20)"},
		{"primary key on DECIMAL", "CREATE TABLE t (d DECIMAL(5,2) PRIMARY KEY)", "table t: PRIMARY KEY column d must be a string, integer or UUID type, not DECIMAL(5,2)"},
		{"primary key on EMBEDDING", "CREATE TABLE t (d EMBEDDING(3) PRIMARY KEY)", "table t: PRIMARY KEY column d must be a string, integer or UUID type, not EMBEDDING(3)"},
		{"ENUM DEFAULT not a member", "CREATE TABLE t (s ENUM('a','b') DEFAULT 'c')", "table t, column s: invalid DEFAULT: cannot store 'c' as ENUM('a','b'): not a member"},
		{"UUID DEFAULT bad", "CREATE TABLE t (u UUID DEFAULT 'x')", "table t, column u: invalid DEFAULT: cannot store 'x' as UUID: not a UUID: want 32 hexadecimal digits"},
		{"primary key on DATETIME", "CREATE TABLE t (d DATETIME PRIMARY KEY)", "table t: PRIMARY KEY column d must be a string, integer or UUID type, not DATETIME"},
		{"primary key on BOOLEAN", "CREATE TABLE t (d BOOLEAN PRIMARY KEY)", "table t: PRIMARY KEY column d must be a string, integer or UUID type, not BOOLEAN"},
		{"primary key on JSON", "CREATE TABLE t (d JSON PRIMARY KEY)", "table t: PRIMARY KEY column d must be a string, integer or UUID type, not JSON"},
		{"composite primary key", "CREATE TABLE t (a INT, b VARCHAR(5), PRIMARY KEY (a, b))", "table t: composite PRIMARY KEY (a, b) is not supported; use one key column and an INDEX"},
		{"primary key with a DEFAULT", "CREATE TABLE t (k INT PRIMARY KEY DEFAULT 5)", "table t: PRIMARY KEY column k cannot have a DEFAULT"},
		{"INT DEFAULT 'abc'", "CREATE TABLE t (a INT DEFAULT 'abc')", "table t, column a: invalid DEFAULT: cannot store 'abc' as INT: not an integer"},
		{"TINYINT DEFAULT 300", "CREATE TABLE t (a TINYINT DEFAULT 300)", "table t, column a: invalid DEFAULT: cannot store 300 as TINYINT: out of range [-128, 127]"},
		{"TINYINT DEFAULT -300", "CREATE TABLE t (a TINYINT DEFAULT -300)", "table t, column a: invalid DEFAULT: cannot store -300 as TINYINT: out of range [-128, 127]"},
		{"VARCHAR(2) DEFAULT 'abc'", "CREATE TABLE t (a VARCHAR(2) DEFAULT 'abc')", "table t, column a: invalid DEFAULT: cannot store 'abc' as VARCHAR(2): 3 characters, max 2"},
		{"BOOLEAN DEFAULT 'yes'", "CREATE TABLE t (a BOOLEAN DEFAULT 'yes')", "table t, column a: invalid DEFAULT: cannot store 'yes' as BOOLEAN: expected TRUE, FALSE, 1 or 0"},
		{"DATETIME DEFAULT 'soon'", "CREATE TABLE t (a DATETIME DEFAULT 'soon')", "table t, column a: invalid DEFAULT: cannot store 'soon' as DATETIME: expected 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]'"},
		{"JSON DEFAULT '{'", "CREATE TABLE t (a JSON DEFAULT '{')", "table t, column a: invalid DEFAULT: cannot store '{' as JSON: invalid JSON text"},
		{"NOT NULL DEFAULT NULL", "CREATE TABLE t (a INT NOT NULL DEFAULT NULL)", "table t, column a: invalid DEFAULT NULL for a NOT NULL column"},
		{"CURRENT_DATE", "CREATE TABLE t (a DATE DEFAULT CURRENT_DATE)", "table t, column a: DEFAULT must be a literal, CURRENT_TIMESTAMP or (UUID())"},
		{"CURRENT_TIMESTAMP on INT", "CREATE TABLE t (a INT DEFAULT CURRENT_TIMESTAMP)", "table t, column a: invalid DEFAULT: CURRENT_TIMESTAMP needs a DATETIME or TIMESTAMP column, not INT"},
		{"NOW() on VARCHAR", "CREATE TABLE t (a VARCHAR(30) DEFAULT NOW())", "table t, column a: invalid DEFAULT: CURRENT_TIMESTAMP needs a DATETIME or TIMESTAMP column, not VARCHAR(30)"},
		{"function DEFAULT", "CREATE TABLE t (a VARCHAR(40) DEFAULT LOWER('A'))", "table t, column a: DEFAULT must be a literal, CURRENT_TIMESTAMP or (UUID())"},
		{"UUID() DEFAULT on a short column", "CREATE TABLE t (a VARCHAR(35) DEFAULT (UUID()))", "table t, column a: invalid DEFAULT: UUID() needs a UUID, CHAR(36), VARCHAR(36) or longer, or TEXT column, not VARCHAR(35)"},
		{"UUID() DEFAULT on INT", "CREATE TABLE t (a INT DEFAULT UUID())", "table t, column a: invalid DEFAULT: UUID() needs a UUID, CHAR(36), VARCHAR(36) or longer, or TEXT column, not INT"},
		{"INDEX on an unknown column", "CREATE TABLE t (a INT, INDEX byB (b))", "table t, index byB: unknown column b"},
		{"unnamed INDEX twice", "CREATE TABLE t (a INT, b INT, INDEX (a, b), INDEX (a, b))", "table t, index a_b: an index of that name exists"},
		{"UNIQUE KEY on a vector", "CREATE TABLE t (a VECTOR(3), UNIQUE KEY u (a))", "table t, index u: a vector column (a) cannot be in a partition"},
		{"AUTO_INCREMENT on VARCHAR", "CREATE TABLE t (a VARCHAR(5) AUTO_INCREMENT PRIMARY KEY)", "table t, column a: AUTO_INCREMENT needs an integer type, not VARCHAR(5)"},
		{"AUTO_INCREMENT with DEFAULT", "CREATE TABLE t (a INT AUTO_INCREMENT DEFAULT 1)", "table t, column a: an AUTO_INCREMENT column cannot have a DEFAULT"},
		{"two AUTO_INCREMENT", "CREATE TABLE t (a INT AUTO_INCREMENT, b INT AUTO_INCREMENT)", "table t: there can be only one AUTO_INCREMENT column"},
		{"TIMESTAMPS = ON with a bad createdAt", "CREATE TABLE t (a INT, createdAt DATE) TIMESTAMPS = ON", "table t: TIMESTAMPS = ON maintains createdAt, which must be DATETIME or TIMESTAMP, not DATE"},
		{"CHECK on an unknown column", "CREATE TABLE t (a INT, CHECK (b > 0))", "table t, check constraint 't_chk_1': refers to unknown column 'b'"},
		{"column CHECK on an unknown column", "CREATE TABLE t (a INT CONSTRAINT pos CHECK (x > 0))", "table t, check constraint 'pos': refers to unknown column 'x'"},
		{"CHECK with a qualified column", "CREATE TABLE t (a INT, CHECK (t.a > 0))", "table t, check constraint 't_chk_1': refers to t.a: name columns without a table"},
		{"CHECK with NOW()", "CREATE TABLE t (a DATETIME, CHECK (a < NOW()))", "table t, check constraint 't_chk_1': cannot use the nondeterministic function NOW()"},
		{"CHECK with an aggregate", "CREATE TABLE t (a INT, CHECK (COUNT(a) > 0))", "table t, check constraint 't_chk_1': cannot use the aggregate function COUNT"},
		{"CHECK with a subquery", "CREATE TABLE t (a INT, CHECK (a IN (SELECT 1)))", "table t, check constraint 't_chk_1': cannot hold a subquery"},
		{"CHECK with a placeholder", "CREATE TABLE t (a INT, CHECK (a > ?))", "table t, check constraint 't_chk_1': cannot hold a placeholder (?)"},
		{"duplicate CHECK name", "CREATE TABLE t (a INT, CONSTRAINT c CHECK (a > 0), CONSTRAINT C CHECK (a < 9))", "table t, check constraint 'C': a constraint of that name exists"},
		{"unsupported type", "CREATE TABLE t (a SET('x'))", "table t, column a: unsupported type SET"},
		{"UNSIGNED", "CREATE TABLE t (a DOUBLE UNSIGNED)", "table t, column a: type DOUBLE cannot be UNSIGNED: UNSIGNED applies to integer types"},
		{"VARCHAR(0)", "CREATE TABLE t (a VARCHAR(0))", "table t, column a: type VARCHAR(0) cannot hold any value"},
		{"CHAR(256)", "CREATE TABLE t (a CHAR(256))", "table t, column a: length 256 is too large for CHAR (max 255)"},
		{"DATETIME(7)", "CREATE TABLE t (a DATETIME(7))", "table t, column a: fractional second precision 7 is too large for DATETIME (max 6)"},
		{"table name with a dash", "CREATE TABLE `my-table` (a INT)", "invalid table name 'my-table': use letters, digits and _ (max 64, not starting with a digit)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := newTable(t, tt.sql)
			if err == nil {
				t.Fatalf("NewTable(%s) = %v, want error %q", tt.sql, colSummary(tb), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("NewTable(%s) error\n got %q\nwant %q", tt.sql, err, tt.want)
			}
		})
	}
}

// TestNewTableFromIR covers what the parser never produces.
func TestNewTableFromIR(t *testing.T) {
	intType := sqlparse.TypeSpec{Name: "INT", Length: -1, Scale: -1}
	tests := []struct {
		name string
		ct   sqlparse.CreateTable
		want string
	}{
		{"unknown primary key column", sqlparse.CreateTable{Name: "t", Columns: []sqlparse.ColumnDef{{Name: "a", Type: intType}}, PrimaryKey: []string{"zz"}},
			"table t: PRIMARY KEY names unknown column zz"},
		{"empty column name", sqlparse.CreateTable{Name: "t", Columns: []sqlparse.ColumnDef{{Name: "", Type: intType}}},
			"table t: invalid column name ''"},
		{"column name too long", sqlparse.CreateTable{Name: "t", Columns: []sqlparse.ColumnDef{{Name: strings.Repeat("c", 65), Type: intType}}},
			"table t: invalid column name '" + strings.Repeat("c", 40) + "...'"},
		{"DEFAULT of a parameter", sqlparse.CreateTable{Name: "t", Columns: []sqlparse.ColumnDef{{Name: "a", Type: intType, HasDefault: true, Default: &sqlparse.Param{}}}},
			"table t, column a: DEFAULT must be a literal, CURRENT_TIMESTAMP or (UUID())"},
		{"DEFAULT of a negated string", sqlparse.CreateTable{Name: "t", Columns: []sqlparse.ColumnDef{{Name: "a", Type: intType, HasDefault: true,
			Default: &sqlparse.Unary{Op: "-", X: &sqlparse.Literal{Value: "5"}}}}},
			"table t, column a: DEFAULT must be a literal, CURRENT_TIMESTAMP or (UUID())"},
		{"CURRENT_TIMESTAMP with a bad precision", sqlparse.CreateTable{Name: "t", Columns: []sqlparse.ColumnDef{{Name: "a", Type: sqlparse.TypeSpec{Name: "DATETIME", Length: -1, Scale: -1}, HasDefault: true,
			Default: &sqlparse.Func{Name: "CURRENT_TIMESTAMP", Args: []sqlparse.Expr{&sqlparse.Literal{Value: int64(7)}}}}}},
			"table t, column a: DEFAULT must be a literal, CURRENT_TIMESTAMP or (UUID())"},
		{"CURRENT_TIMESTAMP on a DATE", sqlparse.CreateTable{Name: "t", Columns: []sqlparse.ColumnDef{{Name: "a", Type: sqlparse.TypeSpec{Name: "DATE", Length: -1, Scale: -1}, HasDefault: true,
			Default: &sqlparse.Func{Name: "CURRENT_TIMESTAMP"}}}},
			"table t, column a: invalid DEFAULT: CURRENT_TIMESTAMP needs a DATETIME or TIMESTAMP column, not DATE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := NewTable(&tt.ct, "", testNow)
			if err == nil {
				t.Fatalf("NewTable = %v, want error %q", colSummary(tb), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %q\nwant %q", err, tt.want)
			}
		})
	}
	// DEFAULT with no expression but HasDefault is DEFAULT NULL.
	ct := sqlparse.CreateTable{Name: "t", Columns: []sqlparse.ColumnDef{{Name: "a", Type: intType, HasDefault: true}}}
	tb, err := NewTable(&ct, "", testNow)
	if err != nil || tb.Column("a").Default == nil || tb.Column("a").Default.Kind != DefaultNull {
		t.Errorf("DEFAULT nil expression: %v, %v", colSummary(tb), err)
	}
}

func TestCheckTableName(t *testing.T) {
	for _, name := range []string{"t", "users", "_x", "T1", "a_b_c", "Users", strings.Repeat("n", 64)} {
		if err := CheckTableName(name); err != nil {
			t.Errorf("CheckTableName(%q): %v", name, err)
		}
	}
	for _, name := range []string{"", "1abc", "my-t", "a.b", "a/b", "a b", "a=b", "résumé", "t\n", strings.Repeat("n", 65), "..", "%"} {
		err := CheckTableName(name)
		if err == nil {
			t.Errorf("CheckTableName(%q) = nil, want an error", name)
			continue
		}
		want := "invalid table name " + Quote(name) + ": use letters, digits and _ (max 64, not starting with a digit)"
		if err.Error() != want {
			t.Errorf("CheckTableName(%q) = %q, want %q", name, err, want)
		}
		// NewTable checks the name first.
		ct := sqlparse.CreateTable{Name: name, Columns: []sqlparse.ColumnDef{{Name: "a", Type: sqlparse.TypeSpec{Name: "INT", Length: -1, Scale: -1}}}}
		if _, err := NewTable(&ct, "", testNow); err == nil || err.Error() != want {
			t.Errorf("NewTable with name %q: %v", name, err)
		}
	}
}

// TestFieldCodes checks that codes are unique, base36 in declaration order
// with the implicit id last, and the same for the same statement.
func TestFieldCodes(t *testing.T) {
	var cols []string
	for i := range 40 {
		cols = append(cols, fmt.Sprintf("c%d INT", i))
	}
	sql := "CREATE TABLE wide (" + strings.Join(cols, ", ") + ")"
	a, err := newTable(t, sql)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newTable(t, sql)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for i, c := range a.Columns {
		if prev, dup := seen[c.Code]; dup {
			t.Errorf("code %q of %s is also the code of %s", c.Code, c.Name, prev)
		}
		seen[c.Code] = c.Name
		if c.Code != b.Columns[i].Code {
			t.Errorf("column %s: code %q, then %q: not stable", c.Name, c.Code, b.Columns[i].Code)
		}
		if c.Code == "" || strings.Trim(c.Code, "0123456789abcdefghijklmnopqrstuvwxyz") != "" || c.Code[0] == '_' {
			t.Errorf("column %s: code %q is not base36", c.Name, c.Code)
		}
		if got := a.ByCode(c.Code); got != c {
			t.Errorf("ByCode(%q) = %v, want %s", c.Code, got, c.Name)
		}
	}
	if a.Columns[0].Name != "id" || a.Columns[0].Code != strconv.FormatInt(40, 36) {
		t.Errorf("implicit id = %+v, want code %q", a.Columns[0], strconv.FormatInt(40, 36))
	}
	for i := range 40 {
		c := a.Column(fmt.Sprintf("C%d", i)) // case-insensitive
		if c == nil || c.Code != strconv.FormatInt(int64(i), 36) {
			t.Errorf("column c%d = %+v, want code %s", i, c, strconv.FormatInt(int64(i), 36))
		}
	}
	if a.NextCode != 41 {
		t.Errorf("NextCode = %d, want 41", a.NextCode)
	}
	if a.ByCode("zz") != nil || a.Column("nope") != nil || a.ColumnIndex("nope") != -1 {
		t.Error("lookups of missing columns must give nil / -1")
	}

	// Codes survive the catalog's JSON round trip.
	cat := emptyCatalog()
	cat.Put(a)
	body, err := json.Marshal(cat)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeCatalog(body)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range back.Table("WIDE").Columns {
		if c.Code != a.Columns[i].Code || c.Name != a.Columns[i].Name || !c.Type.Equal(a.Columns[i].Type) {
			t.Errorf("after JSON: column %d = %+v, want %+v", i, c, a.Columns[i])
		}
	}
}

func TestDefaultFor(t *testing.T) {
	tb, err := newTable(t, `CREATE TABLE t (
		i INT DEFAULT 7, n VARCHAR(5) DEFAULT NULL, none TEXT,
		dt DATETIME DEFAULT CURRENT_TIMESTAMP, dt3 DATETIME(3) DEFAULT NOW(), dt6 DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6),
		b BOOLEAN DEFAULT FALSE, f DOUBLE DEFAULT 2.5, w DATETIME DEFAULT '2024-01-02 03:04:05')`)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 5, 6, 7, 8, 9, 987654321, time.UTC)
	tests := []struct {
		col    string
		want   any
		sql    string
		hasSQL bool
	}{
		{"i", int64(7), "7", true},
		{"n", nil, "", false},
		{"none", nil, "", false},
		{"dt6", time.Date(2024, 5, 6, 7, 8, 9, 987654000, time.UTC), "CURRENT_TIMESTAMP", true},
		{"dt", time.Date(2024, 5, 6, 7, 8, 10, 0, time.UTC), "CURRENT_TIMESTAMP", true},
		{"dt3", time.Date(2024, 5, 6, 7, 8, 9, 988000000, time.UTC), "CURRENT_TIMESTAMP", true},
		{"b", false, "0", true},
		{"f", 2.5, "2.5", true},
		{"w", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2024-01-02 03:04:05", true},
	}
	for _, tt := range tests {
		c := tb.Column(tt.col)
		got, err := c.DefaultFor(now)
		if err != nil || !sameValue(got, tt.want) {
			t.Errorf("%s: DefaultFor = %#v, %v; want %#v", tt.col, got, err, tt.want)
		}
		sql, ok := c.DefaultSQL()
		if sql != tt.sql || ok != tt.hasSQL {
			t.Errorf("%s: DefaultSQL = %q, %v; want %q, %v", tt.col, sql, ok, tt.sql, tt.hasSQL)
		}
	}
}
