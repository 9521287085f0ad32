package schema

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
)

// addTable returns a change that creates table name (a VARCHAR column), and
// fails if it exists.
func addTable(t testing.TB, name string) func(*Catalog) error {
	ct := parseCreate(t, "CREATE TABLE "+name+" (v VARCHAR(10))")
	return func(c *Catalog) error {
		if c.Table(name) != nil {
			return fmt.Errorf("table %s exists", name)
		}
		tb, err := NewTable(ct, "", testNow)
		if err != nil {
			return err
		}
		c.Put(tb)
		return nil
	}
}

// fakeClock is a settable clock for Store.now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newClockedStore(b storage.Bucket, ttl time.Duration) (*Store, *fakeClock) {
	clock := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := NewStore(b, ttl)
	s.now = clock.now
	return s, clock
}

// TestUpdateConcurrent: N clients, each with its own Store over the same
// bucket, each add a different table at once. Every Update succeeds and the
// catalog ends with all N tables.
func TestUpdateConcurrent(t *testing.T) {
	const n = 16
	b := storage.NewCounting(mem.New())
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		name := fmt.Sprintf("t%02d", i)
		change := addTable(t, name)
		wg.Add(1)
		s := NewStore(b, time.Hour)
		// Every client caches the empty catalog first, so that all of them
		// start from the same state and all but one lose the first round.
		if _, err := s.Current(ctx); err != nil {
			t.Fatal(err)
		}
		go func() {
			defer wg.Done()
			<-start
			c, err := s.Update(ctx, change)
			if err == nil && c.Table(name) == nil {
				err = fmt.Errorf("the catalog Update returned lacks %s", name)
			}
			errs[i] = err
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("client %d: %v", i, err)
		}
	}
	c, err := NewStore(b, 0).Reload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(c.TableNames()); got != n {
		t.Fatalf("catalog has %d tables (%v), want %d", got, c.TableNames(), n)
	}
	for i := range n {
		if c.Table(fmt.Sprintf("T%02d", i)) == nil {
			t.Errorf("table t%02d is missing", i)
		}
	}
	if puts := b.Counts().Put; puts <= n {
		t.Errorf("%d PUTs for %d tables: the test made no conflict", puts, n)
	}
	t.Logf("%d clients: %s", n, b.Counts())
}

