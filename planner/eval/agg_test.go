package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

func TestAccumulators(t *testing.T) {
	cases := []struct {
		name string
		call string
		in   []any
		want any
		err  string
	}{
		{name: "count star counts every row", call: "COUNT(*)", in: []any{int64(1), nil, "x"}, want: 3},
		{name: "count star empty", call: "COUNT(*)", want: 0},
		{name: "count skips null", call: "COUNT(x)", in: []any{int64(1), nil, "x"}, want: 2},
		{name: "count all null", call: "COUNT(x)", in: []any{nil, nil}, want: 0},
		{name: "count distinct", call: "COUNT(DISTINCT x)", in: []any{int64(1), 1.0, true, int64(2), nil, 2.5, 2.5}, want: 3},
		{name: "count distinct strings are binary", call: "count(distinct x)", in: []any{"a", "A", "a", []byte("a")}, want: 2},
		{name: "count distinct times", call: "COUNT(DISTINCT x)", in: []any{testTime, testTime, date(2020, 1, 1, 0, 0, 0, 0)}, want: 2},
		{name: "sum ints stays int", call: "SUM(x)", in: []any{int64(1), int64(2), nil, int64(3)}, want: 6},
		{name: "sum with float", call: "SUM(x)", in: []any{int64(1), 2.5}, want: 3.5},
		{name: "sum strings leniently", call: "SUM(x)", in: []any{"1.5", "2x", "abc"}, want: 3.5},
		{name: "sum bools", call: "SUM(x)", in: []any{true, true, false}, want: 2},
		{name: "sum all null", call: "SUM(x)", in: []any{nil, nil}, want: nil},
		{name: "sum empty", call: "SUM(x)", want: nil},
		{name: "sum beyond BIGINT is exact", call: "SUM(x)", in: []any{int64(math.MaxInt64), int64(1)}, want: schema.Decimal("9223372036854775808")},
		{name: "sum below BIGINT is exact", call: "SUM(x)", in: []any{int64(math.MinInt64), int64(-1)}, want: schema.Decimal("-9223372036854775809")},
		{name: "sum back within BIGINT", call: "SUM(x)", in: []any{int64(math.MaxInt64), int64(1), int64(-10)}, want: int64(math.MaxInt64 - 9)},
		{name: "sum unsigned", call: "SUM(x)", in: []any{uint64(math.MaxUint64), uint64(1)}, want: schema.Decimal("18446744073709551616")},
		{name: "sum decimals exact", call: "SUM(x)", in: []any{schema.Decimal("0.10"), schema.Decimal("0.20"), int64(1)}, want: schema.Decimal("1.30")},
		{name: "sum decimal and float", call: "SUM(x)", in: []any{schema.Decimal("0.5"), 0.25}, want: 0.75},
		{name: "avg decimals", call: "AVG(x)", in: []any{schema.Decimal("1.5"), schema.Decimal("2.5")}, want: 2.0},
		{name: "count distinct decimals", call: "COUNT(DISTINCT x)", in: []any{schema.Decimal("1.50"), schema.Decimal("1.5"), int64(1), schema.Decimal("1.00")}, want: 2},
		{name: "count distinct unsigned", call: "COUNT(DISTINCT x)", in: []any{uint64(math.MaxUint64), schema.Decimal("18446744073709551615"), uint64(5), int64(5)}, want: 2},
		{name: "max unsigned", call: "MAX(x)", in: []any{int64(-1), uint64(math.MaxUint64), uint64(3)}, want: uint64(math.MaxUint64)},
		{name: "min decimal", call: "MIN(x)", in: []any{schema.Decimal("1.5"), int64(2), schema.Decimal("-0.5")}, want: schema.Decimal("-0.5")},
		{name: "sum overflow after a float", call: "SUM(x)", in: []any{0.5, int64(math.MaxInt64), int64(math.MaxInt64)}, want: 0.5 + 2*float64(math.MaxInt64)},
		{name: "sum distinct", call: "SUM(DISTINCT x)", in: []any{int64(1), int64(1), int64(2), nil}, want: 3},
		{name: "sum bad type", call: "SUM(x)", in: []any{struct{}{}}, err: "cannot use a value of type struct {} as a number"},
		{name: "avg", call: "AVG(x)", in: []any{int64(1), int64(2), nil}, want: 1.5},
		{name: "avg mixed", call: "AVG(x)", in: []any{int64(1), 2.0, "3"}, want: 2.0},
		{name: "avg no overflow", call: "AVG(x)", in: []any{int64(math.MaxInt64), int64(math.MaxInt64)}, want: float64(math.MaxInt64)},
		{name: "avg all null", call: "AVG(x)", in: []any{nil}, want: nil},
		{name: "avg distinct", call: "AVG(DISTINCT x)", in: []any{int64(1), int64(1), int64(4)}, want: 2.5},
		{name: "min ints", call: "MIN(x)", in: []any{int64(3), nil, int64(1), int64(2)}, want: 1},
		{name: "max ints", call: "MAX(x)", in: []any{int64(3), nil, int64(1), int64(2)}, want: 3},
		{name: "min mixed numbers", call: "MIN(x)", in: []any{int64(1), 0.5}, want: 0.5},
		{name: "min strings binary", call: "MIN(x)", in: []any{"b", "a", "C"}, want: "C"},
		{name: "max strings binary", call: "MAX(x)", in: []any{"b", "a", "C"}, want: "b"},
		{name: "max times", call: "MAX(x)", in: []any{date(2020, 1, 1, 0, 0, 0, 0), testTime, nil}, want: testTime},
		{name: "min distinct", call: "MIN(DISTINCT x)", in: []any{int64(2), int64(2), int64(1)}, want: 1},
		{name: "min all null", call: "MIN(x)", in: []any{nil, nil}, want: nil},
		{name: "max incomparable", call: "MAX(x)", in: []any{testTime, "soon"}, err: "cannot convert 'soon' to DATETIME"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := NewAccumulator(parseSQL(c.call).(*sqlparse.Func))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range c.in {
				if err = a.Add(v); err != nil {
					break
				}
			}
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Result(); !sameValue(got, c.want) {
				t.Fatalf("%s over %v = %#v, want %#v", c.call, c.in, got, c.want)
			}
		})
	}
}

func TestNewAccumulatorErrors(t *testing.T) {
	cases := map[string]string{
		"LOWER(x)":          "LOWER is not an aggregate function",
		"SUM(*)":            "SUM(*) is not valid: only COUNT(*) is",
		"COUNT(a, b)":       "aggregate COUNT takes 1 argument, got 2",
		"MAX()":             "aggregate MAX takes 1 argument, got 0",
		"COUNT(DISTINCT a)": "",
	}
	for call, want := range cases {
		_, err := NewAccumulator(parseSQL(call).(*sqlparse.Func))
		if (err == nil) != (want == "") || err != nil && err.Error() != want {
			t.Errorf("%s: %v, want %q", call, err, want)
		}
	}
	if _, err := NewAccumulator(&sqlparse.Func{Name: "COUNT", Star: true, Distinct: true}); err == nil {
		t.Error("COUNT(DISTINCT *): no error")
	}
}

func TestIsAggregate(t *testing.T) {
	for name, want := range map[string]bool{"COUNT": true, "sum": true, "Avg": true, "MIN": true, "MAX": true, "LOWER": false, "GROUP_CONCAT": false} {
		if IsAggregate(name) != want {
			t.Errorf("IsAggregate(%s) != %v", name, want)
		}
	}
}
