package eval

import (
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/sqlparse"
)

// funcDef describes one scalar function. Exactly one of fn, lazy and build is
// set: fn receives evaluated arguments, lazy evaluates them itself (IF,
// COALESCE), build specialises the call at compile time (constant JSON paths).
type funcDef struct {
	min, max int   // arity; max < 0: no upper bound
	nullIn   bool  // a NULL argument makes the result NULL without calling fn
	flags    flags // fNow, fVolatile; fJSON when the result is JSON text
	fn       func(env *Env, args []any) (any, error)
	lazy     func(env *Env, args []*Expr) (any, error)
	build    func(name string, args []*Expr) (evalFn, error)
}

// funcs is the registry of scalar functions, by upper-case name.
var funcs = merge(stringFuncs, mathFuncs, controlFuncs, timeFuncs, jsonFuncs, vectorFuncs)

func merge(ms ...map[string]*funcDef) map[string]*funcDef {
	all := map[string]*funcDef{}
	for _, m := range ms {
		for name, d := range m {
			all[name] = d
		}
	}
	return all
}

var aggregates = map[string]bool{"COUNT": true, "SUM": true, "AVG": true, "MIN": true, "MAX": true}

// IsAggregate reports whether name (any case) is an aggregate function:
// COUNT, SUM, AVG, MIN or MAX.
func IsAggregate(name string) bool { return aggregates[strings.ToUpper(name)] }

func arity(name string, min, max, n int) error {
	if n >= min && (max < 0 || n <= max) {
		return nil
	}
	plural := func(n int) string {
		if n == 1 {
			return "1 argument"
		}
		return fmt.Sprintf("%d arguments", n)
	}
	var want string
	switch {
	case max < 0:
		want = "at least " + plural(min)
	case min == max:
		want = plural(min)
	case max == min+1:
		want = fmt.Sprintf("%d or %s", min, plural(max))
	default:
		want = fmt.Sprintf("%d to %s", min, plural(max))
	}
	return fmt.Errorf("function %s takes %s, got %d", name, want, n)
}

func (c *compiler) call(f *sqlparse.Func) (*Expr, error) {
	name := strings.ToUpper(f.Name)
	if IsAggregate(name) {
		return nil, fmt.Errorf("aggregate %s is not allowed here", name)
	}
	def, ok := funcs[name]
	if !ok {
		return nil, fmt.Errorf("unknown function %s", name)
	}
	if f.Star || f.Distinct {
		return nil, fmt.Errorf("%s is not an aggregate function: * and DISTINCT are not allowed in it", name)
	}
	if err := arity(name, def.min, def.max, len(f.Args)); err != nil {
		return nil, err
	}
	args, fl, err := c.list(f.Args)
	if err != nil {
		return nil, err
	}
	var fn evalFn
	switch {
	case def.build != nil:
		if fn, err = def.build(name, args); err != nil {
			return nil, err
		}
	case def.lazy != nil:
		fn = func(env *Env) (any, error) { return def.lazy(env, args) }
	default:
		fn = func(env *Env) (any, error) {
			vals := make([]any, len(args))
			for i, a := range args {
				v, err := a.fn(env)
				if err != nil {
					return nil, err
				}
				if v == nil && def.nullIn {
					return nil, nil
				}
				vals[i] = v
			}
			return def.fn(env, vals)
		}
	}
	return &Expr{fn: fn, flags: fl | def.flags}, nil
}

// intArg is the lenient integer reading of a numeric argument (lengths,
// positions, counts): fractions round, strings use their numeric prefix.
func intArg(v any) int64 {
	n, _, _ := toNum(v)
	if n.isF {
		return clampInt(n.f)
	}
	return n.i
}

// ---- control flow ----

var controlFuncs = map[string]*funcDef{
	"IF": {min: 3, max: 3, lazy: func(env *Env, a []*Expr) (any, error) {
		c, err := a[0].fn(env)
		if err != nil {
			return nil, err
		}
		if t, null := Truth(c); t && !null {
			return a[1].fn(env)
		}
		return a[2].fn(env)
	}},
	"IFNULL":   {min: 2, max: 2, lazy: coalesce},
	"COALESCE": {min: 1, max: -1, lazy: coalesce},
	"NULLIF": {min: 2, max: 2, fn: func(_ *Env, a []any) (any, error) {
		c, null, err := Compare(a[0], a[1])
		if err != nil || (!null && c == 0) {
			return nil, err
		}
		return a[0], nil
	}},
	"GREATEST": {min: 2, max: -1, nullIn: true, fn: func(_ *Env, a []any) (any, error) { return extreme(a, 1) }},
	"LEAST":    {min: 2, max: -1, nullIn: true, fn: func(_ *Env, a []any) (any, error) { return extreme(a, -1) }},
}

func coalesce(env *Env, args []*Expr) (any, error) {
	for _, a := range args {
		if v, err := a.fn(env); v != nil || err != nil {
			return v, err
		}
	}
	return nil, nil
}

// extreme returns the greatest (sign 1) or least (sign -1) argument.
func extreme(a []any, sign int) (any, error) {
	best := a[0]
	for _, v := range a[1:] {
		c, _, err := Compare(v, best)
		if err != nil {
			return nil, err
		}
		if c*sign > 0 {
			best = v
		}
	}
	return best, nil
}
