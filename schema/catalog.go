package schema

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/s3db-go/s3db/crypto"
	"github.com/s3db-go/s3db/storage"
)

// CatalogKey is the catalog object's key under the database prefix.
const CatalogKey = "s3db.json"

// FormatVersion is the version of the catalog format this code writes. 2
// added the types of record format 2 (UNSIGNED, DECIMAL, ENUM, ...: Type's
// scale, unsigned and elems); a catalog of format 1 reads as it is. 3 added
// schema changes (storage names, burned codes, type history, added columns'
// fill values) and CHECK, AUTO_INCREMENT, TIMESTAMPS and DEFAULT (UUID()); a
// catalog is written as 3 only when it uses one of them (version.go). An
// older s3db refuses a newer catalog, so it never misreads rows it cannot
// decode.
const FormatVersion = 3

// Catalog is the database schema: every table. It is stored as JSON in
// CatalogKey and changed only by compare-and-swap (Store.Update).
type Catalog struct {
	Format  int               `json:"format"`
	Tables  map[string]*Table `json:"tables"` // by lower-case name
	Updated time.Time         `json:"updated"`
	// Keys are the encryption keys of SECRET columns: KDF parameters, salt
	// and key check, never the key or the passphrase (crypto.KeyRecord).
	Keys []crypto.KeyRecord `json:"keys,omitempty"`
}

// HasSecrets reports whether any table has a SECRET column.
func (c *Catalog) HasSecrets() bool {
	for _, t := range c.Tables {
		if t.HasSecrets() {
			return true
		}
	}
	return false
}

// Table returns the named table (case-insensitive) or nil.
func (c *Catalog) Table(name string) *Table { return c.Tables[strings.ToLower(name)] }

// TableNames returns the tables' names, sorted.
func (c *Catalog) TableNames() []string {
	names := make([]string, 0, len(c.Tables))
	for _, t := range c.Tables {
		names = append(names, t.Name)
	}
	sort.Strings(names)
	return names
}

// Put adds or replaces a table.
func (c *Catalog) Put(t *Table) { c.Tables[strings.ToLower(t.Name)] = t }

// Remove deletes a table.
func (c *Catalog) Remove(name string) { delete(c.Tables, strings.ToLower(name)) }

func (c *Catalog) clone() (*Catalog, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return decodeCatalog(b)
}

func decodeCatalog(b []byte) (*Catalog, error) {
	c := &Catalog{}
	if err := json.Unmarshal(b, c); err != nil {
		return nil, err
	}
	if c.Format > FormatVersion {
		return nil, newerCatalog(c.Format)
	}
	if c.Format < 1 {
		return nil, errors.New("the catalog format is missing")
	}
	if c.Tables == nil {
		return nil, errors.New("the table list is missing")
	}
	for key, t := range c.Tables {
		if t == nil || t.Name == "" || strings.ToLower(t.Name) != key {
			return nil, fmt.Errorf("table entry %q is malformed", key)
		}
		if err := checkTable(t); err != nil {
			return nil, err
		}
		for _, col := range t.Columns {
			if err := col.Type.Resolve(); err != nil {
				return nil, fmt.Errorf("table %s, column %s: %w", t.Name, col.Name, err)
			}
		}
		for _, ix := range t.Indexes {
			for i := range ix.Types {
				if _, ok := ix.Expr(i); !ok {
					continue
				}
				if err := ix.Types[i].Resolve(); err != nil {
					return nil, fmt.Errorf("table %s, index %s: %w", t.Name, ix.Name, err)
				}
			}
		}
		if t.PKIndex() < 0 {
			return nil, fmt.Errorf("table %s: primary key column %s is missing", t.Name, t.PrimaryKey)
		}
	}
	return c, nil
}

// ErrNewerCatalog is wrapped by the error of a catalog written by a newer s3db.
var ErrNewerCatalog = errors.New("catalog written by a newer s3db")

type newerCatalog int

func (n newerCatalog) Error() string {
	return fmt.Sprintf("catalog format %d is newer than this s3db (%d): upgrade s3db", int(n), FormatVersion)
}

func (newerCatalog) Is(target error) bool { return target == ErrNewerCatalog }

// checkTable checks the invariants of a stored table that rows rely on.
func checkTable(t *Table) error {
	switch t.Behavior {
	case BehaviorUserManaged, BehaviorEnforceLimits, BehaviorTruncateData, BehaviorBodyOverflow, BehaviorBodyOnly:
	default:
		return fmt.Errorf("table %s: unknown behavior '%s'", t.Name, t.Behavior)
	}
	if t.Version < 1 {
		return fmt.Errorf("table %s: bad schema version %d", t.Name, t.Version)
	}
	if err := checkVersions(t); err != nil { // version.go
		return err
	}
	for _, col := range t.Columns {
		n, err := strconv.ParseInt(col.Code, 36, 32)
		if err != nil || n < 0 || col.Code != strconv.FormatInt(n, 36) {
			return fmt.Errorf("table %s, column %s: bad field code %q", t.Name, col.Name, col.Code)
		}
		if int(n) >= t.NextCode { // a new column would reuse the code
			return fmt.Errorf("table %s: nextCode %d is not above the code of column %s", t.Name, t.NextCode, col.Name)
		}
	}
	return nil
}

