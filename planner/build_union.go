package planner

import (
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/sqlparse"
)

// union plans SELECT ... UNION [ALL] SELECT ...: an Append of the parts, with
// a Distinct over everything up to the last UNION DISTINCT (MySQL's rule: a
// DISTINCT union removes the duplicates of all the parts to its left), then
// ORDER BY (output names or positions) and LIMIT over the whole.
func (b *builder) union(u *sqlparse.Union) (Node, error) {
	parts := make([]Node, len(u.Selects))
	for i, s := range u.Selects {
		n, err := b.selectStmt(s)
		if err != nil {
			return nil, err
		}
		parts[i] = n
	}
	cols := unionSchema(parts)
	for i, p := range parts {
		if n := p.Schema().Visible(); n != len(cols) {
			return nil, fmt.Errorf("the SELECTs of a UNION have a different number of columns: %d and %d (part %d)", len(cols), n, i+1)
		}
	}
	lastDistinct := -1
	for i, all := range u.All {
		if !all {
			lastDistinct = i + 1
		}
	}
	var n Node
	if lastDistinct >= 0 {
		n = &Distinct{Input: appendOf(parts[:lastDistinct+1], cols)}
		if rest := parts[lastDistinct+1:]; len(rest) > 0 {
			n = appendOf(append([]Node{n}, rest...), cols)
		}
	} else {
		n = appendOf(parts, cols)
	}
	var keys []SortKey
	for _, o := range u.OrderBy {
		idx := -1
		switch x := o.Expr.(type) {
		case *sqlparse.ColumnRef:
			for i, c := range cols {
				if x.Table == "" && strings.EqualFold(c.Name, x.Name) {
					idx = i
					break
				}
			}
		case *sqlparse.Literal:
			if p, ok := x.Value.(int64); ok && p >= 1 && int(p) <= len(cols) {
				idx = int(p) - 1
			}
		}
		if idx < 0 {
			return nil, fmt.Errorf("ORDER BY of a UNION must name an output column or position, not %s", eval.Format(o.Expr))
		}
		keys = append(keys, SortKey{Index: idx, Desc: o.Desc})
	}
	if len(keys) > 0 {
		n = &Sort{Input: n, Keys: keys}
	}
	if u.Limit != nil || u.Offset != nil {
		if err := checkConst(u.Limit, "LIMIT"); err != nil {
			return nil, err
		}
		if err := checkConst(u.Offset, "OFFSET"); err != nil {
			return nil, err
		}
		n = &Limit{Input: n, Count: u.Limit, Offset: u.Offset}
	}
	return n, nil
}

func appendOf(inputs []Node, cols Schema) Node {
	if len(inputs) == 1 {
		return inputs[0]
	}
	return &Append{Inputs: inputs, Columns: cols}
}

// unionSchema names a UNION's columns after its first part; a column keeps a
// type only when every part agrees on it.
func unionSchema(parts []Node) Schema {
	first := parts[0].Schema()
	cols := make(Schema, first.Visible())
	for i := range cols {
		cols[i] = Column{Name: first[i].Name, Type: first[i].Type, NotNull: first[i].NotNull}
		for _, p := range parts[1:] {
			s := p.Schema()
			if i >= len(s) {
				continue
			}
			if s[i].Type == nil || cols[i].Type == nil || s[i].Type.Name != cols[i].Type.Name {
				cols[i].Type = nil
			}
			cols[i].NotNull = cols[i].NotNull && s[i].NotNull
		}
	}
	return cols
}
