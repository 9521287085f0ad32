package planner

import (
	"errors"
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/sqlparse"
)

// from plans a FROM clause: its first table, then each join in turn.
func (b *builder) from(first *sqlparse.TableRef, joins []sqlparse.Join) (Node, error) {
	src, err := b.source(first)
	if err != nil || len(joins) == 0 {
		return src, err
	}
	seen := map[string]bool{strings.ToLower(refName(first)): true}
	for _, j := range joins {
		name := strings.ToLower(refName(&j.Table))
		if seen[name] {
			return nil, fmt.Errorf("not unique table/alias: '%s'", refName(&j.Table))
		}
		seen[name] = true
		t, err := b.table(j.Table.Name)
		if err != nil {
			return nil, err
		}
		right := &FullScan{Table: t, Alias: j.Table.Alias}
		join := &HashJoin{Left: src, Right: right, Kind: j.Kind}
		if j.On != nil {
			if err := check(j.On, join.Schema(), "on clause"); err != nil {
				return nil, err
			}
			if containsSubquery(j.On) {
				return nil, errors.New("subqueries are not supported in ON; move the condition to WHERE")
			}
			join.LeftKeys, join.RightKeys, join.Residual = splitEqui(j.On, src.Schema(), right.Schema())
		}
		src = join
	}
	return src, nil
}

func refName(r *sqlparse.TableRef) string {
	if r.Alias != "" {
		return r.Alias
	}
	return r.Name
}

// splitEqui splits a join condition into equality keys (left expression =
// right expression, each side reading one input only) and the rest.
func splitEqui(cond sqlparse.Expr, left, right Schema) (lk, rk []sqlparse.Expr, residual sqlparse.Expr) {
	var rest []sqlparse.Expr
	for _, c := range conjuncts(cond) {
		if eq, ok := c.(*sqlparse.Binary); ok && eq.Op == sqlparse.OpEQ {
			switch {
			case readsOnly(eq.L, left) && readsOnly(eq.R, right):
				lk, rk = append(lk, eq.L), append(rk, eq.R)
				continue
			case readsOnly(eq.R, left) && readsOnly(eq.L, right):
				lk, rk = append(lk, eq.R), append(rk, eq.L)
				continue
			}
		}
		rest = append(rest, c)
	}
	return lk, rk, And(rest)
}

// readsOnly reports whether e reads at least one column and only columns of s.
func readsOnly(e sqlparse.Expr, s Schema) bool {
	refs := eval.ColumnRefs(e)
	for _, r := range refs {
		if _, err := s.Resolve(r.Table, r.Name); err != nil {
			return false
		}
	}
	return len(refs) > 0
}

// And joins conditions with AND (nil for none).
func And(cs []sqlparse.Expr) sqlparse.Expr {
	var out sqlparse.Expr
	for _, c := range cs {
		if out == nil {
			out = c
		} else {
			out = &sqlparse.Binary{Op: sqlparse.OpAnd, L: out, R: c}
		}
	}
	return out
}

func containsSubquery(e sqlparse.Expr) bool {
	found := false
	eval.Walk(e, func(x sqlparse.Expr) bool {
		switch x := x.(type) {
		case *sqlparse.Exists:
			found = true
		case *sqlparse.In:
			found = found || x.Sub != nil
		}
		return !found
	})
	return found
}

// subqueryConds plans the AND-ed subquery conditions of a WHERE as semi-joins
// over src: IN (SELECT ...) and EXISTS (SELECT ...), negated or not. A
// subquery anywhere else is an error.
func (b *builder) subqueryConds(src Node, conds []sqlparse.Expr) (Node, error) {
	for _, c := range conds {
		not := false
		if u, ok := c.(*sqlparse.Unary); ok && u.Op == "NOT" {
			not, c = true, u.X
		}
		var err error
		switch x := c.(type) {
		case *sqlparse.In:
			src, err = b.semiJoin(src, x.X, x.Sub, x.Not != not)
		case *sqlparse.Exists:
			src, err = b.semiJoin(src, nil, x.Sub, x.Not != not)
		}
		if err != nil {
			return nil, err
		}
	}
	return src, nil
}

// isSubqueryCond reports whether c is [NOT] IN (SELECT ...) or [NOT] EXISTS.
func isSubqueryCond(c sqlparse.Expr) bool {
	if u, ok := c.(*sqlparse.Unary); ok && u.Op == "NOT" {
		c = u.X
	}
	switch x := c.(type) {
	case *sqlparse.In:
		return x.Sub != nil
	case *sqlparse.Exists:
		return true
	}
	return false
}