// TestUpdateStaleCache: a Store whose cache misses another client's change
// loses its compare-and-swap, re-reads and re-applies its change.
func TestUpdateStaleCache(t *testing.T) {
	ctx := context.Background()
	b := storage.NewCounting(mem.New())
	a, other := NewStore(b, time.Hour), NewStore(b, time.Hour)
	if _, err := a.Current(ctx); err != nil { // caches the empty catalog
		t.Fatal(err)
	}
	if _, err := other.Update(ctx, addTable(t, "x")); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	c, err := a.Update(ctx, addTable(t, "y"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.TableNames(), ","); got != "x,y" {
		t.Errorf("tables = %s, want x,y", got)
	}
	if got := b.Counts(); got.Put != 2 || got.Get != 1 {
		t.Errorf("requests = %s, want PUT 2 (one lost), GET 1", got)
	}
	// The winner's change is now in a's cache: no request for Current.
	b.Reset()
	if cur, _ := a.Current(ctx); cur != c || b.Counts().Total() != 0 {
		t.Errorf("Current after Update: %p vs %p, %s", cur, c, b.Counts())
	}

	// A change that is invalid on the fresh catalog fails after the re-read.
	if _, err := other.Current(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Update(ctx, addTable(t, "z")); err != nil {
		t.Fatal(err)
	}
	_, err = other.Update(ctx, addTable(t, "z")) // other's cache lacks z
	if err == nil || err.Error() != "table z exists" {
		t.Errorf("Update of an existing table on a stale cache: %v", err)
	}
}

// TestUpdateAbort: a change that returns an error writes nothing, leaves the
// cache as it was, and returns that error.
func TestUpdateAbort(t *testing.T) {
	ctx := context.Background()
	b := storage.NewCounting(mem.New())
	s := NewStore(b, time.Hour)
	errNo := errors.New("no, thanks")
	abort := func(c *Catalog) error {
		if err := addTable(t, "half")(c); err != nil { // a partial change, then an error
			return err
		}
		return errNo
	}

	// On an empty bucket.
	if _, err := s.Update(ctx, abort); !errors.Is(err, errNo) {
		t.Fatalf("Update = %v, want %v", err, errNo)
	}
	if got := b.Counts(); got.Put != 0 {
		t.Errorf("aborted Update made %s, want no PUT", got)
	}
	if _, err := b.Get(ctx, CatalogKey); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("catalog object after aborted Update: %v", err)
	}

	// On an existing catalog.
	if _, err := s.Update(ctx, addTable(t, "kept")); err != nil {
		t.Fatal(err)
	}
	before, err := b.Get(ctx, CatalogKey)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if _, err := s.Update(ctx, abort); !errors.Is(err, errNo) {
		t.Fatalf("Update = %v, want %v", err, errNo)
	}
	if got := b.Counts(); got.Put != 0 {
		t.Errorf("aborted Update made %s, want no PUT", got)
	}
	after, err := b.Get(ctx, CatalogKey)
	if err != nil {
		t.Fatal(err)
	}
	if after.ETag != before.ETag || string(after.Body) != string(before.Body) {
		t.Error("aborted Update changed the catalog object")
	}
	cur, err := s.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cur.Table("half") != nil || cur.Table("kept") == nil {
		t.Errorf("cached catalog after aborted Update has tables %v, want [kept]", cur.TableNames())
	}
}

// TestCurrentTTL: Current is served from the cache within the TTL and
// re-read after it; another client's change shows after the TTL.
func TestCurrentTTL(t *testing.T) {
	ctx := context.Background()
	b := storage.NewCounting(mem.New())
	const ttl = 5 * time.Second
	s, clock := newClockedStore(b, ttl)
	other := NewStore(b, ttl)

	first, err := s.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Counts(); got.Get != 1 || got.Total() != 1 {
		t.Errorf("first Current: %s, want GET 1", got)
	}
	if _, err := other.Update(ctx, addTable(t, "t")); err != nil {
		t.Fatal(err)
	}

	b.Reset()
	clock.advance(ttl - time.Millisecond)
	c, err := s.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c != first || c.Table("t") != nil {
		t.Error("within the TTL Current must return the cached catalog")
	}
	if got := b.Counts(); got.Total() != 0 {
		t.Errorf("Current within the TTL made %s, want none", got)
	}

	clock.advance(time.Millisecond)
	c, err = s.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Table("t") == nil {
		t.Error("after the TTL Current must show the other client's table")
	}
	if got := b.Counts(); got.Get != 1 || got.Total() != 1 {
		t.Errorf("Current after the TTL made %s, want GET 1", got)
	}

	// Reload always reads.
	b.Reset()
	if _, err := s.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if got := b.Counts(); got.Get != 1 {
		t.Errorf("Reload made %s, want GET 1", got)
	}
}

// TestUpdateAbortKeepsTTL: an aborted Update that worked on the cached
// catalog must not make that cache look fresh: the TTL still bounds how long
// another client's DDL stays invisible.
func TestUpdateAbortKeepsTTL(t *testing.T) {
	ctx := context.Background()
	b := storage.NewCounting(mem.New())
	const ttl = 5 * time.Second
	s, clock := newClockedStore(b, ttl)
	if _, err := s.Current(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := NewStore(b, ttl).Update(ctx, addTable(t, "other")); err != nil {
		t.Fatal(err)
	}
	clock.advance(4 * time.Second)
	errNo := errors.New("no")
	if _, err := s.Update(ctx, func(*Catalog) error { return errNo }); !errors.Is(err, errNo) {
		t.Fatal(err)
	}
	clock.advance(2 * time.Second) // 6 s after the only read
	b.Reset()
	c, err := s.Current(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Table("other") == nil || b.Counts().Get != 1 {
		t.Errorf("Current 6 s after the read (TTL 5 s): %s, tables %v; want a re-read showing [other]", b.Counts(), c.TableNames())
	}
}

func TestUpdateStampsCatalog(t *testing.T) {
	ctx := context.Background()
	b := mem.New()
	s, clock := newClockedStore(b, 0)
	c, err := s.Update(ctx, addTable(t, "t"))
	if err != nil {
		t.Fatal(err)
	}
	// Format 3 only when a table uses what it added (version.go): a plain
	// table keeps the catalog readable by an s3db that knows format 2.
	if c.Format != 2 || !c.Updated.Equal(clock.now()) {
		t.Errorf("Format %d Updated %v, want 2, %v", c.Format, c.Updated, clock.now())
	}
	obj, err := b.Get(ctx, CatalogKey)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeCatalog(obj.Body)
	if err != nil {
		t.Fatal(err)
	}
	tb := back.Table("t")
	if tb == nil || tb.Column("v").Type.Kind != KindString || tb.Column("v").Type.MaxChars != 10 {
		t.Errorf("stored catalog: %+v", tb)
	}
}

func TestCatalogRefused(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"newer format", `{"format": 4, "tables": {}}`, "read catalog s3db.json: catalog format 4 is newer than this s3db (3): upgrade s3db"},
		{"not JSON", `not json`, "read catalog s3db.json: invalid character 'o' in literal null (expecting 'u'); it cannot be repaired safely"},
		{"wrong shape", `[]`, "read catalog s3db.json: json: cannot unmarshal array into Go value of type schema.Catalog; it cannot be repaired safely"},
		{"null table", `{"format": 1, "tables": {"t": null}}`, `read catalog s3db.json: table entry "t" is malformed; it cannot be repaired safely`},
		{"key mismatch", `{"format": 1, "tables": {"t": {"name": "u", "columns": [], "primaryKey": "id", "version": 1, "behavior": "body-only"}}}`, `read catalog s3db.json: table u: primary key column id is missing; it cannot be repaired safely`},
		{"bad column type", `{"format": 1, "tables": {"t": {"name": "T", "primaryKey": "id", "version": 1, "nextCode": 2, "behavior": "body-only", "columns": [
			{"name": "id", "type": {"name": "VARCHAR", "length": 22}, "code": "0"},
			{"name": "x", "type": {"name": "MONEY"}, "code": "1"}]}}}`, "read catalog s3db.json: table T, column x: unsupported type MONEY; it cannot be repaired safely"},
		{"missing primary key", `{"format": 1, "tables": {"t": {"name": "t", "primaryKey": "id", "version": 1, "nextCode": 1, "behavior": "body-only", "columns": [
			{"name": "x", "type": {"name": "INT"}, "code": "0"}]}}}`, "read catalog s3db.json: table t: primary key column id is missing; it cannot be repaired safely"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			b := storage.NewCounting(mem.New())
			if _, err := b.Put(ctx, CatalogKey, []byte(tt.body), nil, storage.PutOptions{}); err != nil {
				t.Fatal(err)
			}
			s := NewStore(b, 0)
			if c, err := s.Current(ctx); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Current = %v, %v\nwant error %q", c, err, tt.want)
			}
			b.Reset()
			if _, err := s.Update(ctx, addTable(t, "x")); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Update error %v, want %q", err, tt.want)
			}
			if got := b.Counts(); got.Put != 0 {
				t.Errorf("Update over a refused catalog made %s, want no PUT", got)
			}
		})
	}
}

