package schema

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// FuzzDDL feeds DDL to the parser and the schema builder: CREATE TABLE
// through NewTable, ALTER TABLE through Table.Alter (on a table it created,
// or a fixed one). Nothing may panic; a table that is built must survive the
// catalog's checks and its JSON round trip, and its SHOW CREATE TABLE text
// must build the same table again.
// Run with: go test -fuzz=FuzzDDL ./schema/
func FuzzDDL(f *testing.F) {
	for _, s := range []string{
		"CREATE TABLE t (a INT CHECK (a > 0), b VARCHAR(10) DEFAULT 'x', c UUID DEFAULT (UUID()), INDEX (b)) TIMESTAMPS = ON",
		"CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, e ENUM('a','b') NOT NULL DEFAULT 'a', CONSTRAINT c CHECK (id <> 0))",
		"CREATE TABLE t (d DECIMAL(10,2) UNIQUE, s SECRET(5), v EMBEDDING(3), t TIME(3), x JSON) BEHAVIOR = 'body-only' COMMENT 'c'",
		"ALTER TABLE t ADD COLUMN z INT DEFAULT 3 FIRST, DROP b, MODIFY a BIGINT NOT NULL, RENAME COLUMN c TO cc",
		"ALTER TABLE t CHANGE a aa VARCHAR(5) CHECK (aa <> ''), ADD INDEX i (aa), ALTER cc DROP DEFAULT, RENAME TO u",
		"ALTER TABLE t ADD CONSTRAINT k CHECK (a < 10), DROP CHECK k, DROP CONSTRAINT t_chk_1, COMMENT 'x'",
		"ALTER TABLE t ADD (p IP4, q EMAIL NOT NULL), MODIFY b ENUM('x') AFTER p, DROP INDEX b",
		"CREATE TABLE t (a INT); ALTER TABLE t ADD b INT AUTO_INCREMENT, ADD c DATETIME DEFAULT CURRENT_TIMESTAMP",
		"RENAME TABLE a TO b; TRUNCATE t",
	} {
		f.Add(s)
	}
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	base, err := NewTable(mustCreate(f, "CREATE TABLE t (id VARCHAR(22) PRIMARY KEY, a INT, b VARCHAR(10), c UUID, INDEX (b), CHECK (a > 0))"), "", now)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		stmts, err := sqlparse.Parse(sql)
		if err != nil {
			return
		}
		cur := base
		for _, st := range stmts {
			switch s := st.(type) {
			case *sqlparse.CreateTable:
				tb, err := NewTable(s, "", now)
				if err != nil {
					continue
				}
				checkBuilt(t, tb, now)
				cur = tb
			case *sqlparse.AlterTable:
				a, err := cur.Alter(s.Specs, now)
				if err != nil {
					continue
				}
				checkBuilt(t, a.Table, now)
				cur = a.Table
			}
		}
	})
}

func mustCreate(f *testing.F, sql string) *sqlparse.CreateTable {
	stmts, err := sqlparse.Parse(sql)
	if err != nil {
		f.Fatal(err)
	}
	return stmts[0].(*sqlparse.CreateTable)
}

// checkBuilt checks a table NewTable or Alter made.
func checkBuilt(t *testing.T, tb *Table, now time.Time) {
	t.Helper()
	if err := checkTable(tb); err != nil {
		t.Fatalf("built table fails the catalog's checks: %v\n%+v", err, tb)
	}
	b, err := json.Marshal(&Catalog{Format: FormatVersion, Tables: map[string]*Table{"x": tb}})
	if err != nil {
		t.Fatal(err)
	}
	var c Catalog
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	create := tb.CreateSQL()
	stmts, err := sqlparse.Parse(create)
	if err != nil {
		t.Fatalf("SHOW CREATE TABLE does not parse: %v\n%s", err, create)
	}
	again, err := NewTable(stmts[0].(*sqlparse.CreateTable), "", now)
	if err != nil {
		t.Fatalf("SHOW CREATE TABLE does not build: %v\n%s", err, create)
	}
	if got := again.CreateSQL(); got != create {
		t.Fatalf("SHOW CREATE TABLE round trip:\n%s\n---\n%s", create, got)
	}
}
