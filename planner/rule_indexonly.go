package planner

import (
	"slices"
	"strings"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage/record"
)

// indexOnly turns the access path under a Project or Aggregate into one that
// reads no row when nothing above it reads a column other than the primary
// key (which is in the object key): `SELECT COUNT(*) FROM t`, `SELECT id FROM
// t WHERE id LIKE 'a%'` list the row keys, and with an index on status,
// `SELECT COUNT(*) FROM t WHERE status = 'paid'` or `SELECT id, status FROM t
// WHERE status IN (...)` list that index's entries, which hold its columns'
// values. (UPDATE settles entries, so only an interrupted statement can leave
// a stale one; Connector.CheckTable repairs it.)
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
	var readable []string // the columns a keys-only read has: the key, and an index's columns
	switch x := input.(type) {
	case *FullScan:
		leaf, readable = &IndexOnly{Table: x.Table, Alias: x.Alias}, []string{x.Table.PrimaryKey}
	case *PartitionLookup:
		// The conditions the lookup guarantees need no row: drop them.
		conds = slices.DeleteFunc(conds, func(c sqlparse.Expr) bool { return slices.Contains(x.Covered, c) })
		c := *x
		c.KeysOnly = true
		leaf, readable = &c, []string{x.Table.PrimaryKey}
		for _, ci := range x.Table.IndexColumns(x.Index) {
			if ci >= 0 && record.KeyDecodable(x.Table.Columns[ci].Type) {
				readable = append(readable, x.Table.Columns[ci].Name)
			}
		}
	default:
		return n
	}
	for _, e := range append(exprs, conds...) {
		for _, ref := range eval.ColumnRefs(e) {
			if !slices.ContainsFunc(readable, func(c string) bool { return strings.EqualFold(c, ref.Name) }) {
				return n
			}
		}
	}
	if c := And(conds); c != nil {
		leaf = &Filter{Input: leaf, Cond: c}
	}
	return withChildren(n, []Node{leaf})
}
