package schema

import (
	"fmt"
	"strconv"
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
	Name string `json:"name"`
	// Codes names each part in entry keys: a column's field code, or "_e<i>"
	// for an expression part (field codes are base36 and never hold '_').
	Codes []string `json:"codes"`
	// Exprs holds, per part, the SQL text of an expression part (INDEX byDay
	// ((DATE(at)))), "" for a column part; nil when every part is a column.
	Exprs []string `json:"exprs,omitempty"`
	// Types holds, per part, the type of an expression part's values (set by
	// the planner, which infers it); zero for a column part.
	Types  []Type `json:"types,omitempty"`
	Unique bool   `json:"unique,omitempty"`
}

// NewIndex validates an index definition against the table.
func (t *Table) NewIndex(def sqlparse.IndexDef) (*Index, error) {
	name := def.Name
	if name == "" {
		name = strings.Trim(strings.Join(def.Columns, "_"), "_")
		if name == "" {
			name = "expr"
		}
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
	for i, col := range def.Columns {
		if def.Exprs != nil && def.Exprs[i] != nil {
			if ix.Exprs == nil {
				ix.Exprs, ix.Types = make([]string, len(def.Columns)), make([]Type, len(def.Columns))
			}
			ix.Exprs[i] = sqlparse.Format(def.Exprs[i])
			ix.Codes = append(ix.Codes, "_e"+strconv.Itoa(i))
			continue
		}
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

// Expr returns the SQL text of part i when it is an expression part.
func (ix *Index) Expr(i int) (string, bool) {
	if ix.Exprs == nil || ix.Exprs[i] == "" {
		return "", false
	}
	return ix.Exprs[i], true
}

// PartName names part i: its column's name, or its expression in parentheses.
func (t *Table) PartName(ix *Index, i int) string {
	if e, ok := ix.Expr(i); ok {
		return "(" + e + ")"
	}
	return t.Columns[t.IndexColumns(ix)[i]].Name
}

// PartType is the type of part i's values.
func (t *Table) PartType(ix *Index, i int) Type {
	if _, ok := ix.Expr(i); ok {
		return ix.Types[i]
	}
	return t.Columns[t.IndexColumns(ix)[i]].Type
}

// IndexColumns returns the positions in t.Columns of the index's columns
// (-1 for an expression part).
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
