package exec

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// DuplicateKeyError reports a write of a primary key, or of a UNIQUE index's
// values, that another row has.
type DuplicateKeyError struct {
	Table string
	Key   any
	Index string // "" for the primary key
}

func (e *DuplicateKeyError) Error() string {
	index := e.Index
	if index == "" {
		index = "PRIMARY"
	}
	return fmt.Sprintf("duplicate entry %s for key '%s.%s'", schema.Quote(e.Key), e.Table, index)
}

// NullError reports NULL for a NOT NULL column.
type NullError struct{ Column string }

func (e *NullError) Error() string { return fmt.Sprintf("column '%s' cannot be null", e.Column) }

// insert validates and encodes every row first, then writes them all, with
// their partition entries, in one parallel round of PUTs (the rows
// create-only). If any write fails, what the statement wrote is removed again
// (rows conditionally on their ETag), so it writes all its rows or none.
// lastID is the first AUTO_INCREMENT value the statement generated (hasID).
func insert(ctx context.Context, n *planner.Insert, env *Env) (affected, lastID int64, hasID bool, err error) {
	t := n.Table
	trig, err := env.triggers(t, "INSERT")
	if err != nil {
		return 0, 0, false, err
	}
	b := env.bucketFor(n)
	built := make([][]any, len(n.Rows))
	for r, exprs := range n.Rows {
		row, err := env.newRow(t, n.Columns, exprs)
		if err == nil {
			err = trig.runBefore(ctx, env, row, nil)
		}
		if err != nil {
			return 0, 0, false, rowError(len(n.Rows), r, err)
		}
		built[r] = row
	}
	// AUTO_INCREMENT values (sequence.go) and TIMESTAMPS (constraint.go)
	// after BEFORE triggers, before validation.
	if lastID, hasID, err = env.autoIncrement(ctx, b, t, built); err != nil {
		return 0, 0, false, err
	}
	n2, err := insertBuilt(ctx, n, env, b, trig, built)
	return n2, lastID, hasID, err
}

// insertBuilt validates, encodes and writes the rows of an INSERT.
func insertBuilt(ctx context.Context, n *planner.Insert, env *Env, b storage.Bucket, trig *rowTriggers, built [][]any) (int64, error) {
	t := n.Table
	rows := make([]*pending, len(n.Rows))
	keys := map[string]int{}
	for r, row := range built {
		err := stamp(t, row, nil, env.Now)
		if err == nil {
			err = checkRow(t, row)
		}
		if err == nil {
			err = env.checkConstraints(t, row)
		}
		if err != nil {
			return 0, rowError(len(n.Rows), r, err)
		}
		pk := row[t.PKIndex()]
		p := &pending{key: record.Key(t.StorageName(), pk), pk: pk, row: row}
		if prev, dup := keys[p.key]; dup {
			return 0, rowError(len(n.Rows), r, fmt.Errorf("%w (also in row %d)", &DuplicateKeyError{Table: t.Name, Key: pk}, prev+1))
		}
		keys[p.key] = r
		if p.enc, err = record.EncodeWith(t, row, env.secrets()); err != nil {
			return 0, rowError(len(n.Rows), r, err)
		}
		if p.entries, err = entryKeys(t, row); err != nil {
			return 0, rowError(len(n.Rows), r, err)
		}
		p.entErrs = make([]error, len(p.entries))
		rows[r] = p
	}
	// UNIQUE indexes first: claim every row's values (create-only), so that
	// of two writers of a value exactly one goes on.
	claims, err := env.claimAll(ctx, b, t, rows)
	if err != nil {
		return 0, err
	}
	// Every row and every partition entry in one parallel round: the rows
	// create-only, the entries (empty objects) unconditionally.
	var puts []func()
	for _, p := range rows {
		puts = append(puts, func() {
			p.etag, p.putErr = b.Put(ctx, p.key, p.enc.Body, p.enc.Meta, storage.PutOptions{IfNoneMatch: true})
		})
		for j, k := range p.entries {
			puts = append(puts, func() { _, p.entErrs[j] = b.Put(ctx, k, nil, nil, storage.PutOptions{}) })
		}
	}
	parallel(len(puts), env.concurrency(), func(i int) { puts[i]() })
	var first error
	for i, p := range rows {
		if err := errors.Join(append([]error{p.putErr}, p.entErrs...)...); err != nil && first == nil {
			first = err
			if errors.Is(p.putErr, storage.ErrPreconditionFailed) {
				first = &DuplicateKeyError{Table: t.Name, Key: p.pk}
			}
			first = rowError(len(rows), i, first)
		}
	}
	if first == nil {
		// Every row is written: AFTER triggers and listeners, row by row.
		for i, p := range rows {
			if err := trig.runAfter(ctx, env, p.row, nil); err != nil {
				return int64(len(rows)), rowError(len(rows), i, err)
			}
			if err := env.publish(ctx, t, "INSERT", p.row, nil); err != nil {
				return int64(len(rows)), err
			}
		}
		return int64(len(rows)), nil
	}
	releaseClaims(context.WithoutCancel(ctx), b, claims)
	if err := undoInsert(context.WithoutCancel(ctx), t, b, env.secrets(), rows2undo(rows), env.concurrency()); err != nil {
		return 0, fmt.Errorf("%w; removing what the statement already wrote also failed: %v", first, err)
	}
	return 0, first
}

// pending is a row of an INSERT on its way to the bucket.
type pending struct {
	key     string
	pk      any
	row     []any
	enc     record.Encoded
	entries []string // its partition entry keys
	etag    string   // of the row's PUT, when it landed
	putErr  error
	entErrs []error
}

