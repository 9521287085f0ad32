package planner

import (
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// lookupJoin turns a HashJoin whose right input is a whole table (possibly
// filtered) joined on that table's primary key, or on the first column of
// one of its indexes, into a LookupJoin: instead of scanning the table, it
// reads just the rows the left rows point at. The other key
// pairs and the right input's filter become the residual condition.
func lookupJoin(n Node) Node {
	j, ok := n.(*HashJoin)
	if !ok {
		return n
	}
	right, filter := j.Right, sqlparse.Expr(nil)
	if f, ok := right.(*Filter); ok {
		right, filter = f.Input, f.Cond
	}
	scan, ok := right.(*FullScan)
	if !ok {
		return n
	}
	// The primary key first (1 GET per key), then an index whose first part
	// is a key column (a partition lookup per key value).
	type target struct {
		key   int
		index *schema.Index
	}
	var found *target
	for i, rk := range j.RightKeys {
		if isCol(rk, scan.Table.PrimaryKey, scan) {
			found = &target{key: i}
			break
		}
	}
	for i, rk := range j.RightKeys {
		for _, ix := range scan.Table.Indexes {
			if found != nil {
				break
			}
			if cols := scan.Table.IndexColumns(ix); cols[0] >= 0 && isCol(rk, scan.Table.Columns[cols[0]].Name, scan) {
				found = &target{key: i, index: ix}
			}
		}
	}
	if found == nil {
		return n
	}
	rest := []sqlparse.Expr{filter, j.Residual}
	for k := range j.RightKeys {
		// An index entry can be stale: its key equality is checked on the row too.
		if k != found.key || found.index != nil {
			rest = append(rest, &sqlparse.Binary{Op: sqlparse.OpEQ, L: j.LeftKeys[k], R: j.RightKeys[k]})
		}
	}
	var cond []sqlparse.Expr
	for _, c := range rest {
		if c != nil {
			cond = append(cond, c)
		}
	}
	return &LookupJoin{Left: j.Left, Table: scan.Table, Alias: scan.Alias, Index: found.index, Kind: j.Kind, Key: j.LeftKeys[found.key], Residual: And(cond)}
}
