package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/DATA-DOG/go-sqlmock"
	"github.com/chzyer/readline"
)

// exact matches the SQL text exactly, so tests see what the splitter sends.
var exact = sqlmock.QueryMatcherFunc(func(want, got string) error {
	if want != got {
		return fmt.Errorf("got query %q, want %q", got, want)
	}
	return nil
})

func newMock(t *testing.T) (*sql.DB, sqlmock.Sqlmock) {
	t.Helper()
	db, mock, err := sqlmock.New(sqlmock.QueryMatcherOption(exact))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := mock.ExpectationsWereMet(); err != nil {
			t.Error(err)
		}
	})
	return db, mock
}

// runMain runs the program on db with stdin and args.
func runMain(t *testing.T, db *sql.DB, stdin string, args ...string) (code int, stdout, stderr string, dsn string) {
	t.Helper()
	var out, errOut strings.Builder
	open := func(_ context.Context, d string) (*sql.DB, error) {
		dsn = d
		return db, nil
	}
	code = run(args, strings.NewReader(stdin), &out, &errOut, open)
	return code, out.String(), errOut.String(), dsn
}

func users() *sqlmock.Rows {
	return sqlmock.NewRows([]string{"id", "name"}).AddRow(int64(1), "Ana").AddRow(int64(2), "Bo")
}

func TestPipe(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectExec("CREATE TABLE users (\n  id INT,\n  name VARCHAR(10)\n)").WillReturnResult(sqlmock.NewResult(0, 0))
	mock.ExpectExec("INSERT INTO users VALUES (1, 'Ana;'), (2, 'Bo')").WillReturnResult(sqlmock.NewResult(0, 2))
	mock.ExpectExec("UPDATE users SET name = 'Ana' WHERE id = 1").WillReturnResult(sqlmock.NewResult(0, 1))
	mock.ExpectQuery("SELECT id, name\n  FROM users").WillReturnRows(users())
	mock.ExpectQuery("SELECT id FROM users WHERE 0").WillReturnRows(sqlmock.NewRows([]string{"id"}))
	mock.ExpectQuery("SELECT 1").WillReturnRows(sqlmock.NewRows([]string{"1"}).AddRow(int64(1)))
	stdin := `-- a script
CREATE TABLE users (
  id INT,
  name VARCHAR(10)
);
INSERT INTO users VALUES (1, 'Ana;'), (2, 'Bo'); UPDATE users SET name = 'Ana' WHERE id = 1;
SELECT id, name
  FROM users;
SELECT id FROM users WHERE 0;
SELECT 1`
	code, stdout, stderr, dsn := runMain(t, db, stdin)
	want := `Query OK, 0 rows affected
Query OK, 2 rows affected
Query OK, 1 row affected
+----+------+
| id | name |
+----+------+
|  1 | Ana  |
|  2 | Bo   |
+----+------+
2 rows in set
Empty set
+---+
| 1 |
+---+
| 1 |
+---+
1 row in set
`
	if code != 0 || stdout != want || stderr != "" {
		t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", code, stdout, want, stderr)
	}
	if dsn != defaultDSN {
		t.Errorf("dsn = %q, want the default %q", dsn, defaultDSN)
	}
}

