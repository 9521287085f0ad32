package bench

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
	"github.com/s3db-go/s3db/storage/s3"
)

// Point select: a whole row by primary key, 1 GET. Raw: the GET.

func BenchmarkPointSelect(b *testing.B)   { benchPointSelect(b, 1) }
func BenchmarkPointSelect16(b *testing.B) { benchPointSelect(b, 16) }

func benchPointSelect(b *testing.B, callers int) {
	fx := setup(b)
	t, rows := fx.seeded(b, scanRows(b)), scanRows(b)
	compare(b, callers, fx.rawSide(fx.rawGet(t, rows)), fx.s3db(fx.pointSelect(t, rows)))
}

// BenchmarkPointSelectPrepared is PointSelect through a prepared statement,
// parsed once: what it gains over PointSelect is the cost of parsing.
func BenchmarkPointSelectPrepared(b *testing.B) {
	fx := setup(b)
	t, rows := fx.seeded(b, scanRows(b)), scanRows(b)
	stmt, err := fx.db.Prepare(selectByID(t))
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	queryRow := func(ctx context.Context, _ string, args ...any) *sql.Row { return stmt.QueryRowContext(ctx, args...) }
	compare(b, 1, fx.rawSide(fx.rawGet(t, rows)), fx.s3db(selectRow(queryRow, t, rows)))
}

// Insert: a single-row INSERT, 1 create-only PUT. Raw: a PUT with
// If-None-Match: * of an object with the user metadata of a stored row.

func BenchmarkInsert(b *testing.B)   { benchInsert(b, 1) }
func BenchmarkInsert16(b *testing.B) { benchInsert(b, 16) }

// inserted numbers the rows inserted by the process, keeping keys unique.
var inserted atomic.Int64

func benchInsert(b *testing.B, callers int) {
	fx := setup(b)
	meta, err := fx.raw.get(context.Background(), key(fx.seeded(b, scanRows(b)), id(0)))
	if err != nil {
		b.Fatal(err)
	}
	query := "INSERT INTO " + fx.table(b, "ins", columns, 0, row) + " VALUES (?, ?, ?, ?, ?, ?, ?)"
	created := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	newKey := func() string { return "n" + strconv.FormatInt(inserted.Add(1), 10) }
	compare(b, callers,
		fx.rawSide(func(ctx context.Context, _ int) (int, error) {
			return 1, fx.raw.create(ctx, key("rawins", newKey()), meta)
		}),
		fx.s3db(func(ctx context.Context, _ int) (int, error) {
			_, err := fx.db.ExecContext(ctx, query, newKey(), "User 0", "user0@example.com", 18, 0.0, true, created)
			return 1, err
		}))
}

// Full scan: every row of the table, 1 LIST per 1,000 rows + 1 GET per row,
// s3.DefaultConcurrency GETs in flight. Raw: the same requests.
func BenchmarkFullScan(b *testing.B) {
	fx := setup(b)
	t, rows := fx.seeded(b, scanRows(b)), scanRows(b)
	compare(b, 1, fx.rawSide(fx.rawScan(t, rows)), fx.s3db(fx.fullScan(t, rows)))
}

// COUNT(*): 1 LIST per 1,000 rows (rows/s counts the rows counted). Raw: the LISTs.
func BenchmarkCountStar(b *testing.B) {
	fx := setup(b)
	t, rows := fx.seeded(b, scanRows(b)), scanRows(b)
	compare(b, 1, fx.rawSide(fx.rawCount(t, rows)), fx.s3db(fx.countStar(t, rows)))
}

// Partition lookup: the 10 rows of one value of an indexed column, 1 LIST of
// the partition's entries + 10 GETs. Raw: the same requests, the GETs in
// parallel, the entry prefix computed from the catalog's field code.
func BenchmarkPartitionLookup10(b *testing.B) {
	fx := setup(b)
	rows := max(10, scanRows(b)/10*10) // every group full
	t := fx.table(b, fmt.Sprintf("tp%d", rows), partitioned, rows, partitionedRow)
	compare(b, 1, fx.rawSide(fx.rawLookup(b, t, "bygrp", rows)), fx.s3db(fx.lookup(t, rows)))
}

// partitioned is the schema of the partitioned table: columns, plus grp,
// which groups the rows 10 by 10, and a partition (an index) on it.
var partitioned = strings.TrimSuffix(columns, ")") + ", grp INT NOT NULL, INDEX bygrp (grp))"

func partitionedRow(i int) string {
	return fmt.Sprintf("%s, %d)", strings.TrimSuffix(row(i), ")"), i/10)
}

// BenchmarkScale measures a point select, COUNT(*) and a full scan as the
// table grows (S3DB_BENCH_SCALE, default "1000,10000"), for raw and s3db,
// every size and side interleaved; metrics are prefixed by size and side, as
// in 1000rows-s3db-ns/op. A point select stays at 1 GET; COUNT(*) grows by a
// LIST per 1,000 rows; a full scan by a GET per row.
func BenchmarkScale(b *testing.B) {
	fx := setup(b)
	var sizes []int
	spec := cmp.Or(os.Getenv("S3DB_BENCH_SCALE"), "1000,10000")
	for _, s := range strings.Split(spec, ",") {
		rows, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s), "_", ""))
		if err != nil || rows <= 0 {
			b.Fatalf("S3DB_BENCH_SCALE=%q: want sizes such as 1000,10000", spec)
		}
		sizes = append(sizes, rows)
	}
	type opFor func(table string, rows int) op
	for _, c := range []struct {
		name      string
		raw, s3db opFor
	}{
		{"PointSelect", fx.rawGet, fx.pointSelect},
		{"CountStar", fx.rawCount, fx.countStar},
		{"FullScan", fx.rawScan, fx.fullScan},
	} {
		var sides []side
		for _, rows := range sizes {
			t := fx.seeded(b, rows)
			for _, s := range []side{fx.rawSide(c.raw(t, rows)), fx.s3db(c.s3db(t, rows))} {
				s.name = fmt.Sprintf("%drows-%s", rows, s.name)
				sides = append(sides, s)
			}
		}
		b.Run(c.name, func(b *testing.B) { interleave(b, 1, sides...) })
	}
}

