package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// numFn is a numeric function of evaluated, non-NULL arguments.
func numFn(min, max int, f func(name string, a []num) (any, error)) func(name string) *funcDef {
	return func(name string) *funcDef {
		return &funcDef{min: min, max: max, nullIn: true, fn: func(_ *Env, args []any) (any, error) {
			ns := make([]num, len(args))
			for i, v := range args {
				n, _, err := toNum(v)
				if err != nil {
					return nil, err
				}
				ns[i] = n
			}
			return f(name, ns)
		}}
	}
}

// callText renders a call for an out-of-range message, e.g. ABS(-9223372036854775808).
func callText(name string, a []num) sqlparse.Expr {
	f := &sqlparse.Func{Name: name}
	for _, n := range a {
		f.Args = append(f.Args, &sqlparse.Literal{Value: n.value()})
	}
	return f
}

var mathFuncs = func() map[string]*funcDef {
	defs := map[string]func(string) *funcDef{
		"ABS": numFn(1, 1, func(name string, a []num) (any, error) {
			switch x := a[0]; {
			case x.isX:
				return decNum(x.x.Abs()).valueAs(x), nil
			case x.isF:
				return math.Abs(x.f), nil
			case x.i == math.MinInt64:
				return nil, bigintRange(callText(name, a))
			case x.i < 0:
				return -x.i, nil
			default:
				return x.i, nil
			}
		}),
		"CEIL":    numFn(1, 1, func(_ string, a []num) (any, error) { return intOrFloat(a[0], math.Ceil), nil }),
		"CEILING": numFn(1, 1, func(_ string, a []num) (any, error) { return intOrFloat(a[0], math.Ceil), nil }),
		"FLOOR":   numFn(1, 1, func(_ string, a []num) (any, error) { return intOrFloat(a[0], math.Floor), nil }),
		"ROUND": numFn(1, 2, func(name string, a []num) (any, error) {
			d := int64(0)
			if len(a) > 1 {
				d = numInt(a[1])
			}
			return roundNum(name, a, d, false)
		}),
		"TRUNCATE": numFn(2, 2, func(name string, a []num) (any, error) {
			return roundNum(name, a, numInt(a[1]), true)
		}),
		"MOD": numFn(2, 2, func(name string, a []num) (any, error) {
			return arith(sqlparse.OpMod, a[0].value(), a[1].value(), callText(name, a))
		}),
		"POWER": numFn(2, 2, power),
		"POW":   numFn(2, 2, power),
		"SQRT": numFn(1, 1, func(_ string, a []num) (any, error) {
			if f := a[0].float(); f >= 0 {
				return math.Sqrt(f), nil
			}
			return nil, nil
		}),
		"SIGN": numFn(1, 1, func(_ string, a []num) (any, error) {
			switch f := a[0].f; {
			case a[0].isX:
				return int64(a[0].x.Sign()), nil
			case !a[0].isF:
				return int64(cmpNum(a[0], num{})), nil
			case f > 0:
				return int64(1), nil
			case f < 0:
				return int64(-1), nil
			case f == 0:
				return int64(0), nil
			}
			return nil, nil // NaN
		}),
	}
	m := map[string]*funcDef{}
	for name, mk := range defs {
		m[name] = mk(name)
	}
	return m
}()

func numInt(n num) int64 {
	if n.isF {
		return clampInt(n.f)
	}
	return n.i
}

func intOrFloat(n num, f func(float64) float64) any {
	if n.isX { // CEIL and FLOOR of a DECIMAL: exact, an integer
		t := n.x.Round(0, true)
		if c := n.x.Cmp(t); c != 0 && (c > 0) == (f(0.5) == 1) {
			t = t.Add(schema.Decimal(strconv.Itoa(c)))
		}
		if r, ok := intNum(t); ok {
			return r.value()
		}
		return t
	}
	if n.isF {
		return f(n.f)
	}
	return n.i
}

func power(name string, a []num) (any, error) {
	r := math.Pow(a[0].float(), a[1].float())
	switch {
	case math.IsNaN(r):
		return nil, nil
	case math.IsInf(r, 0):
		return nil, doubleRange(callText(name, a))
	}
	return r, nil
}

// roundNum is ROUND/TRUNCATE of a[0] to d decimals (d < 0 rounds to tens,
// hundreds, ...). Rounding is half away from zero on the decimal digits that
// print, so ROUND(2.5) = 3 and ROUND(1.005, 2) = 1.01, as for MySQL DECIMAL.
func roundNum(name string, a []num, d int64, trunc bool) (any, error) {
	x := a[0]
	if x.isX { // exact: a DECIMAL of scale max(d, 0), an UNSIGNED integer
		d = max(min(d, schema.MaxDecimalScale), -80)
		r := x.x.Shift(int(d)).Round(0, trunc).Shift(-int(d))
		if d > 0 {
			r = r.Round(int(d), true)
		}
		if x.isU {
			n, ok := intNum(r)
			if !ok {
				return nil, bigintRange(callText(name, a))
			}
			return n.value(), nil
		}
		return r, nil
	}
	if x.isF {
		r := roundDigits(x.f, d, trunc)
		if math.IsInf(r, 0) && !math.IsInf(x.f, 0) {
			return nil, doubleRange(callText(name, a))
		}
		return r, nil
	}
	if d >= 0 {
		return x.i, nil
	}
	if d <= -19 {
		return int64(0), nil
	}
	p := int64(1)
	for range -d {
		p *= 10
	}
	q, r := x.i/p, x.i%p
	if !trunc && (r >= 0 && 2*r >= p || r < 0 && -2*r >= p) {
		if r < 0 {
			q--
		} else {
			q++
		}
	}
	res := q * p
	if q != 0 && res/p != q {
		return nil, bigintRange(callText(name, a))
	}
	return res, nil
}

// roundDigits rounds (or truncates) f to d decimals working on its shortest
// decimal representation, which avoids binary artefacts such as
// 1.005 = 1.00499999999999989...
func roundDigits(f float64, d int64, trunc bool) float64 {
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) || d > 400 {
		return f
	}
	s := strconv.FormatFloat(math.Abs(f), 'e', -1, 64) // d.ddddde±XX
	e := strings.IndexByte(s, 'e')
	digits := strings.Replace(s[:e], ".", "", 1)
	exp, _ := strconv.Atoi(s[e+1:])
	keep := int64(exp) + 1 + d // digits before the rounding position
	if keep >= int64(len(digits)) {
		return f
	}
	if keep < 0 {
		return 0
	}
	kept := []byte(digits[:keep])
	if !trunc && digits[keep] >= '5' {
		i := len(kept) - 1
		for ; i >= 0 && kept[i] == '9'; i-- {
			kept[i] = '0'
		}
		if i >= 0 {
			kept[i]++
		} else {
			kept = append([]byte{'1'}, kept...) // 99 -> 100, same scale
		}
	}
	if len(kept) == 0 {
		return 0
	}
	r, _ := strconv.ParseFloat(fmt.Sprintf("%se%d", kept, int64(exp)+1-keep), 64)
	if f < 0 {
		r = -r
	}
	return r
}
