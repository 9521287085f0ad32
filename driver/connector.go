package driver

import (
	"context"
	sqldriver "database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/s3db-go/s3db/crypto"
	"github.com/s3db-go/s3db/events"
	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/exec"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/fs"
	"github.com/s3db-go/s3db/storage/mem"
	"github.com/s3db-go/s3db/storage/s3"
)

// Option configures a Connector beyond what a DSN string can carry.
type Option func(*Connector)

// WithBucket makes the connector use b instead of the storage the DSN names
// (the DSN's prefix still applies). The connector does not close b.
func WithBucket(b storage.Bucket) Option {
	return func(c *Connector) { c.bucket, c.ownBucket = b, false }
}

// WithHook registers a Go function that trigger bodies run with CALL name(...).
// A BEFORE trigger's hook may change the row (call.New.Set) or abort the
// statement by returning an error. See package events.
func WithHook(name string, h events.Hook) Option {
	return func(c *Connector) { c.optErrs = append(c.optErrs, c.hooks.Register(name, h)) }
}

// WithListener subscribes l to the rows changed through this connector:
// kinds is events.Insert|events.Update|events.Delete (0 = all). Listeners are
// called synchronously after each row's write and AFTER triggers unless
// events.Async(n) gives them a queue. See package events.
func WithListener(kinds events.Kind, l events.Listener, opts ...events.Option) Option {
	return func(c *Connector) { c.bus.Subscribe(kinds, l, opts...) }
}

// WithEventErrors receives the errors of listeners (a panic, a dropped event);
// they never fail the statement that made the change.
func WithEventErrors(f func(error)) Option { return func(c *Connector) { c.onEventErr = f } }

// WithKeyProvider gives the passphrase of SECRET columns from Go code (a
// secrets manager, a prompt) instead of the DSN's passphrase= or the
// S3DB_PASSPHRASE environment variable.
func WithKeyProvider(kp crypto.KeyProvider) Option { return func(c *Connector) { c.kp = kp } }

// WithHealHandler is told when a corrupted catalog (s3db.json) was repaired:
// what was wrong and where the broken original was kept. By default the
// event is logged with the standard logger.
func WithHealHandler(f func(schema.HealEvent)) Option { return func(c *Connector) { c.onHeal = f } }

// WithAutoIncrementBlock makes the connector reserve n AUTO_INCREMENT values
// per request to a column's sequence object (exec.DefaultSequenceBlock, 1,
// by default): an INSERT that finds enough values left in its connector's
// block makes no sequence request. Values stay unique across clients; a
// larger block leaves gaps (what a connector does not use is lost) and
// interleaves the values of different clients out of order.
func WithAutoIncrementBlock(n int) Option { return func(c *Connector) { c.seqBlock = int64(n) } }

// WithCatalogTTL sets how long the cached catalog is trusted before it is
// re-read (schema.DefaultCatalogTTL by default): DDL made by another client
// becomes visible within this time.
func WithCatalogTTL(d time.Duration) Option { return func(c *Connector) { c.catalogTTL = d } }

// Connector holds one database's storage client and catalog cache; every
// connection of a sql.DB shares it. Use it with sql.OpenDB:
//
//	c, err := driver.NewConnector(cfg, driver.WithBucket(b))
//	db := sql.OpenDB(c)
type Connector struct {
	cfg        Config
	catalogTTL time.Duration
	hooks      events.Registry
	bus        *events.Bus
	onEventErr func(error)
	onHeal     func(schema.HealEvent)
	optErrs    []error
	kp         crypto.KeyProvider
	seqBlock   int64
	sequences  *exec.Sequences // AUTO_INCREMENT blocks reserved by this connector

	keysMu  sync.Mutex
	ring    *crypto.Keyring // opened from ringFor, the catalog's key records
	ringErr error
	ringFor string
	ringCat *schema.Catalog // the catalog ring was last checked against

	mu        sync.Mutex
	bucket    storage.Bucket // the backend; nil until the first Connect (opening S3 may make requests)
	ownBucket bool
	db        storage.Bucket // bucket under the DSN's prefix: what statements use
	catalog   *schema.Store
}

var (
	_ sqldriver.Connector        = (*Connector)(nil)
	_ interface{ Close() error } = (*Connector)(nil)
)

