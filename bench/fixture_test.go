package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
	"github.com/s3db-go/s3db/storage/s3"
	"github.com/s3db-go/s3db/storage/storagetest"
)

// prefix is the database's key prefix in the bucket; raw requests use the
// same keys.
const prefix = "bench"

// columns is the schema of every benchmark table: a typical 7-column row,
// about 150 bytes of user metadata.
const columns = `(id VARCHAR(22) PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(255),
	age INT, score DOUBLE, active BOOLEAN, created DATETIME)`

// fixture is shared by every benchmark of the process: one fresh bucket on
// the S3 server, an s3db database in it whose requests are counted, a raw
// SDK client for the same bucket, and tables seeded on first use.
type fixture struct {
	db       *sql.DB
	counting *storage.Counting
	raw      *raw

	mu     sync.Mutex
	tables map[string]bool // created (and seeded) so far
}

var (
	shared    *fixture
	sharedErr error
	sharedMu  sync.Mutex
)

// setup returns the shared fixture, creating it on first use; it skips b
// without an S3 server (see storagetest.S3FromEnv).
func setup(b *testing.B) *fixture {
	b.Helper()
	endpoint, key, secret, region := storagetest.S3FromEnv(b)
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if shared == nil && sharedErr == nil {
		shared, sharedErr = newFixture(endpoint, key, secret, region, storagetest.BucketName(b))
	}
	if sharedErr != nil {
		b.Fatal(sharedErr)
	}
	return shared
}

func newFixture(endpoint, key, secret, region, bucket string) (*fixture, error) {
	ctx := context.Background()
	store, err := s3.Open(ctx, s3.Config{Bucket: bucket, Endpoint: endpoint, Region: region,
		AccessKey: key, SecretKey: secret, PathStyle: true, CreateBucket: true})
	if err != nil {
		return nil, err
	}
	cfg, err := driver.ParseDSN(fmt.Sprintf("s3://%s:%s@%s/%s?endpoint=%s&path_style=true&region=%s",
		url.QueryEscape(key), url.QueryEscape(secret), bucket, prefix, endpoint, region))
	if err != nil {
		return nil, err
	}
	counting := storage.NewCounting(store)
	c, err := driver.NewConnector(cfg, driver.WithBucket(counting))
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(c)
	db.SetMaxIdleConns(64) // 16 concurrent callers keep their connections
	r, err := newRaw(ctx, endpoint, key, secret, region, bucket)
	if err != nil {
		return nil, err
	}
	return &fixture{db: db, counting: counting, raw: r, tables: map[string]bool{}}, nil
}

// seeded returns the name of a table of rows rows (see row), "t<rows>",
// creating and seeding it on first use.
func (fx *fixture) seeded(b *testing.B, rows int) string {
	return fx.table(b, fmt.Sprintf("t%d", rows), columns, rows, row)
}

// table returns name after creating it on first use, with the columns (and
// indexes) of def and rows rows made by row.
func (fx *fixture) table(b *testing.B, name, def string, rows int, row func(i int) string) string {
	b.Helper()
	fx.mu.Lock()
	defer fx.mu.Unlock()
	if !fx.tables[name] {
		start := time.Now()
		if err := fx.seed(name, def, rows, row); err != nil {
			b.Fatalf("seed %s: %v", name, err)
		}
		if rows > 0 {
			b.Logf("seeded %s with %d rows in %v", name, rows, time.Since(start).Round(time.Millisecond))
		}
		fx.tables[name] = true
	}
	return name
}

// seedBatch and seedStatements: seeding sends INSERTs of seedBatch rows,
// seedStatements at a time.
const seedBatch, seedStatements = 500, 4

// seed creates table name and inserts rows rows through s3db with multi-row
// INSERTs run in parallel: the same writes a user's bulk load makes.
func (fx *fixture) seed(name, def string, rows int, row func(i int) string) error {
	if _, err := fx.db.Exec("CREATE TABLE " + name + " " + def); err != nil {
		return err
	}
	var (
		wg    sync.WaitGroup
		sem   = make(chan struct{}, seedStatements)
		errMu sync.Mutex
		errs  error
	)
	for lo := 0; lo < rows; lo += seedBatch {
		values := make([]string, 0, seedBatch)
		for i := lo; i < min(lo+seedBatch, rows); i++ {
			values = append(values, row(i))
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if _, err := fx.db.Exec("INSERT INTO " + name + " VALUES " + strings.Join(values, ",")); err != nil {
				errMu.Lock()
				errs = errors.Join(errs, err)
				errMu.Unlock()
			}
		})
	}
	wg.Wait()
	return errs
}

// id is the primary key of row i of a seeded table.
func id(i int) string { return fmt.Sprintf("u%07d", i) }

// row is row i of a seeded table as SQL values.
func row(i int) string {
	return fmt.Sprintf("('%s', 'User %d', 'user%d@example.com', %d, %.1f, %t, '%s')",
		id(i), i, i, 18+i%60, float64(i%1000)/10, i%2 == 0,
		time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC).Add(time.Duration(i)*time.Second).Format(time.DateTime))
}

// key is the object key of a row, as raw requests address it.
func key(table, id string) string { return prefix + "/" + record.Key(table, id) }

// dataPrefix is the key prefix of a table's rows, as raw requests list it.
func dataPrefix(table string) string { return prefix + "/" + record.DataPrefix(table) }

// scanRows is the size of the table most benchmarks read: S3DB_BENCH_SCAN_ROWS, default 1,000.
func scanRows(b testing.TB) int { return envInt(b, "S3DB_BENCH_SCAN_ROWS", 1000) }

// envInt returns the integer in environment variable name, or def.
func envInt(b testing.TB, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, "_", ""))
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive integer", name, s)
	}
	return n
}
