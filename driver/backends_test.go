package driver_test

import (
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/s3db-go/s3db/storage/storagetest"
)

// backend opens a fresh, empty database for a test.
type backend struct {
	name string
	dsn  func(t *testing.T) string
}

var memSeq atomic.Int64

// backends are the three storage backends every end-to-end test runs on. The
// S3 one talks to the real S3 server that `make test` starts (and fails, not
// skips, when S3DB_REQUIRE_S3=1 and there is none).
var backends = []backend{
	{"mem", func(t *testing.T) string { return fmt.Sprintf("mem://e2e-%d", memSeq.Add(1)) }},
	{"fs", func(t *testing.T) string { return "file:" + t.TempDir() }},
	{"s3", func(t *testing.T) string {
		endpoint, key, secret, region := storagetest.S3FromEnv(t)
		return fmt.Sprintf("s3://%s:%s@%s/app?endpoint=%s&path_style=true&region=%s&create_bucket=true",
			url.QueryEscape(key), url.QueryEscape(secret), storagetest.BucketName(t), endpoint, region)
	}},
}

// eachBackend runs fn as a subtest on every backend with a fresh database.
func eachBackend(t *testing.T, fn func(t *testing.T, dsn string, db *sql.DB)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			fn(t, dsn, open(t, dsn))
		})
	}
}

func open(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("s3db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db *sql.DB, query string, args ...any) sql.Result {
	t.Helper()
	res, err := db.Exec(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return res
}

// queryRows returns every row as strings (NULL as "NULL"), for compact assertions.
func queryRows(t *testing.T, db *sql.DB, query string, args ...any) [][]string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

func flat(rows [][]string) string {
	var parts []string
	for _, r := range rows {
		parts = append(parts, strings.Join(r, ","))
	}
	return strings.Join(parts, ";")
}

func wantRows(t *testing.T, db *sql.DB, want, query string, args ...any) {
	t.Helper()
	if got := flat(queryRows(t, db, query, args...)); got != want {
		t.Errorf("%s\n got: %s\nwant: %s", query, got, want)
	}
}

func wantErr(t *testing.T, err error, substr string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", substr)
	}
	if !strings.Contains(err.Error(), substr) {
		t.Fatalf("error %q does not contain %q", err, substr)
	}
}
