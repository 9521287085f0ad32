package eval

import (
	"fmt"
	"strings"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// Scope maps a column reference to its index in Env.Row. The planner
// implements it; its errors (unknown or ambiguous column) are returned by
// Compile unchanged.
type Scope interface {
	Resolve(table, column string) (int, error)
}

// Env is what one evaluation sees: the current row, the statement's
// placeholder values and the statement's clock. Now should be set once per
// statement so that NOW() is the same in every row; when it is zero the
// current time is used.
type Env struct {
	Row    []any
	Params []any
	Now    time.Time
}

func (env *Env) now() time.Time {
	if env.Now.IsZero() {
		return time.Now().UTC()
	}
	return env.Now.UTC()
}

type evalFn func(*Env) (any, error)

// flags describe what an expression depends on.
type flags uint8

const (
	fColumn   flags = 1 << iota // reads Env.Row
	fParam                      // reads Env.Params
	fNow                        // reads Env.Now
	fVolatile                   // differs per call (UUID)
	fJSON                       // the result is JSON text, not a plain string

	fDeps = fColumn | fParam | fNow | fVolatile
)

// Expr is a compiled expression: compile once per statement, evaluate per
// row. It is immutable and safe for concurrent use.
type Expr struct {
	fn    evalFn
	flags flags
	konst bool // known at compile time: val
	val   any
}

// Eval evaluates the expression against env (nil is an empty Env).
func (x *Expr) Eval(env *Env) (any, error) {
	if env == nil {
		env = &Env{}
	}
	return x.fn(env)
}

// IsConst reports whether the expression is the same for every row of one
// statement: it reads no column and calls no volatile function (UUID).
// Placeholders and NOW() are constant for a statement, so the planner may
// evaluate such an expression once (with Params and Now) and reuse it, for
// example as a key in a point lookup.
func (x *Expr) IsConst() bool { return x.flags&(fColumn|fVolatile) == 0 }

// Compile turns an IR expression into an Expr. scope resolves column
// references; it may be nil for expressions without any. Constant
// subexpressions without placeholders are folded, constant LIKE patterns and
// JSON paths are compiled once. Aggregate calls are errors here: the planner
// replaces them with column references first (see Rewrite).
func Compile(e sqlparse.Expr, scope Scope) (*Expr, error) {
	c := compiler{scope: scope}
	return c.compile(e)
}

// Const evaluates an expression that references no column, with the given
// placeholder values and the current time. ok is false, without an error,
// when e references a column.
func Const(e sqlparse.Expr, params []any) (v any, ok bool, err error) {
	if len(ColumnRefs(e)) > 0 {
		return nil, false, nil
	}
	x, err := Compile(e, nil)
	if err != nil {
		return nil, false, err
	}
	if v, err = x.Eval(&Env{Params: params, Now: time.Now().UTC()}); err != nil {
		return nil, false, err
	}
	return v, true, nil
}

type compiler struct{ scope Scope }

func (c *compiler) compile(e sqlparse.Expr) (*Expr, error) {
	x, err := c.node(e)
	if err != nil {
		return nil, err
	}
	if x.konst || x.flags&fDeps != 0 {
		return x, nil
	}
	v, err := x.fn(&Env{})
	if err != nil { // reported at run time, if that branch is ever evaluated
		return x, nil
	}
	return constant(v, x.flags&fJSON), nil
}

func constant(v any, fl flags) *Expr {
	return &Expr{fn: func(*Env) (any, error) { return v, nil }, flags: fl, konst: true, val: v}
}

// list compiles es and returns the union of their dependencies.
func (c *compiler) list(es []sqlparse.Expr) ([]*Expr, flags, error) {
	xs := make([]*Expr, len(es))
	var fl flags
	for i, e := range es {
		x, err := c.compile(e)
		if err != nil {
			return nil, 0, err
		}
		xs[i], fl = x, fl|x.flags&fDeps
	}
	return xs, fl, nil
}

func (c *compiler) node(e sqlparse.Expr) (*Expr, error) {
	switch e := e.(type) {
	case *sqlparse.Literal:
		switch v := e.Value.(type) {
		case nil, int64, float64, string, bool:
			return constant(v, 0), nil
		case uint64: // beyond int64: an UNSIGNED value
			return constant(v, 0), nil
		}
		return nil, fmt.Errorf("unsupported literal of type %T", e.Value)
	case *sqlparse.Param:
		return param(e.Index), nil
	case *sqlparse.ColumnRef:
		return c.column(e)
	case *sqlparse.Binary:
		return c.binary(e)
	case *sqlparse.Unary:
		return c.unary(e)
	case *sqlparse.IsNull:
		x, err := c.compile(e.X)
		if err != nil {
			return nil, err
		}
		not := e.Not
		return &Expr{flags: x.flags & fDeps, fn: func(env *Env) (any, error) {
			v, err := x.fn(env)
			return (v == nil) != not, err
		}}, nil
	case *sqlparse.IsBool:
		x, err := c.compile(e.X)
		if err != nil {
			return nil, err
		}
		want, not := e.Value, e.Not
		return &Expr{flags: x.flags & fDeps, fn: func(env *Env) (any, error) {
			v, err := x.fn(env)
			t, null := Truth(v)
			return (!null && t == want) != not, err
		}}, nil
	case *sqlparse.In:
		return c.in(e)
	case *sqlparse.Between:
		return c.between(e)
	case *sqlparse.Like:
		return c.like(e)
	case *sqlparse.Func:
		return c.call(e)
	case *sqlparse.Case:
		return c.caseExpr(e)
	case *sqlparse.Cast:
		return c.cast(e)
	case *sqlparse.Keyword: // a function's keyword argument (DAY, LEADING): its name
		return constant(strings.ToUpper(e.Name), 0), nil
	case nil:
		return nil, fmt.Errorf("missing expression")
	}
	return nil, fmt.Errorf("unsupported expression %T", e)
}

func param(i int) *Expr {
	return &Expr{flags: fParam, fn: func(env *Env) (any, error) {
		if i < 0 || i >= len(env.Params) {
			return nil, fmt.Errorf("placeholder ?%d has no value: %d given", i+1, len(env.Params))
		}
		v, err := Normalize(env.Params[i])
		if err != nil {
			return nil, fmt.Errorf("placeholder ?%d: %w", i+1, err)
		}
		return v, nil
	}}
}

func (c *compiler) column(e *sqlparse.ColumnRef) (*Expr, error) {
	if c.scope == nil {
		return nil, fmt.Errorf("unknown column '%s'", Format(e))
	}
	i, err := c.scope.Resolve(e.Table, e.Name)
	if err != nil {
		return nil, err
	}
	return &Expr{flags: fColumn, fn: func(env *Env) (any, error) {
		if i < 0 || i >= len(env.Row) {
			return nil, fmt.Errorf("column '%s' is at index %d of a row of %d values", Format(e), i, len(env.Row))
		}
		return env.Row[i], nil
	}}, nil
}

func (c *compiler) binary(e *sqlparse.Binary) (*Expr, error) {
	l, err := c.compile(e.L)
	if err != nil {
		return nil, err
	}
	r, err := c.compile(e.R)
	if err != nil {
		return nil, err
	}
	fl := (l.flags | r.flags) & fDeps
	var fn evalFn
	switch e.Op {
	case sqlparse.OpAnd, sqlparse.OpOr:
		// short-circuit: FALSE AND x, TRUE OR x do not evaluate x
		stop := e.Op == sqlparse.OpOr
		fn = func(env *Env) (any, error) {
			lv, err := l.fn(env)
			if err != nil {
				return nil, err
			}
			lt, ln := Truth(lv)
			if !ln && lt == stop {
				return stop, nil
			}
			rv, err := r.fn(env)
			if err != nil {
				return nil, err
			}
			rt, rn := Truth(rv)
			switch {
			case !rn && rt == stop:
				return stop, nil
			case ln || rn:
				return nil, nil
			}
			return !stop, nil
		}
	case sqlparse.OpXor:
		fn = func(env *Env) (any, error) {
			lv, rv, err := eval2(env, l, r)
			lt, ln := Truth(lv)
			rt, rn := Truth(rv)
			if err != nil || ln || rn {
				return nil, err
			}
			return lt != rt, nil
		}
	case sqlparse.OpNullEQ:
		fn = func(env *Env) (any, error) {
			lv, rv, err := eval2(env, l, r)
			if err != nil || lv == nil || rv == nil {
				return lv == nil && rv == nil, err
			}
			c, _, err := Compare(lv, rv)
			return c == 0, err
		}
	case sqlparse.OpEQ, sqlparse.OpNE, "<>", sqlparse.OpLT, sqlparse.OpLE, sqlparse.OpGT, sqlparse.OpGE:
		test := cmpTest(e.Op)
		fn = func(env *Env) (any, error) {
			lv, rv, err := eval2(env, l, r)
			if err != nil {
				return nil, err
			}
			c, null, err := Compare(lv, rv)
			if null || err != nil {
				return nil, err
			}
			return test(c), nil
		}
	case sqlparse.OpAdd, sqlparse.OpSub, sqlparse.OpMul, sqlparse.OpDiv, sqlparse.OpIntDiv, sqlparse.OpMod:
		op := e.Op
		fn = func(env *Env) (any, error) {
			lv, rv, err := eval2(env, l, r)
			if err != nil {
				return nil, err
			}
			return arith(op, lv, rv, e)
		}
	default:
		return nil, fmt.Errorf("unsupported operator %s", e.Op)
	}
	return &Expr{fn: fn, flags: fl}, nil
}

func eval2(env *Env, l, r *Expr) (any, any, error) {
	lv, err := l.fn(env)
	if err != nil {
		return nil, nil, err
	}
	rv, err := r.fn(env)
	return lv, rv, err
}

func cmpTest(op string) func(int) bool {
	switch op {
	case sqlparse.OpEQ:
		return func(c int) bool { return c == 0 }
	case sqlparse.OpLT:
		return func(c int) bool { return c < 0 }
	case sqlparse.OpLE:
		return func(c int) bool { return c <= 0 }
	case sqlparse.OpGT:
		return func(c int) bool { return c > 0 }
	case sqlparse.OpGE:
		return func(c int) bool { return c >= 0 }
	}
	return func(c int) bool { return c != 0 }
}

func (c *compiler) unary(e *sqlparse.Unary) (*Expr, error) {
	x, err := c.compile(e.X)
	if err != nil {
		return nil, err
	}
	var fn evalFn
	switch e.Op {
	case "NOT", "!":
		fn = func(env *Env) (any, error) {
			v, err := x.fn(env)
			t, null := Truth(v)
			if null || err != nil {
				return nil, err
			}
			return !t, nil
		}
	case "-":
		fn = func(env *Env) (any, error) {
			v, err := x.fn(env)
			if err != nil {
				return nil, err
			}
			return neg(v, e)
		}
	case "+":
		fn = x.fn
	case "~":
		return nil, fmt.Errorf("operator ~ is not supported yet: it returns an unsigned BIGINT")
	default:
		return nil, fmt.Errorf("unsupported operator %s", e.Op)
	}
	return &Expr{fn: fn, flags: x.flags & fDeps}, nil
}

// inSet is the hash lookup of an IN list made only of int64 or only of string
// constants (and NULLs).
type inSet struct {
	ints    map[int64]struct{}
	strs    map[string]struct{}
	hasNull bool
}

func newInSet(items []*Expr) *inSet {
	s := &inSet{ints: map[int64]struct{}{}, strs: map[string]struct{}{}}
	for _, it := range items {
		if !it.konst {
			return nil
		}
		switch v := it.val.(type) {
		case nil:
			s.hasNull = true
		case int64:
			s.ints[v] = struct{}{}
		case string:
			s.strs[v] = struct{}{}
		default:
			return nil
		}
	}
	if len(s.ints) > 0 && len(s.strs) > 0 {
		return nil
	}
	return s
}

// lookup answers for v when the set can; ok is false otherwise.
func (s *inSet) lookup(v any) (found, ok bool) {
	switch x := v.(type) {
	case int64:
		if len(s.strs) == 0 {
			_, found = s.ints[x]
			return found, true
		}
	case string:
		if len(s.ints) == 0 {
			_, found = s.strs[x]
			return found, true
		}
	}
	return false, false
}

func (c *compiler) in(e *sqlparse.In) (*Expr, error) {
	x, err := c.compile(e.X)
	if err != nil {
		return nil, err
	}
	items, fl, err := c.list(e.List)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("IN requires at least one value")
	}
	var set *inSet
	if len(items) > 1 {
		set = newInSet(items)
	}
	not := e.Not
	return &Expr{flags: fl | x.flags&fDeps, fn: func(env *Env) (any, error) {
		v, err := x.fn(env)
		if v == nil || err != nil {
			return nil, err
		}
		if set != nil {
			if found, ok := set.lookup(v); ok {
				if !found && set.hasNull {
					return nil, nil
				}
				return found != not, nil
			}
		}
		sawNull := false
		for _, it := range items {
			w, err := it.fn(env)
			if err != nil {
				return nil, err
			}
			c, null, err := Compare(v, w)
			switch {
			case err != nil:
				return nil, err
			case null:
				sawNull = true
			case c == 0:
				return !not, nil
			}
		}
		if sawNull {
			return nil, nil
		}
		return not, nil
	}}, nil
}

