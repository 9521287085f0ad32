package planner

import (
	"strings"

	"github.com/s3db-go/s3db/sqlparse"
)

// lookupJoin turns a HashJoin whose right input is a whole table (possibly
// filtered) joined on that table's primary key into a LookupJoin: instead of
// scanning the table, GET each row the left rows point at. The other key
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
	alias := scan.Alias
	if alias == "" {
		alias = scan.Table.Name
	}
	for i, rk := range j.RightKeys {
		ref, ok := rk.(*sqlparse.ColumnRef)
		if !ok || !strings.EqualFold(ref.Name, scan.Table.PrimaryKey) || (ref.Table != "" && !strings.EqualFold(ref.Table, alias)) {
			continue
		}
		rest := []sqlparse.Expr{filter, j.Residual}
		for k := range j.RightKeys {
			if k != i {
				rest = append(rest, &sqlparse.Binary{Op: sqlparse.OpEQ, L: j.LeftKeys[k], R: j.RightKeys[k]})
			}
		}
		var cond []sqlparse.Expr
		for _, c := range rest {
			if c != nil {
				cond = append(cond, c)
			}
		}
		return &LookupJoin{Left: j.Left, Table: scan.Table, Alias: scan.Alias, Kind: j.Kind, Key: j.LeftKeys[i], Residual: And(cond)}
	}
	return n
}
