package sqlparse

// walkStmt calls f for every expression in s, parents before children.
func walkStmt(s Statement, f func(Expr)) {
	exprs := func(es ...Expr) {
		for _, e := range es {
			walkExpr(e, f)
		}
	}
	order := func(items []OrderItem) {
		for _, it := range items {
			walkExpr(it.Expr, f)
		}
	}
	switch s := s.(type) {
	case *CreateTable:
		for _, c := range s.Columns {
			walkExpr(c.Default, f)
		}
	case *Insert:
		for _, row := range s.Rows {
			exprs(row...)
		}
	case *Select:
		for _, fl := range s.Fields {
			walkExpr(fl.Expr, f)
		}
		for _, j := range s.Joins {
			walkExpr(j.On, f)
		}
		exprs(s.Where, s.Having, s.Limit, s.Offset)
		exprs(s.GroupBy...)
		order(s.OrderBy)
	case *Union:
		for _, sel := range s.Selects {
			walkStmt(sel, f)
		}
		order(s.OrderBy)
		exprs(s.Limit, s.Offset)
	case *Update:
		for _, a := range s.Set {
			walkExpr(a.Value, f)
		}
		exprs(s.Where, s.Limit)
		order(s.OrderBy)
	case *Delete:
		exprs(s.Where, s.Limit)
		order(s.OrderBy)
	case *Explain:
		walkStmt(s.Stmt, f)
	}
}

// walkExpr calls f for e and every expression inside it, parents before
// children. A nil e is skipped.
func walkExpr(e Expr, f func(Expr)) {
	if e == nil {
		return
	}
	f(e)
	walk := func(es ...Expr) {
		for _, e := range es {
			walkExpr(e, f)
		}
	}
	switch e := e.(type) {
	case *Binary:
		walk(e.L, e.R)
	case *Unary:
		walk(e.X)
	case *IsNull:
		walk(e.X)
	case *IsBool:
		walk(e.X)
	case *In:
		walk(e.X)
		walk(e.List...)
		if e.Sub != nil {
			walkStmt(e.Sub, f)
		}
	case *Exists:
		walkStmt(e.Sub, f)
	case *Between:
		walk(e.X, e.Lo, e.Hi)
	case *Like:
		walk(e.X, e.Pattern)
	case *Func:
		walk(e.Args...)
	case *Case:
		walk(e.Operand)
		for _, w := range e.Whens {
			walk(w.Cond, w.Result)
		}
		walk(e.Else)
	case *Cast:
		walk(e.X)
	}
}
