package driver

import (
	"context"
	sqldriver "database/sql/driver"
	"io"
	"reflect"
	"time"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/exec"
	"github.com/s3db-go/s3db/schema"
)

// rows streams a query's result: each Next pulls one row through the plan's
// iterators, so a full scan is read while the caller consumes it.
type rows struct {
	it   exec.Iterator
	ctx  context.Context
	cols planner.Schema
}

var (
	_ sqldriver.Rows                           = (*rows)(nil)
	_ sqldriver.RowsColumnTypeDatabaseTypeName = (*rows)(nil)
	_ sqldriver.RowsColumnTypeScanType         = (*rows)(nil)
	_ sqldriver.RowsColumnTypeNullable         = (*rows)(nil)
	_ sqldriver.RowsColumnTypeLength           = (*rows)(nil)
	_ sqldriver.RowsColumnTypePrecisionScale   = (*rows)(nil)
)

func newRows(ctx context.Context, it exec.Iterator, s planner.Schema) *rows {
	return &rows{it: it, ctx: ctx, cols: s[:s.Visible()]}
}

func (r *rows) Columns() []string {
	names := make([]string, len(r.cols))
	for i, c := range r.cols {
		names[i] = c.Name
	}
	return names
}

func (r *rows) Close() error { return r.it.Close() }

func (r *rows) Next(dest []sqldriver.Value) error {
	row, err := r.it.Next(r.ctx)
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		return classify(err)
	}
	for i := range dest {
		dest[i] = driverValue(row.Values[i], r.cols[i].Type)
	}
	return nil
}

// timeOfDayDate is the date of TIME values handed to database/sql.
var timeOfDayDate = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)

// driverValue converts an engine value to what database/sql receives (the
// column's ScanType): a DECIMAL as its exact text, a TIME as a time.Time on
// 0000-01-01 UTC. Other values pass as they are (uint64 included:
// database/sql scans it into integer, string and any destinations).
func driverValue(v any, t *schema.Type) sqldriver.Value {
	switch x := v.(type) {
	case schema.Decimal:
		return string(x)
	case string:
		if t != nil && t.Kind == schema.KindTimeOfDay {
			if d, err := schema.ParseTimeOfDay(x); err == nil {
				return timeOfDayDate.Add(d)
			}
		}
	}
	return v
}

// ColumnTypeDatabaseTypeName is the column's SQL type as declared, without
// its length ("VARCHAR", "BIGINT UNSIGNED", "DECIMAL", "EMBEDDING", ...), or
// "" for an expression of unknown type.
func (r *rows) ColumnTypeDatabaseTypeName(i int) string {
	if t := r.cols[i].Type; t != nil {
		if t.Unsigned {
			return t.Name + " UNSIGNED"
		}
		return t.Name
	}
	return ""
}

var anyType = reflect.TypeOf((*any)(nil)).Elem()

// ColumnTypeScanType is the Go type values arrive as (schema.Type.ScanType):
// string, int64, uint64, float64, bool, time.Time or []byte; any for
// expressions of unknown type.
func (r *rows) ColumnTypeScanType(i int) reflect.Type {
	if t := r.cols[i].Type; t != nil {
		return t.ScanType()
	}
	return anyType
}

func (r *rows) ColumnTypeNullable(i int) (nullable, ok bool) {
	return !r.cols[i].NotNull, true
}

// ColumnTypeLength is the length limit of string types (in characters) and
// binary ones (in bytes).
func (r *rows) ColumnTypeLength(i int) (int64, bool) {
	t := r.cols[i].Type
	switch {
	case t == nil:
	case t.MaxChars > 0:
		return int64(t.MaxChars), true
	case t.Kind == schema.KindBytes:
		return int64(t.MaxBytes), true
	}
	return 0, false
}

// ColumnTypePrecisionScale is DECIMAL(p,s)'s precision and scale.
func (r *rows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if t := r.cols[i].Type; t != nil && t.Kind == schema.KindDecimal {
		return int64(t.Length), int64(t.Scale), true
	}
	return 0, 0, false
}

// emptyIter is the iterator of a write run through Query.
type emptyIter struct{}

func (emptyIter) Next(context.Context) (exec.Row, error) { return exec.Row{}, io.EOF }
func (emptyIter) Close() error                           { return nil }