// BenchmarkScanMemory is a full scan of S3DB_BENCH_MEM_ROWS rows (default
// 20,000) that also reports peak-heap-MiB, the largest growth of the heap in
// use during the scan: it must not grow with the table.
func BenchmarkScanMemory(b *testing.B) {
	fx := setup(b)
	rows := envInt(b, "S3DB_BENCH_MEM_ROWS", 20000)
	t := fx.seeded(b, rows)
	raw, s3db := fx.rawSide(fx.rawScan(t, rows)), fx.s3db(fx.fullScan(t, rows))
	raw.heap, s3db.heap = true, true
	compare(b, 1, raw, s3db)
}

// The operations. Those on a seeded table of rows rows read row pick(i) in
// operation i, or every row, and fail unless they find what they should.

func pick(i, rows int) int { return i * 7919 % rows }

func (fx *fixture) rawGet(table string, rows int) op {
	return func(ctx context.Context, i int) (int, error) {
		_, err := fx.raw.get(ctx, key(table, id(pick(i, rows))))
		return 1, err
	}
}

func (fx *fixture) pointSelect(table string, rows int) op {
	return selectRow(fx.db.QueryRowContext, table, rows)
}

func selectByID(table string) string { return "SELECT * FROM " + table + " WHERE id = ?" }

// selectRow reads a whole row by its key with queryRow: DB.QueryRowContext,
// or a prepared statement's.
func selectRow(queryRow func(context.Context, string, ...any) *sql.Row, table string, rows int) op {
	query := selectByID(table)
	return func(ctx context.Context, i int) (int, error) {
		var r seedRow
		return 1, queryRow(ctx, query, id(pick(i, rows))).Scan(r.dest()...)
	}
}

func (fx *fixture) lookup(table string, rows int) op {
	query := "SELECT id, name, email, age, score, active, created FROM " + table + " WHERE grp = ?"
	return func(ctx context.Context, i int) (int, error) {
		res, err := fx.db.QueryContext(ctx, query, pick(i, rows/10))
		if err != nil {
			return 0, err
		}
		return scanAll(table, 10, res)
	}
}

// rawLookup reads the rows whose column `grp` of index has the value
// pick(i, rows/10): the LIST of its entries, then a GET per entry's row.
func (fx *fixture) rawLookup(b *testing.B, table, index string, rows int) op {
	ctx := context.Background()
	cat, err := schema.NewStore(storage.WithPrefix(fx.counting, prefix), 0).Current(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ix := cat.Table(table).Index(index)
	return func(ctx context.Context, i int) (int, error) {
		v, err := record.KeyValue(schema.Type{Kind: schema.KindInt}, int64(pick(i, rows/10)))
		if err != nil {
			return 0, err
		}
		entries := prefix + "/" + record.PartitionPrefix(table, ix.Name, record.KeyPart{Code: ix.Codes[0], Value: v})
		var keys []string
		if err := fx.raw.list(ctx, entries, func(page []string) error { keys = append(keys, page...); return nil }); err != nil {
			return 0, err
		}
		var wg sync.WaitGroup
		errs := make([]error, len(keys))
		for k, entry := range keys {
			rowKey := dataPrefix(table) + entry[strings.LastIndex(entry, "/id=")+1:]
			wg.Go(func() { _, errs[k] = fx.raw.get(ctx, rowKey) })
		}
		wg.Wait()
		return check(table, 10)(len(keys), errors.Join(errs...))
	}
}

func (fx *fixture) rawCount(table string, rows int) op {
	return func(ctx context.Context, _ int) (int, error) {
		return check(table, rows)(fx.raw.count(ctx, dataPrefix(table)))
	}
}

func (fx *fixture) countStar(table string, rows int) op {
	return func(ctx context.Context, _ int) (int, error) {
		var n int
		err := fx.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n)
		return check(table, rows)(n, err)
	}
}

func (fx *fixture) rawScan(table string, rows int) op {
	return func(ctx context.Context, _ int) (int, error) {
		return check(table, rows)(fx.raw.scan(ctx, dataPrefix(table), s3.DefaultConcurrency))
	}
}

func (fx *fixture) fullScan(table string, rows int) op {
	return func(ctx context.Context, _ int) (int, error) {
		res, err := fx.db.QueryContext(ctx, "SELECT * FROM "+table)
		if err != nil {
			return 0, err
		}
		return scanAll(table, rows, res)
	}
}

// scanAll scans every row of res, which must hold want rows, and closes it.
func scanAll(table string, want int, res *sql.Rows) (int, error) {
	defer res.Close()
	n := 0
	var r seedRow
	for res.Next() {
		if err := res.Scan(r.dest()...); err != nil {
			return n, err
		}
		n++
	}
	return check(table, want)(n, res.Err())
}

// seedRow receives a row of a seeded table.
type seedRow struct {
	id, name, email string
	age             int64
	score           float64
	active          bool
	created         time.Time
}

func (r *seedRow) dest() []any {
	return []any{&r.id, &r.name, &r.email, &r.age, &r.score, &r.active, &r.created}
}
