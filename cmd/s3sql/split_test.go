package main

import (
	"reflect"
	"strings"
	"testing"
)

const guardTrigger = "CREATE TRIGGER guard BEFORE DELETE ON orders FOR EACH ROW\n" +
	"  BEGIN IF OLD.status = 'paid' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'paid orders stay'; END IF; END"

func TestSplit(t *testing.T) {
	tests := []struct {
		name   string
		script string
		want   []string
	}{
		{"one", "SELECT 1;", []string{"SELECT 1"}},
		{"two on a line", "SELECT 1; SELECT 2;", []string{"SELECT 1", "SELECT 2"}},
		{"across lines", "SELECT\n  1\n;", []string{"SELECT\n  1"}},
		{"last without semicolon", "SELECT 1;\nSELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"empty statements", ";;\n ; ;", nil},
		{"blank", "\n  \n", nil},
		{"single quotes", "SELECT 'a;b';", []string{"SELECT 'a;b'"}},
		{"doubled single quote", "SELECT 'it''s;';", []string{"SELECT 'it''s;'"}},
		{"backslash escape", `SELECT 'a\';b', "c\";d";`, []string{`SELECT 'a\';b', "c\";d"`}},
		{"escaped backslash ends quote", `SELECT 'a\\'; SELECT 2;`, []string{`SELECT 'a\\'`, "SELECT 2"}},
		{"double quotes", `SELECT "x;y";`, []string{`SELECT "x;y"`}},
		{"backticks", "SELECT `a;b` FROM `t``;`;", []string{"SELECT `a;b` FROM `t``;`"}},
		{"backslash in backticks is literal", "SELECT `a\\`; SELECT 2;", []string{"SELECT `a\\`", "SELECT 2"}},
		{"quote spans lines", "INSERT INTO t VALUES ('a\n;b');", []string{"INSERT INTO t VALUES ('a\n;b')"}},
		{"other quotes inside quotes", `SELECT '"', "'", '` + "`" + `;';`, []string{`SELECT '"', "'", '` + "`" + `;'`}},
		{"dash comment", "SELECT 1; -- a; comment\nSELECT 2;", []string{"SELECT 1", "SELECT 2"}},
		{"dash comment at end of line", "SELECT 1 --\n;", []string{"SELECT 1"}},
		{"double dash without space is minus", "SELECT 1--1;", []string{"SELECT 1--1"}},
		{"hash comment", "SELECT 1 # c;\n, 2;", []string{"SELECT 1 \n, 2"}},
		{"comment-only statement dropped", "-- hi;\n/* x; */\n# y;\n", nil},
		{"block comment", "SELECT /* ; */ 1;", []string{"SELECT   1"}},
		{"block comment joins no tokens", "SELECT a/**/b;", []string{"SELECT a b"}},
		{"block comment across lines", "SELECT 1 /* a;\n b; */ + 2;", []string{"SELECT 1   + 2"}},
		{"hint comment kept", "SELECT /*+ MAX_EXECUTION_TIME(1); */ 1;", []string{"SELECT /*+ MAX_EXECUTION_TIME(1); */ 1"}},
		{"executable comment kept", "/*!40101 SET x=1 */;", []string{"/*!40101 SET x=1 */"}},
		{"comment markers in quotes", "SELECT '-- x;', '# y;', '/* z;';", []string{"SELECT '-- x;', '# y;', '/* z;'"}},
		{"quotes in comments", "SELECT 1; -- it's\nSELECT 2; /* \" */ SELECT 3;", []string{"SELECT 1", "SELECT 2", "SELECT 3"}},
		{"CRLF", "SELECT 1;\r\nSELECT\r\n2;\r\n", []string{"SELECT 1", "SELECT\n2"}},
		{"unicode", "SELECT 'ñ;日本' AS `名前`;", []string{"SELECT 'ñ;日本' AS `名前`"}},
		{"transaction words", "BEGIN; SELECT 1; COMMIT;", []string{"BEGIN", "SELECT 1", "COMMIT"}},
		{"begin and end as column names", "CREATE TABLE t (begin INT, end INT); SELECT 1;", []string{"CREATE TABLE t (begin INT, end INT)", "SELECT 1"}},
		{"trigger without block", "CREATE TRIGGER s BEFORE INSERT ON o FOR EACH ROW SET NEW.a = CASE WHEN 1 THEN 2 END; SELECT 1;",
			[]string{"CREATE TRIGGER s BEFORE INSERT ON o FOR EACH ROW SET NEW.a = CASE WHEN 1 THEN 2 END", "SELECT 1"}},
		{"trigger with block", guardTrigger + ";\nSELECT 1;", []string{guardTrigger, "SELECT 1"}},
		{"trigger nested blocks", "create trigger t after update on o for each row begin\n  insert into a values (1);\n" +
			"  if x then\n    case y when 1 then set z = 1; end case;\n    while w do set w = w - 1; end while;\n  end if;\n" +
			"  begin set q = 1; end;\nend;\nSELECT 1;",
			[]string{"create trigger t after update on o for each row begin\n  insert into a values (1);\n" +
				"  if x then\n    case y when 1 then set z = 1; end case;\n    while w do set w = w - 1; end while;\n  end if;\n" +
				"  begin set q = 1; end;\nend", "SELECT 1"}},
		{"trigger end then if statement", "CREATE TRIGGER t BEFORE INSERT ON o FOR EACH ROW BEGIN BEGIN SET a = 1; END; IF a THEN SET b = 1; END IF; END; SELECT 2;",
			[]string{"CREATE TRIGGER t BEFORE INSERT ON o FOR EACH ROW BEGIN BEGIN SET a = 1; END; IF a THEN SET b = 1; END IF; END", "SELECT 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, st := range split(tt.script) {
				got = append(got, st.sql)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("split(%q)\n got %q\nwant %q", tt.script, got, tt.want)
			}
		})
	}
}

