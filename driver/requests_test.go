package driver_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	s3db "github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
)

// countingDB opens a database on a fresh in-memory bucket whose requests are counted.
func countingDB(t *testing.T, dsn string) (*sql.DB, *storage.Counting) {
	t.Helper()
	counting := storage.NewCounting(mem.New())
	db, _ := connect(t, dsn, s3db.WithBucket(counting))
	return db, counting
}

// TestRequestCounts pins the cost model of ARCHITECTURE.md: the number of S3
// requests each kind of statement makes.
func TestRequestCounts(t *testing.T) {
	db, counting := countingDB(t, "mem://?concurrency=4")
	mustExec(t, db, `CREATE TABLE u (id VARCHAR(22) PRIMARY KEY, name TEXT, age INT)`)
	var values []string
	for i := 0; i < 120; i++ {
		values = append(values, fmt.Sprintf("('u%03d', 'n%d', %d)", i, i, i%50))
	}
	mustExec(t, db, `INSERT INTO u VALUES `+strings.Join(values, ","))
	for _, c := range []struct {
		name, sql string
		args      []any
		want      storage.Counts
	}{
		{"insert one row: 1 create-only PUT", `INSERT INTO u VALUES ('x', 'x', 1)`, nil, storage.Counts{Put: 1}},
		{"point select: 1 GET", `SELECT name FROM u WHERE id = ?`, []any{"u007"}, storage.Counts{Get: 1}},
		{"point select of a missing key: 1 GET", `SELECT name FROM u WHERE id = 'nope'`, nil, storage.Counts{Get: 1}},
		{"IN list: 1 GET per key", `SELECT name FROM u WHERE id IN ('u001', 'u002', 'u003')`, nil, storage.Counts{Get: 3}},
		{"COUNT(*): LIST only", `SELECT COUNT(*) FROM u`, nil, storage.Counts{List: 1}},
		{"full scan: LIST + 1 GET per row", `SELECT COUNT(*) FROM u WHERE age > 10`, nil, storage.Counts{List: 1, Get: 121}},
		{"point update: GET + conditional PUT", `UPDATE u SET age = age + 1 WHERE id = 'u001'`, nil, storage.Counts{Get: 1, Put: 1}},
		{"update to the same value: GET only", `UPDATE u SET age = age WHERE id = 'u001'`, nil, storage.Counts{Get: 1}},
		{"point delete: GET + conditional DELETE", `DELETE FROM u WHERE id = 'x'`, nil, storage.Counts{Get: 1, Delete: 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := counting.Counts()
			rows, err := db.Query(c.sql, c.args...)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
			if got := counting.Counts().Sub(before); got != c.want {
				t.Errorf("%s\n got %v\nwant %v", c.sql, got, c.want)
			}
		})
	}

	// LIMIT stops a streamed scan early: with 4 GETs in flight at most, reading
	// 1 row of 121 makes a handful of GETs, not 121.
	before := counting.Counts()
	wantRows(t, db, "u000", `SELECT id FROM u LIMIT 1`)
	if got := counting.Counts().Sub(before); got.Get > 12 || got.List != 1 {
		t.Errorf("SELECT ... LIMIT 1 made %v; want 1 LIST and a few GETs", got)
	}
}

// TestCatalogCached: ordinary statements make no catalog request.
func TestCatalogCached(t *testing.T) {
	db, counting := countingDB(t, "mem://")
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY)`)
	before := counting.Counts()
	for i := 0; i < 10; i++ {
		mustExec(t, db, `INSERT INTO t VALUES (?)`, i)
	}
	if got := counting.Counts().Sub(before); got != (storage.Counts{Put: 10}) {
		t.Errorf("10 inserts made %v, want exactly 10 PUTs (no catalog reads)", got)
	}
}

func TestExplain(t *testing.T) {
	db, _ := countingDB(t, "mem://")
	mustExec(t, db, `CREATE TABLE u (id VARCHAR(22) PRIMARY KEY, name TEXT, age INT)`)
	mustExec(t, db, `INSERT INTO u VALUES ('a', 'Ana', 31), ('b', 'Bo', 40), ('c', 'Cy', 20)`)
	got := flat(queryRows(t, db, `EXPLAIN SELECT name FROM u WHERE id = ? AND age > 3`, "a"))
	if !strings.Contains(got, "PointGet u key IN (?)") {
		t.Errorf("EXPLAIN of a key lookup:\n%s", got)
	}
	rows := queryRows(t, db, `EXPLAIN ANALYZE SELECT name FROM u WHERE age > 25 ORDER BY name LIMIT 1`)
	var lines []string
	for _, r := range rows {
		lines = append(lines, strings.Join(r, " | "))
	}
	want := []string{
		"TopN name LIMIT 1 | 1 | ",
		"└─ Project name | 2 | ",
		"   └─ Filter (age > 25) | 2 | ",
		"      └─ FullScan u  [1 LIST per 1000 rows + 1 GET per row, streamed] | 3 | LIST 1, GET 3",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("EXPLAIN ANALYZE:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