func TestCommandFlag(t *testing.T) {
	t.Run("ok", func(t *testing.T) {
		db, mock := newMock(t)
		mock.ExpectQuery("SELECT 1").WillReturnRows(sqlmock.NewRows([]string{"1"}).AddRow(int64(1)))
		mock.ExpectExec("DELETE FROM t").WillReturnResult(sqlmock.NewResult(0, 3))
		code, stdout, stderr, dsn := runMain(t, db, "ignored", "-mode", "csv", "-c", "SELECT 1; DELETE FROM t", "mem://x")
		if code != 0 || stdout != "1\n1\n" || stderr != "" || dsn != "mem://x" {
			t.Errorf("exit %d, stdout %q, stderr %q, dsn %q", code, stdout, stderr, dsn)
		}
	})
	t.Run("failing statement stops", func(t *testing.T) {
		db, mock := newMock(t)
		mock.ExpectExec("INSERT INTO t VALUES (1)").WillReturnError(errors.New(`s3db: no such table "t"`))
		code, stdout, stderr, _ := runMain(t, db, "", "-c", "INSERT INTO t VALUES (1);\nSELECT 2;")
		if code != 1 || stdout != "" || stderr != "ERROR at line 1: s3db: no such table \"t\"\n" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
	})
	t.Run("force goes on", func(t *testing.T) {
		db, mock := newMock(t)
		mock.ExpectExec("INSERT INTO t VALUES (1)").WillReturnError(errors.New("boom"))
		mock.ExpectQuery("SELECT 2").WillReturnRows(sqlmock.NewRows([]string{"2"}).AddRow(int64(2)))
		code, stdout, stderr, _ := runMain(t, db, "", "-force", "-mode", "tsv", "-c", "INSERT INTO t VALUES (1);\nSELECT 2;")
		if code != 1 || stdout != "2\n2\n" || stderr != "ERROR at line 1: boom\n" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
	})
	t.Run("flags after the DSN", func(t *testing.T) {
		db, mock := newMock(t)
		mock.ExpectQuery("SELECT 1").WillReturnRows(sqlmock.NewRows([]string{"1"}).AddRow(int64(1)))
		code, stdout, _, dsn := runMain(t, db, "", "file:./d", "-mode", "json", "-c", "SELECT 1")
		if code != 0 || stdout != "[{\"1\":1}]\n" || dsn != "file:./d" {
			t.Errorf("exit %d, stdout %q, dsn %q", code, stdout, dsn)
		}
	})
}

func TestFileFlag(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectExec("INSERT INTO t VALUES ('x')").WillReturnResult(sqlmock.NewResult(0, 1))
	mock.ExpectQuery("SELECT\n nope").WillReturnError(errors.New("unknown column"))
	path := filepath.Join(t.TempDir(), "script.sql")
	if err := os.WriteFile(path, []byte("\n\nINSERT INTO t VALUES ('x');\n.mode line\nSELECT\n nope;\nSELECT 3;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr, _ := runMain(t, db, "", "-f", path)
	want := fmt.Sprintf("ERROR at line 5 in %s: unknown column\n", path)
	if code != 1 || stdout != "Query OK, 1 row affected\n" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q (want %q)", code, stdout, stderr, want)
	}
}

func TestUsage(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"-version"}, 0, "s3sql (devel)\n", ""},
		{[]string{"-mode", "xml"}, 2, "", "s3sql: unknown mode \"xml\"; valid: table, csv, tsv, json, line\n"},
		{[]string{"-c", "x", "-f", "y"}, 2, "", "s3sql: use -c or -f, not both\n"},
		{[]string{"-nope"}, 2, "", "flag provided but not defined: -nope\n"},
		{[]string{"mem://a", "mem://b"}, 2, "", "s3sql: unexpected argument \"mem://b\" after the DSN\n"},
		{[]string{"-f", "/does/not/exist.sql"}, 1, "", "ERROR: open /does/not/exist.sql: no such file or directory\n"},
	} {
		db, _ := newMock(t)
		code, stdout, stderr, _ := runMain(t, db, "", tt.args...)
		if code != tt.code || stdout != tt.stdout || !strings.HasPrefix(stderr, tt.stderr) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %d, %q, %q...", tt.args, code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
		}
	}
}

func TestOpenError(t *testing.T) {
	var stdout, stderr strings.Builder
	open := func(context.Context, string) (*sql.DB, error) { return nil, errors.New("access denied") }
	code := run([]string{"s3://AKIA:SECRET@bucket/p?passphrase=pw"}, strings.NewReader(""), &stdout, &stderr, open)
	want := "ERROR: open s3://AKIA:xxxxx@bucket/p?passphrase=xxxxx: access denied\n"
	if code != 1 || stderr.String() != want {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr.String(), want)
	}
	stderr.Reset()
	run([]string{"s3://AKIA:SECRET@bucket?regoin=x"}, strings.NewReader(""), &stdout, &stderr, open)
	if strings.Contains(stderr.String(), "SECRET") {
		t.Errorf("stderr %q shows the secret", stderr.String())
	}
}