func emptyCatalog() *Catalog { return &Catalog{Format: FormatVersion, Tables: map[string]*Table{}} }

// DefaultCatalogTTL bounds how long a cached catalog is used before it is
// re-read: DDL from another client becomes visible within this time.
const DefaultCatalogTTL = 5 * time.Second

// Store caches the catalog of one database and changes it by compare-and-swap.
// The cached *Catalog is immutable: Update installs a new one.
type Store struct {
	// OnHeal, when set (before the Store is used), hears of every repair of
	// a corrupt catalog (see HealEvent); the driver logs it.
	OnHeal func(HealEvent)

	bucket storage.Bucket
	ttl    time.Duration
	now    func() time.Time

	mu       sync.Mutex
	cur      *Catalog
	etag     string // "" = the catalog object does not exist yet
	loadedAt time.Time
	loading  chan struct{} // closed when the re-read in flight ends; nil if none
}

// NewStore returns a Store over bucket. ttl <= 0 means DefaultCatalogTTL.
func NewStore(bucket storage.Bucket, ttl time.Duration) *Store {
	if ttl <= 0 {
		ttl = DefaultCatalogTTL
	}
	return &Store{bucket: bucket, ttl: ttl, now: time.Now}
}

// Current returns the cached catalog, re-reading it when it is older than the TTL.
//
// When the cache expires, one caller re-reads the catalog and the others
// wait for that read instead of making their own (1 GET, not one per
// statement in flight).
func (s *Store) Current(ctx context.Context) (*Catalog, error) {
	for {
		s.mu.Lock()
		cur, fresh := s.cur, s.now().Sub(s.loadedAt) < s.ttl
		if cur != nil && fresh {
			s.mu.Unlock()
			return cur, nil
		}
		if wait := s.loading; wait != nil {
			s.mu.Unlock()
			select {
			case <-wait:
				continue // fresh now, or read again if that read failed
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		done := make(chan struct{})
		s.loading = done
		s.mu.Unlock()
		c, err := s.Reload(ctx)
		s.mu.Lock()
		s.loading = nil
		s.mu.Unlock()
		close(done)
		return c, err
	}
}

// Reload reads the catalog from the bucket now.
func (s *Store) Reload(ctx context.Context) (*Catalog, error) {
	c, etag, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	s.install(c, etag)
	return c, nil
}

func (s *Store) install(c *Catalog, etag string) {
	s.mu.Lock()
	s.cur, s.etag, s.loadedAt = c, etag, s.now()
	s.mu.Unlock()
}

// read gets the catalog, repairing it if it is corrupt (heal.go).
func (s *Store) read(ctx context.Context) (*Catalog, string, error) {
	for attempt := 0; ; attempt++ {
		obj, err := s.bucket.Get(ctx, CatalogKey)
		if errors.Is(err, storage.ErrNotFound) {
			return emptyCatalog(), "", nil
		}
		if err != nil {
			return nil, "", fmt.Errorf("read catalog %s: %w", CatalogKey, err)
		}
		c, err := decodeCatalog(obj.Body)
		if err == nil {
			return c, obj.ETag, nil
		}
		if errors.Is(err, ErrNewerCatalog) {
			return nil, "", fmt.Errorf("read catalog %s: %w", CatalogKey, err)
		}
		c, etag, err := s.heal(ctx, obj, err)
		if errors.Is(err, errHealRace) && attempt < 3 {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		return c, etag, nil
	}
}

// maxCatalogAttempts bounds Update's compare-and-swap loop.
const maxCatalogAttempts = 50

// Update applies change to a private copy of the latest catalog and writes it
// with compare-and-swap (If-Match, or If-None-Match for the first write). When
// another client changed the catalog in between, it re-reads and re-applies
// change, so concurrent DDL on different tables all succeeds. change may
// return an error to abort; nothing is written then.
func (s *Store) Update(ctx context.Context, change func(*Catalog) error) (*Catalog, error) {
	s.mu.Lock()
	cur, etag := s.cur, s.etag
	s.mu.Unlock()
	for attempt := 0; attempt < maxCatalogAttempts; attempt++ {
		read := false
		if cur == nil || attempt > 0 {
			var err error
			if cur, etag, err = s.read(ctx); err != nil {
				return nil, err
			}
			read = true
		}
		next, err := cur.clone()
		if err != nil {
			return nil, err
		}
		if err := change(next); err != nil {
			if read {
				// What we read is still the freshest we know. A cached catalog
				// is left as it is: re-installing it would extend its TTL.
				s.install(cur, etag)
			}
			return nil, err
		}
		next.Format, next.Updated = next.formatNeeded(), s.now().UTC()
		body, err := json.MarshalIndent(next, "", "  ")
		if err != nil {
			return nil, err
		}
		opts := storage.PutOptions{IfMatch: etag, IfNoneMatch: etag == "", ContentType: "application/json"}
		newTag, err := s.bucket.Put(ctx, CatalogKey, body, nil, opts)
		if errors.Is(err, storage.ErrPreconditionFailed) {
			if err := Backoff(ctx, attempt); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("write catalog %s: %w", CatalogKey, err)
		}
		s.install(next, newTag)
		return next, nil
	}
	return nil, fmt.Errorf("write catalog %s: gave up after %d conflicting concurrent changes", CatalogKey, maxCatalogAttempts)
}
