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
	for i, ci := range scan.Table.IndexColumns(ix) {
		isPart := func(e sqlparse.Expr) bool { return isCol(e, scan.Table.Columns[max(ci, 0)].Name, scan) }
		if text, ok := ix.Expr(i); ok {
			isPart = func(e sqlparse.Expr) bool { return isExpr(e, text, scan) }
		}
		if c, vals := findEq(conds, isPart); c != nil {
			pl.Eq = append(pl.Eq, vals)
			pl.Covered = append(pl.Covered, c)
			continue
		}
		for _, c := range conds {
			if setBound(pl, c, isPart) {
				pl.Covered = append(pl.Covered, c)
			}
		}
		break
	}
	return pl
}

// isExpr reports whether e is the index expression text, over the scanned
// table (qualified by its alias or not).
func isExpr(e sqlparse.Expr, text string, scan *FullScan) bool {
	if len(eval.ColumnRefs(e)) == 0 {
		return false
	}
	plain := eval.Rewrite(e, func(x sqlparse.Expr) sqlparse.Expr {
		if ref, ok := x.(*sqlparse.ColumnRef); ok && ref.Table != "" {
			if !isCol(ref, ref.Name, scan) {
				return &sqlparse.ColumnRef{Table: "\x00", Name: ref.Name} // another table's: never equal
			}
			return &sqlparse.ColumnRef{Name: ref.Name}
		}
		return nil
	})
	return sqlparse.Format(plain) == text
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

// findEq finds `part = const` or `part IN (consts)` among the conjuncts.
func findEq(conds []sqlparse.Expr, isPart func(sqlparse.Expr) bool) (sqlparse.Expr, []sqlparse.Expr) {
	for _, c := range conds {
		switch x := c.(type) {
		case *sqlparse.Binary:
			if x.Op != sqlparse.OpEQ {
				continue
			}
			if isPart(x.L) && isConstExpr(x.R) {
				return c, []sqlparse.Expr{x.R}
			}
			if isPart(x.R) && isConstExpr(x.L) {
				return c, []sqlparse.Expr{x.L}
			}
		case *sqlparse.In:
			if x.Not || x.Sub != nil || !isPart(x.X) {
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

// setBound narrows the lookup's range on a part with a comparison or BETWEEN.
func setBound(pl *PartitionLookup, c sqlparse.Expr, isPart func(sqlparse.Expr) bool) bool {
	switch x := c.(type) {
	case *sqlparse.Between:
		if x.Not || !isPart(x.X) || !isConstExpr(x.Lo) || !isConstExpr(x.Hi) || pl.Lo != nil || pl.Hi != nil {
			return false
		}
		pl.Lo, pl.LoIncl, pl.Hi, pl.HiIncl = x.Lo, true, x.Hi, true
		return true
	case *sqlparse.Binary:
		op, v := x.Op, x.R
		if !isPart(x.L) || !isConstExpr(x.R) {
			if !isPart(x.R) || !isConstExpr(x.L) {
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