// undone is a row of a failed INSERT: whether its own PUT landed, with which
// ETag, and the partition entries that were written for it.
type undone struct {
	key, etag string
	written   bool
	dup       bool // the key belonged to another row already
	entries   []string
}

// undoInsert removes what a failed INSERT wrote: its rows (conditionally on
// their ETags) and their partition entries. For a duplicate key, the entries
// written for the new row are removed unless they are also the existing row's.
func undoInsert(ctx context.Context, t *schema.Table, b storage.Bucket, sec record.Secrets, rows []undone, concurrency int) error {
	errs := make([]error, len(rows))
	parallel(len(rows), concurrency, func(i int) {
		u := rows[i]
		drop := u.entries
		switch {
		case u.written:
			err := b.Delete(ctx, u.key, storage.DeleteOptions{IfMatch: u.etag})
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				errs[i] = err
				return
			}
		case u.dup:
			f := getRow(ctx, t, b, u.key, sec)
			if f.err != nil {
				errs[i] = f.err
				return
			}
			if !f.skip {
				theirs, _ := entryKeys(t, f.row.Values)
				drop = slices.DeleteFunc(slices.Clone(drop), func(k string) bool { return slices.Contains(theirs, k) })
			}
		default:
			return // outcome unknown: leave the row and its entries alone
		}
		errs[i] = deleteEntries(ctx, b, drop, concurrency)
	})
	return errors.Join(errs...)
}

func rowError(rows, r int, err error) error {
	if rows == 1 {
		return err
	}
	return fmt.Errorf("row %d: %w", r+1, err)
}

// newRow builds a full table row from the listed columns' values: omitted
// columns get their DEFAULT (or NULL) and an omitted or NULL string primary
// key gets a generated id. The caller runs BEFORE triggers, then checkRow.
func (env *Env) newRow(t *schema.Table, cols []int, exprs []sqlparse.Expr) ([]any, error) {
	row := make([]any, len(t.Columns))
	given := make([]bool, len(t.Columns))
	for i, e := range exprs {
		v, err := env.constant(e)
		if err != nil {
			return nil, err
		}
		row[cols[i]], given[cols[i]] = v, true
	}
	for i, c := range t.Columns {
		if !given[i] {
			v, err := c.DefaultFor(env.Now)
			if err != nil {
				return nil, fmt.Errorf("column '%s': %w", c.Name, err)
			}
			row[i] = v
		}
	}
	pk := t.PKIndex()
	if c := t.Columns[pk]; row[pk] == nil && c.Type.Kind == schema.KindString {
		if c.Type.MaxChars > 0 && c.Type.MaxChars < schema.IDLength {
			return nil, fmt.Errorf("column '%s' needs a value: %s is too short for a generated id (%d characters)", c.Name, c.Type.SQL(), schema.IDLength)
		}
		row[pk] = newID(schema.IDLength)
	}
	return row, nil
}

// checkRow coerces every value to its column's type and enforces NOT NULL.
func checkRow(t *schema.Table, row []any) error {
	for i, c := range t.Columns {
		v, err := schema.Coerce(c.Type, row[i])
		if err != nil {
			return fmt.Errorf("table %s, column '%s': %w", t.Name, c.Name, err)
		}
		if v == nil && c.NotNull {
			return &NullError{Column: c.Name}
		}
		if i == t.PKIndex() && v == "" {
			return fmt.Errorf("column '%s': the primary key cannot be empty", c.Name)
		}
		row[i] = v
	}
	return nil
}

// rows2undo lists what a failed INSERT has to take back.
func rows2undo(rows []*pending) []undone {
	var out []undone
	for _, p := range rows {
		u := undone{key: p.key, etag: p.etag, written: p.etag != "", dup: errors.Is(p.putErr, storage.ErrPreconditionFailed)}
		for j, k := range p.entries {
			if p.entErrs[j] == nil {
				u.entries = append(u.entries, k)
			}
		}
		out = append(out, u)
	}
	return out
}

// claimAll takes the UNIQUE claims of every row of an INSERT; two rows of the
// statement with the same values are a duplicate before any request.
func (env *Env) claimAll(ctx context.Context, b storage.Bucket, t *schema.Table, rows []*pending) ([]claim, error) {
	seen := map[string]int{}
	for r, p := range rows {
		for _, ix := range t.Indexes {
			if !ix.Unique {
				continue
			}
			k, err := claimKey(t, ix, p.row)
			if err != nil {
				return nil, rowError(len(rows), r, err)
			}
			if prev, dup := seen[k]; dup && k != "" {
				return nil, rowError(len(rows), r, fmt.Errorf("%w (also in row %d)", &DuplicateKeyError{Table: t.Name, Key: uniqueValue(t, ix, p.row), Index: ix.Name}, prev+1))
			}
			seen[k] = r
		}
	}
	if len(seen) == 0 {
		return nil, nil
	}
	held := make([][]claim, len(rows))
	errs := make([]error, len(rows))
	parallel(len(rows), env.concurrency(), func(i int) {
		held[i], errs[i] = acquireClaims(ctx, b, t, env.secrets(), rows[i].row, nil)
	})
	var all []claim
	for _, h := range held {
		all = append(all, h...)
	}
	for i, err := range errs {
		if err != nil {
			releaseClaims(context.WithoutCancel(ctx), b, all)
			return nil, rowError(len(rows), i, err)
		}
	}
	return all, nil
}