func TestMetaCommands(t *testing.T) {
	dir := t.TempDir()
	inner := filepath.Join(dir, "inner.sql")
	if err := os.WriteFile(inner, []byte("SELECT 'inner';\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tables := func() *sqlmock.Rows { return sqlmock.NewRows([]string{"Tables"}).AddRow("a").AddRow("b`c") }
	describe := func() *sqlmock.Rows {
		return sqlmock.NewRows([]string{"Field", "Type", "Null"}).AddRow("id", "int", "NO")
	}
	db, mock := newMock(t)
	mock.ExpectQuery("SHOW TABLES").WillReturnRows(tables())
	mock.ExpectQuery("SHOW TABLES").WillReturnRows(tables())
	mock.ExpectQuery("DESCRIBE `a`").WillReturnRows(describe())
	mock.ExpectQuery("DESCRIBE `b``c`").WillReturnRows(describe())
	mock.ExpectQuery("DESCRIBE `a`").WillReturnRows(describe())
	mock.ExpectQuery("SELECT 'inner'").WillReturnRows(sqlmock.NewRows([]string{"inner"}).AddRow("inner"))
	stdin := strings.Join([]string{
		".tables", ".mode csv", ".schema", ".mode", ".schema a;", ".read " + inner, ".timer", "  .timer on  ", ".timer",
		".quit", "SELECT 'never';",
	}, "\n")
	code, stdout, stderr, _ := runMain(t, db, stdin, "-mode", "table")
	want := `+--------+
| Tables |
+--------+
| a      |
| b` + "`" + `c    |
+--------+
2 rows in set
-- a
Field,Type,Null
id,int,NO
-- b` + "`" + `c
Field,Type,Null
id,int,NO
mode: csv
Field,Type,Null
id,int,NO
inner
inner
timer: off
timer: on
`
	if code != 0 || stdout != want || stderr != "" {
		t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", code, stdout, want, stderr)
	}
}

func TestMetaCommandErrors(t *testing.T) {
	for _, tt := range []struct{ line, err string }{
		{".nope", `ERROR at line 1: unknown command ".nope"; valid: .exit, .help, .mode, .quit, .read, .schema, .tables, .timer`},
		{".mode xml", `ERROR at line 1: unknown mode "xml"; valid: table, csv, tsv, json, line`},
		{".timer maybe", "ERROR at line 1: usage: .timer on|off"},
		{".read", "ERROR at line 1: usage: .read FILE"},
		{".read /does/not/exist", "ERROR at line 1: open /does/not/exist: no such file or directory"},
	} {
		db, _ := newMock(t)
		code, stdout, stderr, _ := runMain(t, db, tt.line+"\nSELECT 'not run';\n")
		if code != 1 || stdout != "" || stderr != tt.err+"\n" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q, want %q", tt.line, code, stdout, stderr, tt.err)
		}
	}
}

func TestHelpAndQuitWords(t *testing.T) {
	db, _ := newMock(t)
	code, stdout, _, _ := runMain(t, db, ".help\nquit;\nSELECT 'not run';")
	if code != 0 || !strings.Contains(stdout, ".schema [TABLE...]") || !strings.Contains(stdout, ".read FILE") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	for _, q := range []string{"exit", "QUIT", `\q`, ".exit"} {
		db, _ := newMock(t)
		if code, _, _, _ := runMain(t, db, q+"\nSELECT 'not run';"); code != 0 {
			t.Errorf("%s: exit %d", q, code)
		}
	}
}

// TestReadStopsAtError: a failing statement in a .read file stops the file
// and, in a script, the script.
func TestReadStopsAtError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.sql")
	if err := os.WriteFile(path, []byte("SELECT 1;\nSELECT bad;\nSELECT 3;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db, mock := newMock(t)
	mock.ExpectQuery("SELECT 1").WillReturnRows(sqlmock.NewRows([]string{"1"}).AddRow(int64(1)))
	mock.ExpectQuery("SELECT bad").WillReturnError(errors.New("no"))
	code, stdout, stderr, _ := runMain(t, db, ".read "+path+"\nSELECT 'not run';", "-mode", "csv")
	if want := fmt.Sprintf("ERROR at line 2 in %s: no\n", path); code != 1 || stdout != "1\n1\n" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q, want %q", code, stdout, stderr, want)
	}
}

func TestTimer(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectQuery("SELECT 1").WillReturnRows(sqlmock.NewRows([]string{"1"}).AddRow(int64(1)))
	mock.ExpectExec("DELETE FROM t").WillReturnResult(sqlmock.NewResult(0, 0))
	mock.ExpectQuery("SELECT 2").WillReturnRows(sqlmock.NewRows([]string{"2"}).AddRow(int64(2)))
	var stdout, stderr strings.Builder
	s := newShell(db, &stdout, &stderr)
	s.timer = true
	clock := time.Unix(0, 0)
	s.now = func() time.Time { clock = clock.Add(15 * time.Millisecond); return clock }
	err := s.run(context.Background(), plainReader{bufio.NewReader(strings.NewReader("SELECT 1; DELETE FROM t;\n.mode json\nSELECT 2;"))}, "", true)
	s.out.Flush()
	want := "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set (0.01 sec)\nQuery OK, 0 rows affected (0.01 sec)\n[{\"2\":2}]\n"
	if err != nil || stdout.String() != want || stderr.String() != "Run Time: 0.01 sec\n" {
		t.Errorf("err %v\nstdout %q\nwant   %q\nstderr %q", err, stdout.String(), want, stderr.String())
	}
}

// fakeTerm is a terminal: it records the prompts and returns scripted
// lines; a line "^C" is Ctrl-C.
type fakeTerm struct {
	lines   []string
	prompts []string
	history []string
}

func (f *fakeTerm) readLine(prompt string) (string, error) {
	f.prompts = append(f.prompts, prompt)
	if len(f.lines) == 0 {
		return "", io.EOF
	}
	line := f.lines[0]
	f.lines = f.lines[1:]
	if line == "^C" {
		return "", readline.ErrInterrupt
	}
	return line, nil
}

func (f *fakeTerm) saveHistory(s string) { f.history = append(f.history, s) }

func TestInteractive(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectQuery("SELECT\n  1").WillReturnRows(sqlmock.NewRows([]string{"1"}).AddRow(int64(1)))
	mock.ExpectExec("DROP TABLE t").WillReturnError(errors.New("no such table t"))
	mock.ExpectQuery("SELECT 'x;y'").WillReturnRows(sqlmock.NewRows([]string{"x;y"}).AddRow("x;y"))
	term := &fakeTerm{lines: []string{"SELECT", "  1;", "DROP TABLE t;", "SELECT 'half", "^C", "SELECT 'x;y'", ";", ".mode csv", ".bogus", "SELECT 'dropped by Ctrl-D'"}}
	var stdout, stderr strings.Builder
	s := newShell(db, &stdout, &stderr)
	s.interactive = true
	if err := s.run(context.Background(), term, "", false); err != nil {
		t.Fatal(err)
	}
	s.out.Flush()
	wantPrompts := []string{prompt, continuePrompt, prompt, prompt, continuePrompt, prompt, continuePrompt, prompt, prompt, prompt, continuePrompt}
	if strings.Join(term.prompts, "|") != strings.Join(wantPrompts, "|") {
		t.Errorf("prompts %q, want %q", term.prompts, wantPrompts)
	}
	wantOut := "+---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set\n\n+-----+\n| x;y |\n+-----+\n| x;y |\n+-----+\n1 row in set\n\n"
	wantErr := "ERROR: no such table t\nERROR: unknown command \".bogus\"; valid: .exit, .help, .mode, .quit, .read, .schema, .tables, .timer\n"
	if stdout.String() != wantOut || stderr.String() != wantErr {
		t.Errorf("stdout %q\nwant   %q\nstderr %q\nwant   %q", stdout.String(), wantOut, stderr.String(), wantErr)
	}
	wantHistory := []string{"SELECT\n  1;", "DROP TABLE t;", "SELECT 'x;y';", ".mode csv", ".bogus"}
	if strings.Join(term.history, "|") != strings.Join(wantHistory, "|") {
		t.Errorf("history %q, want %q", term.history, wantHistory)
	}
}

// TestInterrupt: Ctrl-C cancels the running statement and the session goes on.
func TestInterrupt(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectQuery("SELECT sleep").WillDelayFor(10 * time.Second).WillReturnRows(sqlmock.NewRows([]string{"a"}))
	mock.ExpectQuery("SELECT 2").WillReturnRows(sqlmock.NewRows([]string{"2"}).AddRow(int64(2)))
	var stdout, stderr strings.Builder
	s := newShell(db, &stdout, &stderr)
	s.interactive = true
	go func() {
		for !s.interrupt() {
			time.Sleep(time.Millisecond)
		}
	}()
	start := time.Now()
	if err := s.run(context.Background(), &fakeTerm{lines: []string{"SELECT sleep;", "SELECT 2;"}}, "", false); err != nil {
		t.Fatal(err)
	}
	s.out.Flush()
	if time.Since(start) > 5*time.Second {
		t.Error("the statement was not cancelled")
	}
	if stderr.String() != "ERROR: statement cancelled\n" || !strings.Contains(stdout.String(), "| 2 |") {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
	if s.interrupt() {
		t.Error("interrupt with no statement running reported a cancel")
	}
}

func TestQueryWithoutColumns(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectQuery("WITH x AS (SELECT 1) DELETE FROM t").WillReturnRows(sqlmock.NewRows(nil))
	code, stdout, stderr, _ := runMain(t, db, "WITH x AS (SELECT 1) DELETE FROM t;")
	if code != 0 || stdout != "Query OK, 0 rows affected\n" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestRowError(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectQuery("SELECT id, name FROM users").WillReturnRows(users().RowError(1, errors.New("GET failed")))
	code, stdout, stderr, _ := runMain(t, db, "SELECT id, name FROM users;", "-mode", "csv")
	if code != 1 || stdout != "id,name\n1,Ana\n" || stderr != "ERROR at line 1: GET failed\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestProgress: a long statement on a terminal shows that it is running and
// how to cancel it, and the line is cleared when it ends; a quick one and a
// script show nothing.
func TestProgress(t *testing.T) {
	db, mock := newMock(t)
	mock.ExpectExec("CREATE INDEX slow ON t (a)").WillDelayFor(120 * time.Millisecond).WillReturnResult(sqlmock.NewResult(0, 0))
	mock.ExpectExec("CREATE INDEX quick ON t (a)").WillReturnResult(sqlmock.NewResult(0, 0))
	var stdout, stderr strings.Builder
	s := newShell(db, &stdout, &stderr)
	s.interactive, s.progressAfter, s.progressEvery = true, 30*time.Millisecond, 20*time.Millisecond
	if err := s.run(context.Background(), &fakeTerm{lines: []string{"CREATE INDEX slow ON t (a);", "CREATE INDEX quick ON t (a);"}}, "", false); err != nil {
		t.Fatal(err)
	}
	got := stderr.String()
	if !strings.Contains(got, "... running for") || !strings.Contains(got, "Ctrl-C cancels") || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("stderr %q: want a progress line, cleared at the end", got)
	}
	if strings.Count(got, "\r\033[K") != 1 {
		t.Errorf("stderr %q: the quick statement showed progress", got)
	}
}
