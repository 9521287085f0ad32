package exec

import (
	"context"
	"errors"
	"fmt"

	"github.com/s3db-go/s3db/crypto"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// sealer seals and opens SECRET values with the connector's keyring, bound
// to their table, column (by field code, which survives renames) and
// primary key: a value copied to another row or column does not open.
type sealer struct {
	ring *crypto.Keyring
	err  error // why there is no keyring (no passphrase, a wrong one)
}

func (env *Env) secrets() sealer { return sealer{env.Keys, env.KeysErr} }

func cell(t *schema.Table, c *schema.Column, pk any) crypto.Cell {
	return crypto.Cell{Table: t.StorageName(), Field: c.Code, Key: schema.ValueText(pk), Column: c.Name, KeyColumn: t.PrimaryKey}
}

func (s sealer) ready() error {
	if s.ring != nil {
		return nil
	}
	if s.err != nil {
		return s.err
	}
	return fmt.Errorf("%w: SECRET columns need a passphrase (passphrase= in the DSN, S3DB_PASSPHRASE, or driver.WithKeyProvider)", crypto.ErrNoKey)
}

func (s sealer) Seal(t *schema.Table, c *schema.Column, pk any, plain string) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.ring.Encrypt([]byte(plain), cell(t, c, pk))
}

func (s sealer) Open(t *schema.Table, c *schema.Column, pk any, sealed string) (string, error) {
	if err := s.ready(); err != nil {
		return "", fmt.Errorf("table %s, column %s: %w", t.Name, c.Name, err)
	}
	plain, err := s.ring.Decrypt(sealed, cell(t, c, pk))
	return string(plain), err
}

// ensureKey gives a catalog that is getting its first SECRET column an
// encryption key, derived from the connector's passphrase (the catalog
// stores its parameters and check value, never the key).
func ensureKey(ctx context.Context, env *Env, needs bool, cat *schema.Catalog) (*crypto.KeyRecord, error) {
	if !needs || len(cat.Keys) > 0 {
		if needs {
			return nil, env.secrets().ready() // the existing key must open with our passphrase
		}
		return nil, nil
	}
	if env.KeyProvider == nil {
		return nil, env.secrets().ready()
	}
	k, err := crypto.NewKey(ctx, 1, env.KeyProvider, crypto.KDFParams{})
	if err != nil {
		return nil, err
	}
	defer k.Destroy()
	rec := k.Record()
	return &rec, nil
}

// Reencrypt rewrites every row of t with the keyring's current key (after a
// passphrase rotation), each with a compare-and-swap PUT re-read and retried
// on conflict. It is idempotent, so an interrupted run is resumed by running
// it again. It returns the number of rows rewritten.
func Reencrypt(ctx context.Context, env *Env, t *schema.Table) (int64, error) {
	if !t.HasSecrets() {
		return 0, nil
	}
	b, sec := env.Bucket, env.secrets()
	scan := newFullScan(ctx, t, b, sec, env.concurrency(), false)
	defer scan.Close()
	var n int64
	err := drain(ctx, scan, func(r Row) error {
		key := record.Key(t.StorageName(), r.Values[t.PKIndex()])
		for attempt := 0; ; attempt++ {
			enc, err := record.EncodeWith(t, r.Values, sec)
			if err != nil {
				return err
			}
			_, err = b.Put(ctx, key, enc.Body, enc.Meta, storage.PutOptions{IfMatch: r.ETag})
			if err == nil {
				n++
				return nil
			}
			if !errors.Is(err, storage.ErrPreconditionFailed) || attempt == maxConflicts {
				return err
			}
			f := getRow(ctx, t, b, key, sec)
			if f.err != nil || f.skip {
				return f.err // deleted meanwhile: nothing to rewrite
			}
			r = f.row
		}
	})
	return n, err
}
