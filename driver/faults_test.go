package driver_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	s3db "github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
)

// faultyDB opens a database on a fresh in-memory bucket behind a fault injector.
func faultyDB(t *testing.T) (*sql.DB, *storage.Faulty, storage.Bucket) {
	t.Helper()
	raw := mem.New()
	faulty := storage.NewFaulty(raw)
	cfg, _ := s3db.ParseDSN("mem://")
	c, err := s3db.NewConnector(cfg, s3db.WithBucket(faulty))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	t.Cleanup(func() { db.Close() })
	return db, faulty, raw
}

func objectCount(t *testing.T, b storage.Bucket, prefix string) int {
	t.Helper()
	page, err := b.List(context.Background(), storage.ListOptions{Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Objects)
}

// TestInsertAllOrNothing: when one PUT of a multi-row INSERT fails, the rows
// already written are removed again.
func TestInsertAllOrNothing(t *testing.T) {
	db, faulty, raw := faultyDB(t)
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY, v TEXT)`)
	faulty.FailNext(storage.OpPut, "resource=t/data/id=3", 1, nil)
	_, err := db.Exec(`INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')`)
	wantErr(t, err, "row 3")
	if n := objectCount(t, raw, "resource=t/data/"); n != 0 {
		t.Errorf("%d rows left behind by a failed INSERT, want 0", n)
	}
	mustExec(t, db, `INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')`)
	wantRows(t, db, "4", `SELECT COUNT(*) FROM t`)
}

// TestUpdateRetriesConflicts: a compare-and-swap lost to another writer is
// retried from a fresh read, and a row that stops matching WHERE is skipped.
func TestUpdateRetriesConflicts(t *testing.T) {
	db, faulty, _ := faultyDB(t)
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY, n INT, tag TEXT)`)
	mustExec(t, db, `INSERT INTO t VALUES (1, 0, 'x'), (2, 0, 'x')`)
	// Another writer changes row 1 between our read and our write, once.
	var fired atomic.Bool
	faulty.SetHook(func(ctx context.Context, op storage.Op, key string) error {
		if op == storage.OpPut && key == "resource=t/data/id=1" && fired.CompareAndSwap(false, true) {
			if _, err := db.ExecContext(context.Background(), `UPDATE t SET n = n + 10 WHERE id = 1`); err != nil {
				t.Error(err)
			}
		}
		return nil
	})
	res := mustExec(t, db, `UPDATE t SET n = n + 1 WHERE tag = 'x'`)
	if n, _ := res.RowsAffected(); n != 2 {
		t.Errorf("affected %d, want 2", n)
	}
	wantRows(t, db, "1,11;2,1", `SELECT id, n FROM t ORDER BY id`)

	// A concurrent change that makes the row stop matching: it is not updated.
	fired.Store(false)
	faulty.SetHook(func(ctx context.Context, op storage.Op, key string) error {
		if op == storage.OpPut && key == "resource=t/data/id=2" && fired.CompareAndSwap(false, true) {
			if _, err := db.ExecContext(context.Background(), `UPDATE t SET tag = 'y' WHERE id = 2`); err != nil {
				t.Error(err)
			}
		}
		return nil
	})
	res = mustExec(t, db, `UPDATE t SET n = 100 WHERE tag = 'x'`)
	if n, _ := res.RowsAffected(); n != 1 {
		t.Errorf("affected %d, want 1 (row 2 stopped matching)", n)
	}
	wantRows(t, db, "1,100,x;2,1,y", `SELECT id, n, tag FROM t ORDER BY id`)
}

// TestStorageErrorsSurface: a failing GET during a scan is an error, never a
// silently shorter result; a corrupt row names its key.
func TestStorageErrorsSurface(t *testing.T) {
	db, faulty, raw := faultyDB(t)
	mustExec(t, db, `CREATE TABLE t (id INT PRIMARY KEY, v TEXT)`)
	mustExec(t, db, `INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')`)
	faulty.FailNext(storage.OpGet, "resource=t/data/id=2", 1, errors.New("injected outage"))
	wantErr(t, queryErr(db, `SELECT v FROM t ORDER BY v`), "injected outage")

	if _, err := raw.Put(context.Background(), "resource=t/data/id=9", []byte("x"), map[string]string{"_v": "1", "zz": "?"}, storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	err := queryErr(db, `SELECT v FROM t`)
	wantErr(t, err, "resource=t/data/id=9")
	var e *s3db.Error
	if !errors.As(err, &e) || e.Code != s3db.CodeCorrupt || !strings.Contains(err.Error(), `unknown field code "zz"`) {
		t.Errorf("got %v, want CodeCorrupt naming the field code", err)
	}
}

// queryErr runs a query to the end and returns its first error.
func queryErr(db *sql.DB, query string, args ...any) error {
	rows, err := db.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
