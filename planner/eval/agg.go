package eval

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// Accumulator folds the values of one aggregate over the rows of a group.
// Add is called once per row with the evaluated argument (for COUNT(*), with
// any value: every call counts); Result may be called at any time. An
// Accumulator is not safe for concurrent use.
type Accumulator interface {
	Add(v any) error
	Result() any
}

// NewAccumulator returns an accumulator for the aggregate call f: COUNT(*),
// COUNT(x), SUM, AVG, MIN, MAX, each optionally DISTINCT. NULL arguments are
// ignored (except by COUNT(*)); over no non-NULL value COUNT is 0 and the
// others are NULL. Memory is O(1) except with DISTINCT, which keeps the set
// of distinct values.
func NewAccumulator(f *sqlparse.Func) (Accumulator, error) {
	name := strings.ToUpper(f.Name)
	if !IsAggregate(name) {
		return nil, fmt.Errorf("%s is not an aggregate function", name)
	}
	if f.Star {
		if name != "COUNT" || f.Distinct {
			return nil, fmt.Errorf("%s(*) is not valid: only COUNT(*) is", name)
		}
		return &countAcc{star: true}, nil
	}
	if len(f.Args) != 1 {
		return nil, fmt.Errorf("aggregate %s takes 1 argument, got %d", name, len(f.Args))
	}
	var a Accumulator
	switch name {
	case "COUNT":
		a = &countAcc{}
	case "SUM":
		a = &sumAcc{expr: f}
	case "AVG":
		a = &sumAcc{expr: f, avg: true}
	case "MIN":
		a = &extremeAcc{sign: -1}
	case "MAX":
		a = &extremeAcc{sign: 1}
	}
	if f.Distinct && name != "MIN" && name != "MAX" { // DISTINCT changes nothing for MIN/MAX
		a = &distinctAcc{inner: a, seen: map[distinctKey]struct{}{}}
	}
	return a, nil
}

type countAcc struct {
	n    int64
	star bool
}

func (a *countAcc) Add(v any) error {
	if v != nil || a.star {
		a.n++
	}
	return nil
}

func (a *countAcc) Result() any { return a.n }

// sumAcc is SUM and AVG. Integers and DECIMALs are summed exactly: in an
// int64 while it fits, in a Decimal beyond (big UNSIGNED values, overflow)
// and for DECIMAL values; floats and strings in a float64. SUM is a float64
// once a float appeared, else a Decimal once a DECIMAL appeared, else an
// int64 (a Decimal beyond BIGINT); AVG is a float64.
type sumAcc struct {
	expr   *sqlparse.Func
	avg    bool
	n      int64
	i      int64          // exact part that fits an int64
	x      schema.Decimal // exact part beyond it ("" = 0)
	dec    bool           // some value was a DECIMAL
	f      float64
	floaty bool // some value was a float: SUM's result is float64
}

func (a *sumAcc) Add(v any) error {
	x, null, err := toNum(v)
	if null || err != nil {
		return err
	}
	a.n++
	switch {
	case x.isX:
		a.dec = a.dec || x.isDecimal()
		a.addExact(x.x)
	case x.isF:
		a.f += x.f
		a.floaty = true
	default:
		r := a.i + x.i
		if (a.i^r)&(x.i^r) < 0 {
			a.addExact(schema.DecimalFromInt(x.i))
			return nil
		}
		a.i = r
	}
	return nil
}

func (a *sumAcc) addExact(d schema.Decimal) {
	if a.x == "" {
		a.x = d
		return
	}
	a.x = a.x.Add(d)
}

// exact is the sum of the integers and DECIMALs.
func (a *sumAcc) exact() schema.Decimal {
	d := schema.DecimalFromInt(a.i)
	if a.x != "" {
		d = d.Add(a.x)
	}
	return d
}

func (a *sumAcc) Result() any {
	switch {
	case a.n == 0:
		return nil
	case a.avg:
		return (a.exact().Float64() + a.f) / float64(a.n)
	case a.floaty:
		return a.exact().Float64() + a.f
	case a.dec:
		return a.exact()
	case a.x != "":
		if i, ok := a.exact().Int64(); ok {
			return i
		}
		return a.exact()
	}
	return a.i
}

// extremeAcc is MIN (sign -1) and MAX (sign 1) under Compare.
type extremeAcc struct {
	sign int
	best any
}

func (a *extremeAcc) Add(v any) error {
	if v == nil {
		return nil
	}
	if a.best == nil {
		a.best = v
		return nil
	}
	c, _, err := Compare(v, a.best)
	if err != nil {
		return err
	}
	if c*a.sign > 0 {
		a.best = v
	}
	return nil
}

func (a *extremeAcc) Result() any { return a.best }

// distinctAcc passes each distinct non-NULL value once to inner. Numbers
// that are numerically equal are one value (1, 1.0 and TRUE); strings and
// []byte are compared as bytes; a number and a string are never the same
// value (a column holds one type).
type distinctAcc struct {
	inner Accumulator
	seen  map[distinctKey]struct{}
}

type distinctKey struct {
	kind byte // 'i' integer, 'f' float, 's' string, 't' time
	i    int64
	f    float64
	s    string
}

func keyOf(v any) distinctKey {
	switch x := v.(type) {
	case int64:
		return distinctKey{kind: 'i', i: x}
	case uint64:
		if x <= math.MaxInt64 {
			return distinctKey{kind: 'i', i: int64(x)}
		}
		return distinctKey{kind: 'd', s: ToString(x)}
	case schema.Decimal:
		if i, ok := x.Int64(); ok {
			return distinctKey{kind: 'i', i: i}
		}
		return distinctKey{kind: 'd', s: string(x.Trim())}
	case bool:
		if x {
			return distinctKey{kind: 'i', i: 1}
		}
		return distinctKey{kind: 'i'}
	case float64:
		if x == math.Trunc(x) && x >= -0x1p63 && x < 0x1p63 {
			return distinctKey{kind: 'i', i: int64(x)}
		}
		return distinctKey{kind: 'f', f: x}
	case time.Time:
		return distinctKey{kind: 't', s: x.UTC().Format(time.RFC3339Nano)}
	}
	return distinctKey{kind: 's', s: ToString(v)}
}

func (a *distinctAcc) Add(v any) error {
	if v == nil {
		return nil
	}
	k := keyOf(v)
	if _, ok := a.seen[k]; ok {
		return nil
	}
	a.seen[k] = struct{}{}
	return a.inner.Add(v)
}

func (a *distinctAcc) Result() any { return a.inner.Result() }