// failingGets fails every Get with a storage error.
type failingGets struct{ storage.Bucket }

var errDown = errors.New("service unavailable")

func (failingGets) Get(context.Context, string) (*storage.Object, error) { return nil, errDown }

// conflicting makes every Put lose its compare-and-swap.
type conflicting struct{ storage.Bucket }

func (conflicting) Put(context.Context, string, []byte, map[string]string, storage.PutOptions) (string, error) {
	return "", storage.ErrPreconditionFailed
}

func TestStoreBucketErrors(t *testing.T) {
	ctx := context.Background()
	s := NewStore(failingGets{mem.New()}, 0)
	_, err := s.Current(ctx)
	if !errors.Is(err, errDown) || !strings.HasPrefix(err.Error(), "read catalog s3db.json: ") {
		t.Errorf("Current over a failing bucket: %v", err)
	}
	if _, err := s.Update(ctx, addTable(t, "t")); !errors.Is(err, errDown) {
		t.Errorf("Update over a failing bucket: %v", err)
	}

	// A compare-and-swap that always loses stops when the context ends.
	ctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err = NewStore(conflicting{mem.New()}, 0).Update(ctx, addTable(t, "t"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Update that always conflicts: %v, want the context's error", err)
	}
}

func TestCatalogHelpers(t *testing.T) {
	c := emptyCatalog()
	for _, name := range []string{"beta", "Alpha", "gamma"} {
		tb, err := newTable(t, "CREATE TABLE "+name+" (a INT)")
		if err != nil {
			t.Fatal(err)
		}
		c.Put(tb)
	}
	if got := strings.Join(c.TableNames(), ","); got != "Alpha,beta,gamma" {
		t.Errorf("TableNames = %s", got)
	}
	if c.Table("ALPHA") == nil || c.Table("alpha").Name != "Alpha" {
		t.Error("Table must be case-insensitive")
	}
	c.Remove("BETA")
	if c.Table("beta") != nil || len(c.Tables) != 2 {
		t.Errorf("after Remove: %v", c.TableNames())
	}
	cl, err := c.clone()
	if err != nil {
		t.Fatal(err)
	}
	cl.Remove("gamma")
	cl.Table("alpha").Columns[1].Name = "changed"
	if c.Table("gamma") == nil || c.Table("alpha").Columns[1].Name != "a" {
		t.Error("clone shares state with the original")
	}
}

func TestBackoff(t *testing.T) {
	for attempt := range 10 {
		start := time.Now()
		if err := Backoff(context.Background(), attempt); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Backoff(%d) took %v, the cap is 200ms", attempt, d)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Backoff(ctx, 7); !errors.Is(err, context.Canceled) {
		t.Errorf("Backoff with a cancelled context = %v", err)
	}
}

// TestCurrentSingleFlight: when the cache expires, concurrent callers share
// one catalog read.
func TestCurrentSingleFlight(t *testing.T) {
	b := storage.NewFaulty(mem.New())
	counting := storage.NewCounting(b)
	s := NewStore(counting, time.Hour)
	if _, err := s.Update(context.Background(), func(c *Catalog) error { return nil }); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.loadedAt = time.Time{} // expired
	s.mu.Unlock()
	b.SetHook(func(ctx context.Context, op storage.Op, key string) error {
		if op == storage.OpGet {
			time.Sleep(20 * time.Millisecond) // a slow read, so that callers overlap
		}
		return nil
	})
	before := counting.Counts()
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Current(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := counting.Counts().Sub(before).Get; got != 1 {
		t.Errorf("16 concurrent callers of an expired cache made %d catalog GETs, want 1", got)
	}
}
