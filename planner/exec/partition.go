package exec

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// nullKey stands for NULL in a partition entry key. KeyValue never produces
// '-', and it sorts below every encoded value, as NULL sorts first in SQL.
const nullKey = "-"

// entryKey is the key of the partition entry of row in index ix.
func entryKey(t *schema.Table, ix *schema.Index, row []any) (string, error) {
	parts := make([]record.KeyPart, len(ix.Codes))
	for i := range ix.Codes {
		parts[i] = record.KeyPart{Code: ix.Codes[i], Value: nullKey}
		v, err := partValue(t, ix, i, row)
		if err == nil && v != nil {
			parts[i].Value, err = record.KeyValue(t.PartType(ix, i), v)
		}
		if err != nil {
			return "", fmt.Errorf("index %s, %s: %w", ix.Name, t.PartName(ix, i), err)
		}
	}
	return record.PartitionKey(t.StorageName(), ix.Name, parts, row[t.PKIndex()]), nil
}

var partExprs sync.Map // table name, version and expression text -> *eval.Expr

// partValue is the value of part i of index ix for a row: the column's
// value, or the expression's, coerced to the part's type.
func partValue(t *schema.Table, ix *schema.Index, i int, row []any) (any, error) {
	text, ok := ix.Expr(i)
	if !ok {
		return row[t.IndexColumns(ix)[i]], nil
	}
	cacheKey := fmt.Sprintf("%s\x00%d\x00%d\x00%s", t.Name, t.CreatedAt.UnixNano(), t.Version, text)
	c, ok := partExprs.Load(cacheKey)
	if !ok {
		e, err := sqlparse.ParseExpr(text)
		if err != nil {
			return nil, err
		}
		compiled, err := eval.Compile(e, planner.TableSchema(t, ""))
		if err != nil {
			return nil, err
		}
		c, _ = partExprs.LoadOrStore(cacheKey, compiled)
	}
	v, err := c.(*eval.Expr).Eval(&eval.Env{Row: row})
	if err != nil || v == nil {
		return nil, err
	}
	return schema.Coerce(ix.Types[i], v)
}

// entryKeys are the partition entry keys of a row, one per index.
func entryKeys(t *schema.Table, row []any) ([]string, error) {
	keys := make([]string, len(t.Indexes))
	for i, ix := range t.Indexes {
		k, err := entryKey(t, ix, row)
		if err != nil {
			return nil, err
		}
		keys[i] = k
	}
	return keys, nil
}

// rowKeyOf turns a partition entry key into the key of its row: both end in
// the same "id=<escaped key>" segment.
func rowKeyOf(t *schema.Table, entry string) string {
	return record.DataPrefix(t.StorageName()) + entry[strings.LastIndexByte(entry, '/')+1:]
}

// putEntries writes partition entries (empty objects) in parallel.
func putEntries(ctx context.Context, b storage.Bucket, keys []string, concurrency int) error {
	errs := make([]error, len(keys))
	parallel(len(keys), concurrency, func(i int) {
		_, errs[i] = b.Put(ctx, keys[i], nil, nil, storage.PutOptions{})
	})
	return errors.Join(errs...)
}

// deleteEntries removes partition entries in parallel; missing ones are fine.
func deleteEntries(ctx context.Context, b storage.Bucket, keys []string, concurrency int) error {
	errs := make([]error, len(keys))
	parallel(len(keys), concurrency, func(i int) {
		errs[i] = b.Delete(ctx, keys[i], storage.DeleteOptions{})
	})
	return errors.Join(errs...)
}

// changedEntries compares a row's entries before and after an update.
func changedEntries(t *schema.Table, oldRow, newRow []any) (added, removed []string, err error) {
	if len(t.Indexes) == 0 {
		return nil, nil, nil
	}
	before, err := entryKeys(t, oldRow)
	if err != nil {
		return nil, nil, err
	}
	after, err := entryKeys(t, newRow)
	if err != nil {
		return nil, nil, err
	}
	for i := range before {
		if before[i] != after[i] {
			added, removed = append(added, after[i]), append(removed, before[i])
		}
	}
	return added, removed, nil
}

