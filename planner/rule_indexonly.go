package planner

import (
	"slices"
	"strings"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/sqlparse"
)

// indexOnly turns the access path under a Project or Aggregate into one that
// reads no row when nothing above it reads a column other than the primary
// key (which is in the object key): `SELECT COUNT(*) FROM t`, `SELECT id FROM
// t WHERE id LIKE 'a%'` list the row keys, and `SELECT COUNT(*) FROM t WHERE
// status = 'paid'` with an index on status lists that index's entries.
func indexOnly(n Node) Node {
	var exprs []sqlparse.Expr
	var input Node
	switch x := n.(type) {
	case *Project:
		exprs, input = x.Exprs, x.Input
	case *Aggregate:
		exprs, input = x.GroupBy, x.Input
		for _, f := range x.Aggs {
			exprs = append(exprs, f)
		}
	default:
		return n
	}
	// Walk down through filters to the access path, collecting their conditions.
	var conds []sqlparse.Expr
	for {
		f, ok := input.(*Filter)
		if !ok {
			break
		}
		conds = append(conds, conjuncts(f.Cond)...)
		input = f.Input
	}
	var leaf Node
	var pkName string
	switch x := input.(type) {
	case *FullScan:
		leaf, pkName = &IndexOnly{Table: x.Table, Alias: x.Alias}, x.Table.PrimaryKey
	case *PartitionLookup:
		// The conditions the lookup guarantees need no row: drop them.
		conds = slices.DeleteFunc(conds, func(c sqlparse.Expr) bool { return slices.Contains(x.Covered, c) })
		c := *x
		c.KeysOnly = true
		leaf, pkName = &c, x.Table.PrimaryKey
	default:
		return n
	}
	for _, e := range append(exprs, conds...) {
		for _, ref := range eval.ColumnRefs(e) {
			if !strings.EqualFold(ref.Name, pkName) {
				return n
			}
		}
	}
	if c := And(conds); c != nil {
		leaf = &Filter{Input: leaf, Cond: c}
	}
	return withChildren(n, []Node{leaf})
}