// semiJoin plans `x [NOT] IN (sub)` (x != nil) or `[NOT] EXISTS (sub)`.
// An uncorrelated subquery is planned as a query of its own. A correlated one
// (its WHERE names columns of the outer query) must be a plain filtered
// FROM: its `inner = outer` conditions become the join keys, other
// correlated conditions a residual check on each pair.
func (b *builder) semiJoin(outer Node, x sqlparse.Expr, stmt *sqlparse.Select, anti bool) (Node, error) {
	os := outer.Schema()
	sub := *stmt // qualifyInner rewrites it: the parsed statement may be shared by executions
	sub.Fields = append([]sqlparse.SelectField(nil), stmt.Fields...)
	sj := &SemiJoin{Left: outer, Anti: anti, NullAware: anti && x != nil}
	if x != nil {
		if len(sub.Fields) != 1 || sub.Fields[0].Star {
			return nil, errors.New("the subquery of IN must return exactly 1 column")
		}
		if err := check(x, os, "where clause"); err != nil {
			return nil, err
		}
	}
	inner, err := b.from(sub.From, sub.Joins)
	if err != nil {
		return nil, err
	}
	is := inner.Schema()
	correlated, err := qualifyInner(&sub, is, os)
	if err != nil {
		return nil, err
	}
	if !correlated {
		right, err := b.selectStmt(stmt) // as written: qualification is for correlation only
		if err != nil {
			return nil, err
		}
		sj.Right = right
		if x != nil {
			c := right.Schema()[0]
			sj.LeftKeys, sj.RightKeys = []sqlparse.Expr{x}, []sqlparse.Expr{&sqlparse.ColumnRef{Table: c.Table, Name: c.Name}}
		}
		return sj, nil
	}
	if len(sub.GroupBy) > 0 || sub.Having != nil || sub.Limit != nil || fieldsAggregate(sub.Fields) {
		return nil, errors.New("a correlated subquery (one naming outer columns) cannot use GROUP BY, HAVING, aggregates or LIMIT yet")
	}
	var innerOnly, corr []sqlparse.Expr
	for _, c := range conjuncts(sub.Where) {
		if c == nil {
			continue
		}
		if refsResolve(c, is) {
			innerOnly = append(innerOnly, c)
		} else {
			corr = append(corr, c)
		}
	}
	right, err := b.where(inner, And(innerOnly))
	if err != nil {
		return nil, err
	}
	sj.Right = right
	if x != nil {
		if !refsResolve(sub.Fields[0].Expr, is) {
			return nil, errors.New("the select list of a correlated IN subquery must name only its own columns")
		}
		sj.LeftKeys, sj.RightKeys = []sqlparse.Expr{x}, []sqlparse.Expr{sub.Fields[0].Expr}
	}
	lk, rk, residual := splitEqui(And(corr), os, is)
	sj.LeftKeys, sj.RightKeys = append(sj.LeftKeys, lk...), append(sj.RightKeys, rk...)
	sj.Residual = residual
	if err := check(residual, joinSchema(os, is, sqlparse.JoinInner), "where clause"); err != nil {
		return nil, err
	}
	return sj, nil
}

func fieldsAggregate(fs []sqlparse.SelectField) bool {
	for _, f := range fs {
		if f.Expr != nil && containsAggregate(f.Expr) {
			return true
		}
	}
	return false
}

// refsResolve reports whether every column e names resolves in s.
func refsResolve(e sqlparse.Expr, s Schema) bool {
	for _, r := range eval.ColumnRefs(e) {
		if _, err := s.Resolve(r.Table, r.Name); err != nil {
			return false
		}
	}
	return true
}

// qualifyInner binds the subquery's unqualified column names to its own
// tables first (SQL's innermost-scope rule) by qualifying them, and reports
// whether its WHERE names outer columns. A name found in neither scope is an
// unknown column.
func qualifyInner(sub *sqlparse.Select, inner, outer Schema) (correlated bool, err error) {
	qualify := func(e sqlparse.Expr) sqlparse.Expr {
		return eval.Rewrite(e, func(x sqlparse.Expr) sqlparse.Expr {
			ref, ok := x.(*sqlparse.ColumnRef)
			if !ok {
				return nil
			}
			if i, e := inner.Resolve(ref.Table, ref.Name); e == nil {
				return &sqlparse.ColumnRef{Table: inner[i].Table, Name: inner[i].Name}
			}
			if _, e := outer.Resolve(ref.Table, ref.Name); e == nil {
				correlated = true
				return nil
			}
			if err == nil {
				_, err = inner.Resolve(ref.Table, ref.Name)
				err = fmt.Errorf("%v in subquery", err)
			}
			return nil
		})
	}
	sub.Where = qualify(sub.Where)
	for i := range sub.Fields {
		if sub.Fields[i].Expr != nil {
			before := correlated
			sub.Fields[i].Expr = qualify(sub.Fields[i].Expr)
			if correlated && !before {
				return false, errors.New("a subquery's select list cannot name outer columns")
			}
		}
	}
	return correlated, err
}