func TestSplitLines(t *testing.T) {
	got := split("\n-- header\nSELECT 1; SELECT\n2;\n\n  SELECT 'a\nb'\n")
	want := []statement{{"SELECT 1", 3}, {"SELECT\n2", 3}, {"SELECT 'a\nb'", 6}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestSplitterPending(t *testing.T) {
	var s splitter
	for _, step := range []struct {
		line    string
		pending bool
		n       int
	}{
		{"", false, 0},
		{"-- comment", false, 0},
		{"SELECT 1; -- trailing", false, 1},
		{"SELECT", true, 0},
		{"'a;", true, 0},
		{"b';", false, 1},
		{"/* open", true, 0},
		{"close */", false, 0},
		{"CREATE TRIGGER t BEFORE INSERT ON o FOR EACH ROW BEGIN", true, 0},
		{"SET NEW.a = 1;", true, 0},
		{"END;", false, 1},
	} {
		if n := len(s.feed(step.line)); n != step.n || s.pending() != step.pending {
			t.Errorf("after %q: %d statements, pending %v; want %d, %v", step.line, n, s.pending(), step.n, step.pending)
		}
	}
}

func TestReturnsRows(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT 1": true, "select 1": true, "  (SELECT 1) UNION (SELECT 2)": true, "SHOW TABLES": true,
		"DESCRIBE t": true, "desc t": true, "EXPLAIN SELECT 1": true, "EXPLAIN ANALYZE SELECT 1": true,
		"WITH x AS (SELECT 1) SELECT * FROM x": true, "VALUES ROW(1)": true, "TABLE t": true,
		"/* c */ SELECT 1": true, "/*+ hint */SELECT 1": true, "-- c\nSELECT 1": true, "# c\nshow tables": true,
		"INSERT INTO t VALUES (1)": false, "UPDATE t SET a = 1": false, "DELETE FROM t": false,
		"CREATE TABLE selection (a INT)": false, "SELECTED": false, "BEGIN": false, "": false, "/* open": false,
		"selección": false,
	} {
		if got := returnsRows(q); got != want {
			t.Errorf("returnsRows(%q) = %v, want %v", q, got, want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"SELECT 1; SELECT 'a;b' -- c\n;", guardTrigger + ";", "/*! x */; `a\\`;", "'\\", "END IF; END CASE;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		last := 0
		for _, st := range split(script) {
			if st.sql == "" || strings.TrimSpace(st.sql) != st.sql {
				t.Fatalf("split(%q) gave statement %q", script, st.sql)
			}
			if st.line < max(last, 1) {
				t.Fatalf("split(%q): statement %q at line %d after line %d", script, st.sql, st.line, last)
			}
			last = st.line
		}
	})
}
