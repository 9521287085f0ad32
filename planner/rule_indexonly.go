package planner

import (
	"strings"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/sqlparse"
)

// indexOnly turns the FullScan under a Project or Aggregate into an
// IndexOnly scan when nothing above it reads a column other than the primary
// key (which is in the object key): `SELECT COUNT(*) FROM t`, `SELECT id FROM
// t WHERE id LIKE 'a%'` list keys and read no row.
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
	// Walk down through filters to the scan, collecting what they read.
	var filters []*Filter
	for {
		f, ok := input.(*Filter)
		if !ok {
			break
		}
		filters = append(filters, f)
		exprs = append(exprs, f.Cond)
		input = f.Input
	}
	scan, ok := input.(*FullScan)
	if !ok {
		return n
	}
	for _, e := range exprs {
		for _, ref := range eval.ColumnRefs(e) {
			if !strings.EqualFold(ref.Name, scan.Table.PrimaryKey) {
				return n
			}
		}
	}
	var rebuilt Node = &IndexOnly{Table: scan.Table, Alias: scan.Alias}
	for i := len(filters) - 1; i >= 0; i-- {
		rebuilt = &Filter{Input: rebuilt, Cond: filters[i].Cond}
	}
	return withChildren(n, []Node{rebuilt})
}