func (c *compiler) between(e *sqlparse.Between) (*Expr, error) {
	xs, fl, err := c.list([]sqlparse.Expr{e.X, e.Lo, e.Hi})
	if err != nil {
		return nil, err
	}
	x, lo, hi, not := xs[0], xs[1], xs[2], e.Not
	return &Expr{flags: fl, fn: func(env *Env) (any, error) {
		v, err := x.fn(env)
		if v == nil || err != nil {
			return nil, err
		}
		l, h, err := eval2(env, lo, hi)
		if err != nil {
			return nil, err
		}
		c1, n1, err := Compare(v, l)
		if err != nil {
			return nil, err
		}
		c2, n2, err := Compare(v, h)
		if err != nil {
			return nil, err
		}
		switch {
		case (!n1 && c1 < 0) || (!n2 && c2 > 0):
			return not, nil
		case n1 || n2:
			return nil, nil
		}
		return !not, nil
	}}, nil
}

func (c *compiler) caseExpr(e *sqlparse.Case) (*Expr, error) {
	var operand, els *Expr
	var fl flags
	var err error
	if e.Operand != nil {
		if operand, err = c.compile(e.Operand); err != nil {
			return nil, err
		}
		fl |= operand.flags & fDeps
	}
	if e.Else != nil {
		if els, err = c.compile(e.Else); err != nil {
			return nil, err
		}
		fl |= els.flags & fDeps
	}
	type arm struct{ cond, result *Expr }
	arms := make([]arm, len(e.Whens))
	for i, w := range e.Whens {
		xs, f, err := c.list([]sqlparse.Expr{w.Cond, w.Result})
		if err != nil {
			return nil, err
		}
		arms[i], fl = arm{xs[0], xs[1]}, fl|f
	}
	return &Expr{flags: fl, fn: func(env *Env) (any, error) {
		var ov any
		if operand != nil {
			var err error
			if ov, err = operand.fn(env); err != nil {
				return nil, err
			}
		}
		for _, a := range arms {
			cv, err := a.cond.fn(env)
			if err != nil {
				return nil, err
			}
			var hit bool
			if operand != nil {
				c, null, err := Compare(ov, cv)
				if err != nil {
					return nil, err
				}
				hit = !null && c == 0
			} else {
				t, null := Truth(cv)
				hit = t && !null
			}
			if hit {
				return a.result.fn(env)
			}
		}
		if els != nil {
			return els.fn(env)
		}
		return nil, nil
	}}, nil
}