// partitionKeys lists the rows of a PartitionLookup: for each combination of
// the equality values, the entries under that prefix within the range, in
// key order, each row once.
//
// It returns a nil source when a value compares with its column in another
// order than the key encoding (errMixedTypes): the caller scans instead.
func partitionKeys(n *planner.PartitionLookup, b storage.Bucket, env *Env) (keySource, error) {
	t, ix := n.Table, n.Index
	// Encode the values of each leading part; a value that compares with the
	// part in another order than its key makes the lookup a scan.
	var prefixes [][]record.KeyPart
	prefixes = append(prefixes, nil)
	for i, vals := range n.Eq {
		typ := t.PartType(ix, i)
		var next [][]record.KeyPart
		for _, e := range vals {
			enc, ok, _, err := env.keyValue(typ, e)
			if errors.Is(err, errMixedTypes) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			for _, p := range prefixes {
				next = append(next, append(append([]record.KeyPart(nil), p...), record.KeyPart{Code: ix.Codes[i], Value: enc}))
			}
		}
		prefixes = next
	}
	var lo, hi string
	var hasLo, hasHi, loIncl, hiIncl bool
	if n.Lo != nil || n.Hi != nil {
		typ := t.PartType(ix, len(n.Eq))
		bound := func(e sqlparse.Expr, incl *bool) (string, bool, error) {
			if e == nil {
				return "", false, nil
			}
			enc, ok, widened, err := env.keyValue(typ, e)
			if err != nil || !ok {
				return "", false, err
			}
			*incl = *incl || widened
			return enc, true, nil
		}
		var err error
		loIncl, hiIncl = n.LoIncl, n.HiIncl
		if lo, hasLo, err = bound(n.Lo, &loIncl); err == nil {
			hi, hasHi, err = bound(n.Hi, &hiIncl)
		}
		switch {
		case errors.Is(err, errMixedTypes):
			return nil, nil
		case err != nil:
			return nil, err
		case n.Lo != nil && !hasLo || n.Hi != nil && !hasHi:
			return emptySource, nil // a NULL bound matches nothing
		}
	}
	rangeCode := ""
	if hasLo || hasHi {
		rangeCode = ix.Codes[len(n.Eq)]
	}
	return func(ctx context.Context, emit func(key, etag, entry string) bool) error {
		seen := map[string]bool{}
		for _, parts := range prefixes {
			prefix := record.PartitionPrefix(t.StorageName(), ix.Name, parts...)
			opts := storage.ListOptions{Prefix: prefix}
			var stop func(string) bool
			if rangeCode != "" {
				col := prefix + rangeCode + "="
				opts.Prefix = col
				if hasLo {
					if loIncl {
						opts.StartAfter = col + lo
					} else {
						opts.StartAfter = record.After(col + lo + "/")
					}
				}
				if hasHi {
					bound := col + hi + "/"
					if hiIncl {
						stop = func(k string) bool { return k > record.After(bound) }
					} else {
						stop = func(k string) bool { return k >= bound }
					}
				}
			}
			stopped := false
			err := listAll(ctx, b, opts, func(o storage.ObjectInfo) bool {
				if stop != nil && stop(o.Key) {
					return false
				}
				if strings.HasSuffix(o.Key, "/") || !strings.Contains(o.Key[strings.LastIndexByte(o.Key, '/'):], "id=") {
					return true
				}
				if rangeCode != "" && strings.HasPrefix(o.Key[len(opts.Prefix):], nullKey+"/") {
					return true // NULL is in no range
				}
				k := rowKeyOf(t, o.Key)
				if seen[k] {
					return true
				}
				seen[k] = true
				if !emit(k, "", o.Key) {
					stopped = true
					return false
				}
				return true
			})
			if err != nil || stopped {
				return err
			}
		}
		return nil
	}, nil
}

func emptySource(context.Context, func(string, string, string) bool) error { return nil }

// fillFromEntry reads the values of the index's column parts back from an
// entry key ("<prefix><code>=<value>/.../id=<key>") into a keys-only row.
func fillFromEntry(t *schema.Table, ix *schema.Index) entryFill {
	prefix := record.PartitionPrefix(t.StorageName(), ix.Name)
	cols := t.IndexColumns(ix)
	return func(row []any, entry string) error {
		segs := strings.Split(strings.TrimPrefix(entry, prefix), "/")
		for i := range ix.Codes {
			if i >= len(segs)-1 || cols[i] < 0 {
				continue
			}
			value, ok := strings.CutPrefix(segs[i], ix.Codes[i]+"=")
			if !ok {
				return fmt.Errorf("%w %s: not an entry of index %s", record.ErrCorrupt, entry, ix.Name)
			}
			if value == nullKey {
				continue
			}
			v, err := record.ParseKeyValue(t.Columns[cols[i]].Type, value)
			if err != nil {
				return fmt.Errorf("%w %s: %v", record.ErrCorrupt, entry, err)
			}
			row[cols[i]] = v
		}
		return nil
	}
}

// keyValue evaluates a constant and encodes it for a key segment of an index
// part of type typ. ok is false for NULL, which no lookup matches. errMixedTypes reports a
// value whose SQL comparison with the column is not the key order (a number
// against a string column compares numerically: '05' = 5): the lookup then
// falls back to a scan, so no matching row is missed. widened is true when
// converting the value to the column's type changed it (30.5 into an INT
// column): a range bound must then include its end.
func (env *Env) keyValue(typ schema.Type, e sqlparse.Expr) (enc string, ok, widened bool, err error) {
	v, err := env.constant(e)
	if err != nil || v == nil {
		return "", false, false, err
	}
	if !sameOrder(typ.Kind, v) {
		return "", false, false, errMixedTypes
	}
	cv, err := schema.Coerce(typ, v)
	if err != nil {
		return "", false, false, errMixedTypes
	}
	if enc, err = record.KeyValue(typ, cv); err != nil {
		return "", false, false, errMixedTypes
	}
	cmp, _, err := eval.Compare(cv, v)
	return enc, true, err != nil || cmp != 0, nil
}

