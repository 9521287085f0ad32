package eval

import (
	"github.com/s3db-go/s3db/sqlparse"
)

// children returns the direct subexpressions of e, in evaluation order
// (nil entries, such as a CASE without ELSE, are left out).
func children(e sqlparse.Expr) []sqlparse.Expr {
	var cs []sqlparse.Expr
	add := func(xs ...sqlparse.Expr) {
		for _, x := range xs {
			if x != nil {
				cs = append(cs, x)
			}
		}
	}
	switch e := e.(type) {
	case *sqlparse.Binary:
		add(e.L, e.R)
	case *sqlparse.Unary:
		add(e.X)
	case *sqlparse.IsNull:
		add(e.X)
	case *sqlparse.IsBool:
		add(e.X)
	case *sqlparse.In:
		add(e.X)
		add(e.List...)
	case *sqlparse.Between:
		add(e.X, e.Lo, e.Hi)
	case *sqlparse.Like:
		add(e.X, e.Pattern)
	case *sqlparse.Func:
		add(e.Args...)
	case *sqlparse.Case:
		add(e.Operand)
		for _, w := range e.Whens {
			add(w.Cond, w.Result)
		}
		add(e.Else)
	case *sqlparse.Cast:
		add(e.X)
	}
	return cs
}

// Walk calls fn for e and then, when fn returns true, for each subexpression,
// depth first in evaluation order. A nil e is not visited.
func Walk(e sqlparse.Expr, fn func(sqlparse.Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	for _, c := range children(e) {
		Walk(c, fn)
	}
}

// ColumnRefs lists the column references in e, in order of appearance.
func ColumnRefs(e sqlparse.Expr) []*sqlparse.ColumnRef {
	var refs []*sqlparse.ColumnRef
	Walk(e, func(x sqlparse.Expr) bool {
		if c, ok := x.(*sqlparse.ColumnRef); ok {
			refs = append(refs, c)
		}
		return true
	})
	return refs
}

// Rewrite returns a copy of e in which fn has replaced nodes: fn is called
// top-down; a non-nil result replaces the node (and its subtree is not
// visited), nil keeps the node, copied, with its subexpressions rewritten.
// The planner uses it to replace aggregate calls by column references. e is
// not modified.
func Rewrite(e sqlparse.Expr, fn func(sqlparse.Expr) sqlparse.Expr) sqlparse.Expr {
	if e == nil {
		return nil
	}
	if r := fn(e); r != nil {
		return r
	}
	rw := func(x sqlparse.Expr) sqlparse.Expr { return Rewrite(x, fn) }
	rws := func(xs []sqlparse.Expr) []sqlparse.Expr {
		if xs == nil {
			return nil
		}
		out := make([]sqlparse.Expr, len(xs))
		for i, x := range xs {
			out[i] = rw(x)
		}
		return out
	}
	switch e := e.(type) {
	case *sqlparse.Literal:
		c := *e
		return &c
	case *sqlparse.Param:
		c := *e
		return &c
	case *sqlparse.ColumnRef:
		c := *e
		return &c
	case *sqlparse.Keyword:
		c := *e
		return &c
	case *sqlparse.Binary:
		return &sqlparse.Binary{Op: e.Op, L: rw(e.L), R: rw(e.R)}
	case *sqlparse.Unary:
		return &sqlparse.Unary{Op: e.Op, X: rw(e.X)}
	case *sqlparse.IsNull:
		return &sqlparse.IsNull{X: rw(e.X), Not: e.Not}
	case *sqlparse.IsBool:
		return &sqlparse.IsBool{X: rw(e.X), Value: e.Value, Not: e.Not}
	case *sqlparse.In:
		return &sqlparse.In{X: rw(e.X), List: rws(e.List), Not: e.Not}
	case *sqlparse.Between:
		return &sqlparse.Between{X: rw(e.X), Lo: rw(e.Lo), Hi: rw(e.Hi), Not: e.Not}
	case *sqlparse.Like:
		return &sqlparse.Like{X: rw(e.X), Pattern: rw(e.Pattern), Escape: e.Escape, Not: e.Not}
	case *sqlparse.Func:
		return &sqlparse.Func{Name: e.Name, Args: rws(e.Args), Star: e.Star, Distinct: e.Distinct}
	case *sqlparse.Case:
		c := &sqlparse.Case{Operand: rw(e.Operand), Else: rw(e.Else), Whens: make([]sqlparse.When, len(e.Whens))}
		for i, w := range e.Whens {
			c.Whens[i] = sqlparse.When{Cond: rw(w.Cond), Result: rw(w.Result)}
		}
		return c
	case *sqlparse.Cast:
		t := e.Type
		t.Elems = append([]string(nil), e.Type.Elems...)
		return &sqlparse.Cast{X: rw(e.X), Type: t}
	}
	return e
}

// Format renders e as SQL text (sqlparse.Format): binary operations
// parenthesised, as in "BIGINT value is out of range in '(a + 1)'".
func Format(e sqlparse.Expr) string { return sqlparse.Format(e) }
