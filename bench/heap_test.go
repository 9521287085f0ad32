package bench

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
	"github.com/s3db-go/s3db/storage/record"
)

// sampleHeap collects garbage, then samples the heap in use every few
// milliseconds until the returned function is called; that returns the
// peak's growth over the level at the start, in bytes.
func sampleHeap() (peakGrowth func() uint64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, peak := m.HeapInuse, m.HeapInuse
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
		}
	}()
	return func() uint64 {
		close(stop)
		<-stopped
		runtime.ReadMemStats(&m) // the end of the scan, before its memory is released
		return max(peak, m.HeapInuse) - base
	}
}

// synthetic serves a table of n rows without storing them: Lists and Gets
// of its rows are generated from one stored template row, so the heap does
// not grow with n and only the scan's own memory shows. Every other request
// goes to the wrapped bucket.
type synthetic struct {
	storage.Bucket
	table string
	n     int
	tmpl  *storage.Object // nil: not generating yet
}

func (s *synthetic) key(i int) string { return record.Key(s.table, fmt.Sprintf("r%07d", i)) }

func (s *synthetic) List(ctx context.Context, opts storage.ListOptions) (storage.ListPage, error) {
	if s.tmpl == nil || opts.Prefix != record.DataPrefix(s.table) {
		return s.Bucket.List(ctx, opts)
	}
	from, _ := strconv.Atoi(opts.Token)
	to := min(from+storage.MaxListKeys, s.n)
	page := storage.ListPage{Objects: make([]storage.ObjectInfo, 0, to-from)}
	for i := from; i < to; i++ {
		page.Objects = append(page.Objects, storage.ObjectInfo{Key: s.key(i), ETag: s.tmpl.ETag, Size: s.tmpl.Size})
	}
	if to < s.n {
		page.NextToken = strconv.Itoa(to)
	}
	return page, nil
}

func (s *synthetic) Get(ctx context.Context, key string) (*storage.Object, error) {
	if s.tmpl == nil || !strings.HasPrefix(key, record.DataPrefix(s.table)) {
		return s.Bucket.Get(ctx, key)
	}
	o := *s.tmpl // a fresh copy, as a real backend allocates one per GET
	o.Key, o.Meta, o.Body = key, maps.Clone(o.Meta), slices.Clone(o.Body)
	return &o, nil
}

// TestScanMemoryBounded: a full scan streams, so its peak heap does not
// grow with the table. Rows are about 4 KB (most in the object body), so a
// scan of 20,000 that kept its rows would need 80 MB more than one of 1,000.
func TestScanMemoryBounded(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100)) // GOGC=off would make the heap grow with any allocation
	cfg, err := driver.ParseDSN("mem://")
	if err != nil {
		t.Fatal(err)
	}
	s := &synthetic{Bucket: mem.New(), table: "big"}
	c, err := driver.NewConnector(cfg, driver.WithBucket(s))
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	defer db.Close()
	bio := strings.Repeat("0123456789abcdef", 250)
	for _, q := range []string{
		"CREATE TABLE big (id VARCHAR(22) PRIMARY KEY, name VARCHAR(100), bio TEXT)",
		"INSERT INTO big VALUES ('r0000000', 'template', '" + bio + "')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if s.tmpl, err = s.Bucket.Get(context.Background(), s.key(0)); err != nil {
		t.Fatal(err)
	}

	peak := func(rows int) uint64 {
		s.n = rows
		growth := sampleHeap()
		n, err := fullScanBig(db)
		if err != nil || n != rows {
			t.Fatalf("scan of %d rows: read %d, %v", rows, n, err)
		}
		return growth()
	}
	const mib = 1 << 20
	small, large := peak(1_000), peak(20_000)
	t.Logf("peak heap growth: %.1f MiB scanning 1,000 rows, %.1f MiB scanning 20,000", float64(small)/mib, float64(large)/mib)
	if large > small+8*mib {
		t.Errorf("peak heap growth %.1f MiB scanning 20,000 rows, %.1f MiB scanning 1,000: the scan keeps rows", float64(large)/mib, float64(small)/mib)
	}
}

func fullScanBig(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT * FROM big")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	var id, name, bio string
	for rows.Next() {
		if err := rows.Scan(&id, &name, &bio); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}