var errMixedTypes = errors.New("value and column compare as different types")

// sameOrder reports whether comparing a column of kind k with v follows the
// order of the column's values (and so of their key encoding).
func sameOrder(k schema.Kind, v any) bool {
	switch v.(type) {
	case string:
		switch k {
		case schema.KindInt, schema.KindUint, schema.KindDecimal, schema.KindFloat, schema.KindBool:
			return false
		}
		return true
	case int64, uint64, float64, schema.Decimal, bool:
		switch k {
		case schema.KindInt, schema.KindUint, schema.KindDecimal, schema.KindFloat, schema.KindBool:
			return true
		}
		return false
	case time.Time:
		return k == schema.KindTime
	}
	return false
}

// openPartition opens a PartitionLookup. When its values cannot use the
// index (see partitionKeys) it scans the table instead; a keys-only lookup
// then reads the rows and checks the conditions the index would have
// guaranteed, so its result is the same.
func openPartition(ctx context.Context, n *planner.PartitionLookup, env *Env) (Iterator, error) {
	b := env.bucketFor(n)
	src, err := partitionKeys(n, b, env)
	if err != nil {
		return nil, err
	}
	if src != nil {
		return newScan(ctx, n.Table, b, env.secrets(), env.concurrency(), n.KeysOnly, src, fillFromEntry(n.Table, n.Index)), nil
	}
	scan := newFullScan(ctx, n.Table, b, env.secrets(), env.concurrency(), false)
	if !n.KeysOnly || len(n.Covered) == 0 {
		return scan, nil
	}
	cond, err := eval.Compile(planner.And(n.Covered), n.Schema())
	if err != nil {
		scan.Close()
		return nil, err
	}
	return &filterIter{in: scan, cond: cond, env: env}, nil
}

// createIndex adds the index to the catalog (from then on every write
// maintains its entries), then backfills the entries of the rows already in
// the table.
func createIndex(ctx context.Context, n *planner.CreateIndex, env *Env) error {
	var t *schema.Table
	_, err := env.Catalog.Update(ctx, func(c *schema.Catalog) error {
		t = c.Table(n.Table.Name)
		if t == nil {
			return &planner.NoSuchTableError{Name: n.Table.Name}
		}
		if t.Index(n.Index.Name) != nil {
			if n.IfNotExists {
				return errNoChange
			}
			return fmt.Errorf("table %s: index %s already exists", t.Name, n.Index.Name)
		}
		t.Indexes = append(t.Indexes, n.Index) // rows keep their format: no new schema version
		return nil
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	if err != nil {
		return err
	}
	b := env.bucketFor(n)
	scan := newFullScan(ctx, t, b, env.secrets(), env.concurrency(), false)
	defer scan.Close()
	var batch []string
	flush := func() error {
		err := putEntries(ctx, b, batch, env.concurrency())
		batch = batch[:0]
		return err
	}
	only := *t
	only.Indexes = []*schema.Index{n.Index} // claims of this index alone
	err = drain(ctx, scan, func(r Row) error {
		k, err := entryKey(t, n.Index, r.Values)
		if err != nil {
			return err
		}
		if n.Index.Unique { // the rows already there must be unique too
			if _, err := acquireClaims(ctx, b, &only, env.secrets(), r.Values, nil); err != nil {
				return err
			}
		}
		if batch = append(batch, k); len(batch) == 4*env.concurrency() {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	var dup *DuplicateKeyError
	if errors.As(err, &dup) {
		// Two rows share a value: the UNIQUE index cannot exist. Take it back.
		undo := dropIndex(context.WithoutCancel(ctx), &planner.DropIndex{Table: t, Name: n.Index.Name, IfExists: true}, env)
		return errors.Join(fmt.Errorf("cannot create UNIQUE index %s: %w", n.Index.Name, err), undo)
	}
	if err != nil {
		return fmt.Errorf("index %s was created but filling it failed (rows without entries are found by a full scan; run CREATE INDEX again after DROP INDEX): %w", n.Index.Name, err)
	}
	return nil
}

// dropIndex removes the index from the catalog, then deletes its entries.
func dropIndex(ctx context.Context, n *planner.DropIndex, env *Env) error {
	_, err := env.Catalog.Update(ctx, func(c *schema.Catalog) error {
		t := c.Table(n.Table.Name)
		if t == nil {
			return &planner.NoSuchTableError{Name: n.Table.Name}
		}
		ix := t.Index(n.Name)
		if ix == nil {
			if n.IfExists {
				return errNoChange
			}
			return fmt.Errorf("table %s has no index %s", t.Name, n.Name)
		}
		t.Indexes = slices.DeleteFunc(t.Indexes, func(x *schema.Index) bool { return x == ix })
		return nil
	})
	if errors.Is(err, errNoChange) {
		return nil
	}
	if err != nil {
		return err
	}
	return purge(ctx, env.bucketFor(n), record.PartitionPrefix(n.Table.StorageName(), n.Name), env.concurrency())
}
