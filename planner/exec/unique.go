package exec

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// A UNIQUE index keeps, besides its entries, one claim object per value:
// "<partition prefix of the values>/unique", created with If-None-Match and
// naming the claiming row in its metadata. Of two writers of the same value,
// exactly one creates the claim. A claim whose row is gone or no longer has
// the value (an interrupted write) is stale: the next writer of that value
// takes it over with If-Match. NULL values claim nothing, as in MySQL.

const claimRowMeta = "row" // claim metadata: the escaped primary key of its row

// claimGrace is how long a claim whose row does not exist yet is taken as an
// INSERT in flight (a duplicate) rather than an abandoned claim.
const claimGrace = time.Minute

// claim is a claim object this statement holds.
type claim struct{ key, etag string }

// claimKey is the key of the claim on row's values in unique index ix, or
// "" when one of them is NULL.
func claimKey(t *schema.Table, ix *schema.Index, row []any) (string, error) {
	parts := make([]record.KeyPart, len(ix.Codes))
	for i := range ix.Codes {
		v, err := partValue(t, ix, i, row)
		if err != nil || v == nil {
			return "", err
		}
		enc, err := record.KeyValue(t.PartType(ix, i), v)
		if err != nil {
			return "", fmt.Errorf("index %s, %s: %w", ix.Name, t.PartName(ix, i), err)
		}
		parts[i] = record.KeyPart{Code: ix.Codes[i], Value: enc}
	}
	return record.PartitionPrefix(t.StorageName(), ix.Name, parts...) + "unique", nil
}

// uniqueValue renders a row's values of ix for a duplicate-key message.
func uniqueValue(t *schema.Table, ix *schema.Index, row []any) string {
	var vals []string
	for i := range ix.Codes {
		v, _ := partValue(t, ix, i, row)
		vals = append(vals, schema.ValueText(v))
	}
	return strings.Join(vals, "-")
}

// acquireClaims takes the claims of row on every unique index whose values
// changed from old (nil: all of them, for an INSERT). On a duplicate it
// releases what it took and returns a *DuplicateKeyError.
func acquireClaims(ctx context.Context, b storage.Bucket, t *schema.Table, sec record.Secrets, row, old []any) ([]claim, error) {
	var held []claim
	for _, ix := range t.Indexes {
		if !ix.Unique {
			continue
		}
		k, err := claimKey(t, ix, row)
		if err == nil && old != nil {
			var before string
			if before, err = claimKey(t, ix, old); before == k {
				continue // unchanged: the row holds it already
			}
		}
		if err == nil && k != "" {
			var c claim
			if c, err = takeClaim(ctx, b, t, sec, ix, k, row); err == nil {
				held = append(held, c)
			}
		}
		if err != nil {
			releaseClaims(context.WithoutCancel(ctx), b, held)
			return nil, err
		}
	}
	return held, nil
}

// takeClaim creates the claim k for row, taking over a stale one.
func takeClaim(ctx context.Context, b storage.Bucket, t *schema.Table, sec record.Secrets, ix *schema.Index, k string, row []any) (claim, error) {
	me := record.EscapeValue(schema.ValueText(row[t.PKIndex()]))
	meta := map[string]string{claimRowMeta: me}
	opts := storage.PutOptions{IfNoneMatch: true}
	for attempt := 0; attempt < maxConflicts; attempt++ {
		etag, err := b.Put(ctx, k, nil, meta, opts)
		if err == nil {
			return claim{k, etag}, nil
		}
		if !errors.Is(err, storage.ErrPreconditionFailed) {
			return claim{}, err
		}
		holder, err := b.Get(ctx, k)
		if errors.Is(err, storage.ErrNotFound) {
			opts = storage.PutOptions{IfNoneMatch: true} // released meanwhile
			continue
		}
		if err != nil {
			return claim{}, err
		}
		if owner := holder.Meta[claimRowMeta]; owner != me {
			f := getRow(ctx, t, b, record.DataPrefix(t.StorageName())+"id="+owner, sec)
			if f.err != nil {
				return claim{}, f.err
			}
			live := false
			if f.skip {
				// No row yet: its INSERT may still be in flight. Only an old
				// claim without a row is an abandoned one.
				live = time.Since(holder.LastModified) < claimGrace
			} else {
				theirs, _ := claimKey(t, ix, f.row.Values)
				live = theirs == k
			}
			if live {
				return claim{}, &DuplicateKeyError{Table: t.Name, Key: uniqueValue(t, ix, row), Index: ix.Name}
			}
		}
		opts = storage.PutOptions{IfMatch: holder.ETag} // stale, or ours: take it over
	}
	return claim{}, fmt.Errorf("claim %s: gave up after %d conflicting concurrent writes", k, maxConflicts)
}

// releaseClaims gives back claims this statement took (if still its own).
func releaseClaims(ctx context.Context, b storage.Bucket, held []claim) {
	for _, c := range held {
		b.Delete(ctx, c.key, storage.DeleteOptions{IfMatch: c.etag})
	}
}

// dropClaims deletes the claims of a row's values in the unique indexes
// whose values changed (new nil: all, for a DELETE), when they still name the
// row. A claim left behind is stale and harmless: the next writer takes it.
func dropClaims(ctx context.Context, b storage.Bucket, t *schema.Table, old, new []any) error {
	me := record.EscapeValue(schema.ValueText(old[t.PKIndex()]))
	for _, ix := range t.Indexes {
		if !ix.Unique {
			continue
		}
		k, err := claimKey(t, ix, old)
		if err != nil || k == "" {
			continue
		}
		if new != nil {
			if after, _ := claimKey(t, ix, new); after == k {
				continue
			}
		}
		holder, err := b.Head(ctx, k)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if holder.Meta[claimRowMeta] == me {
			if err := b.Delete(ctx, k, storage.DeleteOptions{IfMatch: holder.ETag}); err != nil &&
				!errors.Is(err, storage.ErrNotFound) && !errors.Is(err, storage.ErrPreconditionFailed) {
				return err
			}
		}
	}
	return nil
}
