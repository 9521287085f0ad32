package driver

import (
	"context"
	sqldriver "database/sql/driver"
	"io"
	"reflect"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/exec"
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
		dest[i] = row.Values[i]
	}
	return nil
}

// ColumnTypeDatabaseTypeName is the column's SQL type ("VARCHAR", "BIGINT",
// ...), or "" for an expression of unknown type.
func (r *rows) ColumnTypeDatabaseTypeName(i int) string {
	if t := r.cols[i].Type; t != nil {
		return t.Name
	}
	return ""
}

var anyType = reflect.TypeOf((*any)(nil)).Elem()

// ColumnTypeScanType is the Go type values arrive as: string, int64, float64,
// bool or time.Time; any for expressions of unknown type.
func (r *rows) ColumnTypeScanType(i int) reflect.Type {
	if t := r.cols[i].Type; t != nil {
		return t.ScanType()
	}
	return anyType
}

func (r *rows) ColumnTypeNullable(i int) (nullable, ok bool) {
	return !r.cols[i].NotNull, true
}

func (r *rows) ColumnTypeLength(i int) (int64, bool) {
	if t := r.cols[i].Type; t != nil && t.MaxChars > 0 {
		return int64(t.MaxChars), true
	}
	return 0, false
}

// emptyIter is the iterator of a write run through Query.
type emptyIter struct{}

func (emptyIter) Next(context.Context) (exec.Row, error) { return exec.Row{}, io.EOF }
func (emptyIter) Close() error                           { return nil }
