package planner

import (
	"strings"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// partitionLookup turns Filter(FullScan) into Filter(PartitionLookup) when
// WHERE has equality (or IN) on the leading columns of an index, with
// constants, and possibly a range on the next column: the rows are found by
// listing the index's key prefix instead of scanning the table. Of several
// usable indexes it picks the one matching the most columns. The Filter
// stays and re-checks every row, so an entry left stale by an interrupted
// write can never return a wrong row.
func partitionLookup(n Node) Node {
	f, ok := n.(*Filter)
	if !ok {
		return n
	}
	scan, ok := f.Input.(*FullScan)
	if !ok || len(scan.Table.Indexes) == 0 {
		return n
	}
	conds := conjuncts(f.Cond)
	var best *PartitionLookup
	score := 0
	for _, ix := range scan.Table.Indexes {
		pl := matchIndex(scan, ix, conds)
		s := 2 * len(pl.Eq)
		if pl.Lo != nil || pl.Hi != nil {
			s++
		}
		if s > score {
			best, score = pl, s
		}
	}
	if best == nil {
		return n
	}
	return &Filter{Input: best, Cond: f.Cond}
}

// matchIndex finds the conjuncts an index can serve: equalities on its
// leading columns, then a range on the next one.
func matchIndex(scan *FullScan, ix *schema.Index, conds []sqlparse.Expr) *PartitionLookup {
	pl := &PartitionLookup{Table: scan.Table, Alias: scan.Alias, Index: ix}
	for _, ci := range scan.Table.IndexColumns(ix) {
		col := scan.Table.Columns[ci].Name
		if c, vals := findEq(conds, col, scan); c != nil {
			pl.Eq = append(pl.Eq, vals)
			pl.Covered = append(pl.Covered, c)
			continue
		}
		for _, c := range conds {
			if setBound(pl, c, col, scan) {
				pl.Covered = append(pl.Covered, c)
			}
		}
		break
	}
	return pl
}

// isCol reports whether e is a reference to column col of the scanned table.
func isCol(e sqlparse.Expr, col string, scan *FullScan) bool {
	ref, ok := e.(*sqlparse.ColumnRef)
	if !ok || !strings.EqualFold(ref.Name, col) {
		return false
	}
	alias := scan.Alias
	if alias == "" {
		alias = scan.Table.Name
	}
	return ref.Table == "" || strings.EqualFold(ref.Table, alias)
}

func isConstExpr(e sqlparse.Expr) bool { return len(eval.ColumnRefs(e)) == 0 }

// findEq finds `col = const` or `col IN (consts)` among the conjuncts.
func findEq(conds []sqlparse.Expr, col string, scan *FullScan) (sqlparse.Expr, []sqlparse.Expr) {
	for _, c := range conds {
		switch x := c.(type) {
		case *sqlparse.Binary:
			if x.Op != sqlparse.OpEQ {
				continue
			}
			if isCol(x.L, col, scan) && isConstExpr(x.R) {
				return c, []sqlparse.Expr{x.R}
			}
			if isCol(x.R, col, scan) && isConstExpr(x.L) {
				return c, []sqlparse.Expr{x.L}
			}
		case *sqlparse.In:
			if x.Not || x.Sub != nil || !isCol(x.X, col, scan) {
				continue
			}
			ok := true
			for _, v := range x.List {
				ok = ok && isConstExpr(v)
			}
			if ok {
				return c, x.List
			}
		}
	}
	return nil, nil
}

// flipped is the operator with its operands swapped (1 < a is a > 1).
var flipped = map[string]string{sqlparse.OpLT: sqlparse.OpGT, sqlparse.OpLE: sqlparse.OpGE, sqlparse.OpGT: sqlparse.OpLT, sqlparse.OpGE: sqlparse.OpLE}

// setBound narrows the lookup's range on col with a comparison or BETWEEN.
func setBound(pl *PartitionLookup, c sqlparse.Expr, col string, scan *FullScan) bool {
	switch x := c.(type) {
	case *sqlparse.Between:
		if x.Not || !isCol(x.X, col, scan) || !isConstExpr(x.Lo) || !isConstExpr(x.Hi) || pl.Lo != nil || pl.Hi != nil {
			return false
		}
		pl.Lo, pl.LoIncl, pl.Hi, pl.HiIncl = x.Lo, true, x.Hi, true
		return true
	case *sqlparse.Binary:
		op, v := x.Op, x.R
		if !isCol(x.L, col, scan) || !isConstExpr(x.R) {
			if !isCol(x.R, col, scan) || !isConstExpr(x.L) {
				return false
			}
			op, v = flipped[x.Op], x.L
		}
		switch op {
		case sqlparse.OpGT, sqlparse.OpGE:
			if pl.Lo != nil {
				return false
			}
			pl.Lo, pl.LoIncl = v, op == sqlparse.OpGE
			return true
		case sqlparse.OpLT, sqlparse.OpLE:
			if pl.Hi != nil {
				return false
			}
			pl.Hi, pl.HiIncl = v, op == sqlparse.OpLE
			return true
		}
	}
	return false
}
