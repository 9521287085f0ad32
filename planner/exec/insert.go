package exec

import (
	"context"
	"errors"
	"fmt"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// DuplicateKeyError reports an INSERT of a primary key that exists.
type DuplicateKeyError struct {
	Table string
	Key   any
}

func (e *DuplicateKeyError) Error() string {
	return fmt.Sprintf("duplicate entry %s for key '%s.PRIMARY'", schema.Quote(e.Key), e.Table)
}

// NullError reports NULL for a NOT NULL column.
type NullError struct{ Column string }

func (e *NullError) Error() string { return fmt.Sprintf("column '%s' cannot be null", e.Column) }

// insert validates and encodes every row first, then writes them all in
// parallel with create-only PUTs. If any write fails, the rows this statement
// created are deleted again (conditionally on their ETag), so the statement
// writes all its rows or none.
func insert(ctx context.Context, n *planner.Insert, env *Env) (int64, error) {
	t := n.Table
	type pending struct {
		key  string
		pk   any
		row  []any
		enc  record.Encoded
		etag string
		err  error
	}
	trig, err := env.triggers(t, "INSERT")
	if err != nil {
		return 0, err
	}
	rows := make([]*pending, len(n.Rows))
	keys := map[string]int{}
	for r, exprs := range n.Rows {
		row, err := env.newRow(t, n.Columns, exprs)
		if err == nil {
			err = trig.runBefore(ctx, env, row, nil)
		}
		if err == nil {
			err = checkRow(t, row)
		}
		if err != nil {
			return 0, rowError(len(n.Rows), r, err)
		}
		pk := row[t.PKIndex()]
		p := &pending{key: record.Key(t.Name, pk), pk: pk, row: row}
		if prev, dup := keys[p.key]; dup {
			return 0, rowError(len(n.Rows), r, fmt.Errorf("%w (also in row %d)", &DuplicateKeyError{t.Name, pk}, prev+1))
		}
		keys[p.key] = r
		if p.enc, err = record.Encode(t, row); err != nil {
			return 0, rowError(len(n.Rows), r, err)
		}
		rows[r] = p
	}
	b := env.bucketFor(n)
	parallel(len(rows), env.concurrency(), func(i int) {
		p := rows[i]
		p.etag, p.err = b.Put(ctx, p.key, p.enc.Body, p.enc.Meta, storage.PutOptions{IfNoneMatch: true})
	})
	var first error
	for i, p := range rows {
		if p.err != nil && first == nil {
			first = p.err
			if errors.Is(p.err, storage.ErrPreconditionFailed) {
				first = &DuplicateKeyError{t.Name, p.pk}
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
	var undo []*pending
	for _, p := range rows {
		if p.err == nil {
			undo = append(undo, p)
		}
	}
	undoErrs := make([]error, len(undo))
	parallel(len(undo), env.concurrency(), func(i int) {
		err := b.Delete(context.WithoutCancel(ctx), undo[i].key, storage.DeleteOptions{IfMatch: undo[i].etag})
		if !errors.Is(err, storage.ErrNotFound) {
			undoErrs[i] = err
		}
	})
	if err := errors.Join(undoErrs...); err != nil {
		return 0, fmt.Errorf("%w; removing the %d rows already written also failed: %v", first, len(undo), err)
	}
	return 0, first
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
