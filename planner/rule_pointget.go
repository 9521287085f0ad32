package planner

import (
	"github.com/s3db-go/s3db/sqlparse"
)

// pointGet turns Filter(FullScan) into Filter(PointGet) when a conjunct of the
// condition is `pk = const` or `pk IN (consts)`. The filter stays: it checks
// the other conjuncts (and is trivially true for the key one).
func pointGet(n Node) Node {
	f, ok := n.(*Filter)
	if !ok {
		return n
	}
	scan, ok := f.Input.(*FullScan)
	if !ok {
		return n
	}
	for _, c := range conjuncts(f.Cond) {
		if keys := keyLookup(c, scan); keys != nil {
			return &Filter{Input: &PointGet{Table: scan.Table, Alias: scan.Alias, Keys: keys}, Cond: f.Cond}
		}
	}
	return n
}

// conjuncts splits a condition on AND.
func conjuncts(e sqlparse.Expr) []sqlparse.Expr {
	if b, ok := e.(*sqlparse.Binary); ok && b.Op == sqlparse.OpAnd {
		return append(conjuncts(b.L), conjuncts(b.R)...)
	}
	return []sqlparse.Expr{e}
}

// keyLookup returns the constant keys of `pk = k` / `k = pk` / `pk IN (k...)`.
func keyLookup(e sqlparse.Expr, scan *FullScan) []sqlparse.Expr {
	pk := scan.Table.PrimaryKey
	switch x := e.(type) {
	case *sqlparse.Binary:
		if x.Op != sqlparse.OpEQ {
			return nil
		}
		if isCol(x.L, pk, scan) && isConstExpr(x.R) {
			return []sqlparse.Expr{x.R}
		}
		if isCol(x.R, pk, scan) && isConstExpr(x.L) {
			return []sqlparse.Expr{x.L}
		}
	case *sqlparse.In:
		if x.Not || x.Sub != nil || !isCol(x.X, pk, scan) {
			return nil
		}
		for _, k := range x.List {
			if !isConstExpr(k) {
				return nil
			}
		}
		return x.List
	}
	return nil
}