// NewConnector validates cfg and returns a Connector. Storage is opened on
// the first connection.
func NewConnector(cfg *Config, opts ...Option) (*Connector, error) {
	if err := cfg.Validate(); err != nil {
		return nil, classify(err)
	}
	c := &Connector{cfg: *cfg, ownBucket: true, onHeal: func(e schema.HealEvent) { log.Printf("s3db: %s", e) }}
	if cfg.Passphrase != "" {
		c.kp = crypto.Passphrase(cfg.Passphrase)
	} else {
		c.kp = crypto.EnvPassphrase()
	}
	c.bus = events.NewBus(func(err error) {
		if c.onEventErr != nil {
			c.onEventErr(err)
		}
	})
	for _, o := range opts {
		o(c)
	}
	c.sequences = exec.NewSequences(c.seqBlock)
	if cfg.CAS == "probe" || cfg.CAS == "off" {
		// s3db's guarantees (no lost update, unique keys) rest on conditional
		// writes; running without them is not offered, rather than silently unsafe.
		c.optErrs = append(c.optErrs, fmt.Errorf("cas=%s is not supported: s3db needs a store with conditional writes (If-None-Match/If-Match); use cas=require (the default)", cfg.CAS))
	}
	if err := errors.Join(c.optErrs...); err != nil {
		return nil, &Error{Code: CodeInvalidArgument, Msg: "connector options", Err: err}
	}
	return c, nil
}

// Config returns a copy of the connector's configuration.
func (c *Connector) Config() Config { return c.cfg }

// Connect returns a connection. Connections are cheap: they share the
// connector's storage client and catalog.
func (c *Connector) Connect(ctx context.Context) (sqldriver.Conn, error) {
	if err := c.open(ctx); err != nil {
		return nil, err
	}
	return &conn{cn: c}, nil
}

// Driver returns the s3db driver.
func (c *Connector) Driver() sqldriver.Driver { return &Driver{} }

// Close closes the storage client (database/sql calls it from DB.Close).
func (c *Connector) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := c.bus.Close(ctx) // deliver what async listeners still have queued
	c.keysMu.Lock()
	c.ring.Close()
	c.ring, c.ringFor, c.ringCat = nil, "", nil
	c.keysMu.Unlock()
	if c.bucket != nil && c.ownBucket {
		err = errors.Join(err, c.bucket.Close())
	}
	c.bucket, c.db, c.catalog = nil, nil, nil
	return err
}

func (c *Connector) open(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.catalog != nil {
		return nil
	}
	if c.bucket == nil {
		b, err := openStorage(ctx, &c.cfg)
		if err != nil {
			return &Error{Code: CodeStorage, Err: err} // the backend names what it opened
		}
		c.bucket = b
	}
	c.db = storage.WithPrefix(c.bucket, c.cfg.Prefix)
	c.catalog = schema.NewStore(c.db, c.catalogTTL)
	c.catalog.OnHeal = c.onHeal
	return nil
}

// OpenStorage opens the bucket (or folder, or memory) a Config names, under
// its prefix: the objects of the database, for tools and tests that look at
// them directly. Close it when done.
func OpenStorage(ctx context.Context, cfg *Config) (storage.Bucket, error) {
	b, err := openStorage(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return storage.WithPrefix(b, cfg.Prefix), nil
}

// openStorage opens the backend a Config names.
func openStorage(ctx context.Context, cfg *Config) (storage.Bucket, error) {
	switch cfg.Scheme {
	case "mem":
		if cfg.Name == "" {
			return mem.New(), nil
		}
		return mem.Open(cfg.Name), nil
	case "file":
		return fs.Open(cfg.Path)
	}
	retries := cfg.Retries
	switch retries {
	case 0:
		retries = DefaultRetries
	case NoRetries:
		retries = -1
	}
	return s3.Open(ctx, s3.Config{
		Bucket:       cfg.Bucket,
		Endpoint:     cfg.Endpoint,
		Region:       cfg.Region,
		AccessKey:    cfg.AccessKey,
		SecretKey:    cfg.SecretKey,
		SessionToken: cfg.SessionToken,
		PathStyle:    cfg.PathStyle,
		Concurrency:  cfg.concurrency(),
		Retries:      retries,
		Timeout:      cfg.Timeout,
		CreateBucket: cfg.CreateBucket,
	})
}

func (c *Config) concurrency() int {
	if c.Concurrency > 0 {
		return c.Concurrency
	}
	return DefaultConcurrency
}

// CheckTable compares a table's rows with its partition (index) entries:
// every entry must point at a live row with the entry's values, every row
// must have its entries. It returns the disagreements found ("stale entry
// ...", "missing entry ..."); with repair it also fixes them. It reads the
// whole table. Entries can only disagree after a write was interrupted, and
// queries never return a wrong row even then (they re-check each row).
func (c *Connector) CheckTable(ctx context.Context, table string, repair bool) ([]string, error) {
	if err := c.open(ctx); err != nil {
		return nil, err
	}
	cat, err := c.catalog.Reload(ctx)
	if err != nil {
		return nil, classify(err)
	}
	t := cat.Table(table)
	if t == nil {
		return nil, classify(&planner.NoSuchTableError{Name: table})
	}
	env, err := c.env(ctx, cat)
	if err != nil {
		return nil, err
	}
	found, err := exec.CheckTable(ctx, env, t, repair)
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.String()
	}
	return out, classify(err)
}

