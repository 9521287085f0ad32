package schema

import (
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/sqlparse"
)

// Index is a partition (s3db.js's partitions, declared as SQL indexes): for
// every row, an empty entry object whose key holds the values of the index's
// columns and the row's primary key, so that an equality or range on its
// leading columns is a LIST of a key prefix instead of a scan of the table.
// Columns are named by their field codes, which survive renames. A Unique
// index also keeps, per value, a claim object created with If-None-Match:
// the conditional write is what enforces uniqueness.
type Index struct {
	Name   string   `json:"name"`
	Codes  []string `json:"codes"`
	Unique bool     `json:"unique,omitempty"`
}

// NewIndex validates an index definition against the table.
func (t *Table) NewIndex(def sqlparse.IndexDef) (*Index, error) {
	name := def.Name
	if name == "" {
		name = strings.Join(def.Columns, "_")
	}
	where := func(format string, args ...any) error {
		return fmt.Errorf("table %s, index %s: %s", t.Name, name, fmt.Sprintf(format, args...))
	}
	if t.Index(name) != nil {
		return nil, where("an index of that name exists")
	}
	if len(def.Columns) == 0 {
		return nil, where("no columns")
	}
	ix := &Index{Name: name, Unique: def.Unique}
	for _, col := range def.Columns {
		c := t.Column(col)
		switch {
		case c == nil:
			return nil, where("unknown column %s", col)
		case c.Type.Kind == KindSecret:
			return nil, where("a SECRET column (%s) cannot be in a partition: its key would reveal the value", c.Name)
		case c.Type.Kind == KindVector:
			return nil, where("a vector column (%s) cannot be in a partition", c.Name)
		case strings.EqualFold(c.Name, t.PrimaryKey):
			return nil, where("the primary key (%s) is already the row's key; index other columns", c.Name)
		}
		for _, code := range ix.Codes {
			if code == c.Code {
				return nil, where("column %s is listed twice", c.Name)
			}
		}
		ix.Codes = append(ix.Codes, c.Code)
	}
	return ix, nil
}

// Index returns the named index (case-insensitive) or nil.
func (t *Table) Index(name string) *Index {
	for _, ix := range t.Indexes {
		if strings.EqualFold(ix.Name, name) {
			return ix
		}
	}
	return nil
}

// IndexColumns returns the positions in t.Columns of the index's columns.
func (t *Table) IndexColumns(ix *Index) []int {
	out := make([]int, len(ix.Codes))
	for i, code := range ix.Codes {
		out[i] = -1
		for j, c := range t.Columns {
			if c.Code == code {
				out[i] = j
			}
		}
	}
	return out
}
