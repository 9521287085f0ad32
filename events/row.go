package events

import (
	"errors"
	"fmt"
	"strings"
)

// ErrReadOnly is the error of Row.Set on a row a hook may not change: OLD,
// and NEW in an AFTER trigger.
var ErrReadOnly = errors.New("row is read-only")

// Row is a row as a hook sees it: its table's columns in order and their
// values. Column names are compared case-insensitively, like MySQL's. A Row
// is not safe for concurrent use; the hooks of a row run one after another.
type Row struct {
	cols     []string
	vals     []any
	writable bool
	coerce   func(col int, v any) (any, error)
}

// NewRow returns a read-only row of the columns cols with the values vals,
// which must have the same length. Neither slice is copied.
func NewRow(cols []string, vals []any) *Row {
	if len(cols) != len(vals) {
		panic(fmt.Sprintf("events: NewRow: %d columns, %d values", len(cols), len(vals)))
	}
	return &Row{cols: cols, vals: vals}
}

// NewWritableRow returns a row whose Set stores into vals, in place, so
// that the caller sees a hook's changes there. coerce, if not nil, converts
// a value to the type of column col (an index in cols) or rejects it, as
// SET NEW.col = value does: a hook then gets the error from Set.
func NewWritableRow(cols []string, vals []any, coerce func(col int, v any) (any, error)) *Row {
	r := NewRow(cols, vals)
	r.writable, r.coerce = true, coerce
	return r
}

// Columns returns the names of the columns, in table order. The caller must
// not modify the slice.
func (r *Row) Columns() []string { return r.cols }

// Values returns a copy of the values, in column order.
func (r *Row) Values() []any { return append([]any(nil), r.vals...) }

// Writable reports whether Set may change the row.
func (r *Row) Writable() bool { return r.writable }

// Get returns the value of the column col and whether the row has it. A
// NULL is a nil value.
func (r *Row) Get(col string) (any, bool) {
	if i := r.index(col); i >= 0 {
		return r.vals[i], true
	}
	return nil, false
}

// Set changes the value of the column col. It fails on a read-only row, on
// a column the row does not have and on a value the column cannot hold.
func (r *Row) Set(col string, v any) error {
	i := r.index(col)
	switch {
	case !r.writable:
		return fmt.Errorf("events: set %s: %w", col, ErrReadOnly)
	case i < 0:
		return fmt.Errorf("events: set: unknown column '%s'", col)
	case r.coerce != nil:
		var err error
		if v, err = r.coerce(i, v); err != nil {
			return fmt.Errorf("events: set %s: %w", r.cols[i], err)
		}
	}
	r.vals[i] = v
	return nil
}

// Map returns the row as a map from column name to value (a new map).
func (r *Row) Map() map[string]any {
	m := make(map[string]any, len(r.cols))
	for i, c := range r.cols {
		m[c] = r.vals[i]
	}
	return m
}

func (r *Row) index(col string) int {
	for i, c := range r.cols {
		if strings.EqualFold(c, col) {
			return i
		}
	}
	return -1
}