// keyring opens (once per set of key records) the keyring of the catalog's
// SECRET keys with the connector's passphrase. A catalog without keys needs
// none; a missing or wrong passphrase is returned, and reported by the first
// statement that reads or writes a SECRET value.
func (c *Connector) keyring(ctx context.Context, cat *schema.Catalog) (*crypto.Keyring, error) {
	if len(cat.Keys) == 0 {
		return nil, nil
	}
	c.keysMu.Lock()
	defer c.keysMu.Unlock()
	if cat == c.ringCat { // catalogs are immutable: the same one has the same keys
		return c.ring, c.ringErr
	}
	fp, err := json.Marshal(cat.Keys)
	if err != nil {
		return nil, err
	}
	if string(fp) != c.ringFor {
		ring, err := crypto.Open(ctx, cat.Keys, c.kp)
		c.ring.Close()
		c.ring, c.ringErr, c.ringFor = ring, err, string(fp)
	}
	c.ringCat = cat
	return c.ring, c.ringErr
}

// env is what a statement runs with against the catalog cat.
func (c *Connector) env(ctx context.Context, cat *schema.Catalog) (*exec.Env, error) {
	env := &exec.Env{Bucket: c.db, Catalog: c.catalog, Now: time.Now().UTC(), Concurrency: c.cfg.concurrency(),
		Hooks: &c.hooks, Bus: c.bus, KeyProvider: c.kp, Sequences: c.sequences}
	env.Keys, env.KeysErr = c.keyring(ctx, cat)
	return env, nil
}

// RotatePassphrase re-keys the SECRET columns: it derives a new key from
// newPassphrase, records it in the catalog as the current key (the old key
// stays readable, wrapped under the new one), rewrites every row of every
// table with SECRET columns under the new key, then forgets the old key.
// It returns the number of rows rewritten. If it is interrupted, run it again
// with the same new passphrase: it resumes. Afterwards only the new
// passphrase opens the database.
func (c *Connector) RotatePassphrase(ctx context.Context, newPassphrase crypto.KeyProvider) (int64, error) {
	if err := c.open(ctx); err != nil {
		return 0, err
	}
	cat, err := c.catalog.Reload(ctx)
	if err != nil {
		return 0, classify(err)
	}
	if len(cat.Keys) == 0 {
		return 0, &Error{Code: CodeInvalidArgument, Msg: "the database has no SECRET columns: nothing to rotate"}
	}
	// Resume: the catalog's current key already opens with the new passphrase.
	ring, err := crypto.Open(ctx, cat.Keys, newPassphrase)
	if err != nil {
		if ring, err = crypto.Open(ctx, cat.Keys, c.kp); err != nil {
			return 0, classify(err)
		}
		if _, err := ring.Rotate(ctx, newPassphrase, crypto.KDFParams{}); err != nil {
			return 0, classify(err)
		}
		if err := c.storeKeys(ctx, ring); err != nil {
			return 0, err
		}
	}
	defer ring.Close()
	c.keysMu.Lock()
	c.kp = newPassphrase
	c.ringCat, c.ringFor = nil, "" // reopen with the new passphrase
	c.keysMu.Unlock()
	if cat, err = c.catalog.Reload(ctx); err != nil {
		return 0, classify(err)
	}
	env, _ := c.env(ctx, cat)
	env.Keys, env.KeysErr = ring, nil
	var total int64
	for _, name := range cat.TableNames() {
		n, err := exec.Reencrypt(ctx, env, cat.Table(name))
		total += n
		if err != nil {
			return total, classify(fmt.Errorf("re-encrypting table %s (run RotatePassphrase again to resume): %w", name, err))
		}
	}
	recs, err := ring.Records()
	if err != nil {
		return total, classify(err)
	}
	for _, r := range recs {
		if r.ID != ring.Current() {
			if err := ring.Remove(r.ID); err != nil {
				return total, classify(err)
			}
		}
	}
	return total, c.storeKeys(ctx, ring)
}

// storeKeys writes the keyring's records to the catalog.
func (c *Connector) storeKeys(ctx context.Context, ring *crypto.Keyring) error {
	recs, err := ring.Records()
	if err != nil {
		return classify(err)
	}
	_, err = c.catalog.Update(ctx, func(cat *schema.Catalog) error {
		cat.Keys = recs
		return nil
	})
	return classify(err)
}
