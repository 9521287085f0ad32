package eval

import (
	"math"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestCompare(t *testing.T) {
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		a, b any
		c    int
		null bool
		err  string
	}{
		{name: "int int", a: int64(1), b: int64(2), c: -1},
		{name: "int float equal", a: int64(2), b: 2.0, c: 0},
		{name: "int float less", a: int64(2), b: 2.5, c: -1},
		{name: "negative int float", a: int64(-2), b: -2.5, c: 1},
		{name: "float int", a: 2.5, b: int64(2), c: 1},
		{name: "int vs 2^63 float", a: int64(math.MaxInt64), b: 0x1p63, c: -1},
		{name: "int vs -2^63 float", a: int64(math.MinInt64), b: -0x1p63, c: 0},
		{name: "int vs huge negative", a: int64(math.MinInt64), b: -1e300, c: 1},
		{name: "int precision beyond 2^53", a: int64(1<<53 + 1), b: float64(1 << 53), c: 1},
		{name: "bool int", a: true, b: int64(1), c: 0},
		{name: "bool bool", a: false, b: true, c: -1},
		{name: "string string binary", a: "B", b: "a", c: -1},
		{name: "string number prefix", a: "12abc", b: int64(12), c: 0},
		{name: "number string", a: int64(9), b: "10", c: -1},
		{name: "string no digits", a: "abc", b: 0.0, c: 0},
		{name: "string float", a: " 1.5e1x", b: 15.0, c: 0},
		{name: "bytes string", a: []byte("abc"), b: "abd", c: -1},
		{name: "string bytes", a: "abd", b: []byte("abc"), c: 1},
		{name: "bytes number", a: []byte("5"), b: int64(5), c: 0},
		{name: "time time", a: testTime, b: day, c: 1},
		{name: "time date string", a: day, b: "2024-01-02", c: 0},
		{name: "string time", a: "2024-01-03", b: testTime, c: 1},
		{name: "time bytes", a: testTime, b: []byte("2024-01-02 03:04:05"), c: 0},
		{name: "time bad string", a: testTime, b: "soon", err: "cannot convert 'soon' to DATETIME"},
		{name: "time yyyymmdd", a: day, b: int64(20240102), c: 0},
		{name: "time yyyymmddhhmmss", a: testTime, b: 20240102030405.0, c: 0},
		{name: "number time", a: int64(20240103), b: testTime, c: 1},
		{name: "time small number", a: testTime, b: int64(7), c: 1},
		{name: "null left", a: nil, b: int64(1), null: true},
		{name: "null right", a: "x", b: nil, null: true},
		{name: "null null", a: nil, b: nil, null: true},
		{name: "unsupported", a: struct{}{}, b: int64(1), err: "cannot compare"},
		{name: "NaN lowest", a: math.NaN(), b: math.Inf(-1), c: -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, null, err := Compare(c.a, c.b)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || got != c.c || null != c.null {
				t.Fatalf("Compare(%#v, %#v) = %d %v %v, want %d %v", c.a, c.b, got, null, err, c.c, c.null)
			}
			if !null { // antisymmetry
				if r, _, _ := Compare(c.b, c.a); r != -got {
					t.Fatalf("reverse = %d, want %d", r, -got)
				}
			}
		})
	}
}

func TestTruth(t *testing.T) {
	cases := []struct {
		name      string
		v         any
		val, null bool
	}{
		{"null", nil, false, true},
		{"true", true, true, false},
		{"false", false, false, false},
		{"zero", int64(0), false, false},
		{"negative", int64(-3), true, false},
		{"float", 0.1, true, false},
		{"float zero", 0.0, false, false},
		{"string number", "2", true, false},
		{"string zero", "0.0", false, false},
		{"string text", "abc", false, false},
		{"string prefix", "1abc", true, false},
		{"bytes", []byte("1"), true, false},
		{"time", testTime, true, false},
		{"zero time", time.Time{}, false, false},
	}
	for _, c := range cases {
		if v, n := Truth(c.v); v != c.val || n != c.null {
			t.Errorf("%s: Truth(%#v) = %v %v, want %v %v", c.name, c.v, v, n, c.val, c.null)
		}
	}
}

func sortValues() []any {
	return []any{
		"b", int64(3), nil, 2.5, testTime, []byte("a"), true, "A", int64(-1), math.NaN(),
		nil, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), "", 3.0, false, struct{ X int }{1},
		int64(math.MaxInt64), 0x1p63, "10", "9", []byte("b"), math.Inf(-1), struct{ X int }{0},
	}
}

func TestCompareForSortOrder(t *testing.T) {
	vals := sortValues()
	sort.SliceStable(vals, func(i, j int) bool { return CompareForSort(vals[i], vals[j]) < 0 })
	want := []any{
		nil, nil, math.NaN(), math.Inf(-1), int64(-1), false, true, 2.5, int64(3), 3.0,
		int64(math.MaxInt64), 0x1p63,
		time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), testTime,
		"", "10", "9", "A", []byte("a"), "b", []byte("b"),
		struct{ X int }{0}, struct{ X int }{1},
	}
	if len(vals) != len(want) {
		t.Fatalf("length %d", len(vals))
	}
	for i := range want {
		if CompareForSort(vals[i], want[i]) != 0 || kindOf(vals[i]) != kindOf(want[i]) {
			t.Fatalf("position %d: got %#v, want %#v\nall: %#v", i, vals[i], want[i], vals)
		}
	}
	// Stability: 3 and 3.0 are equal and keep their input order (int64(3) first).
	if _, ok := vals[8].(int64); !ok {
		t.Errorf("stable sort moved 3.0 before 3: %#v", vals[8:10])
	}
}

// TestCompareForSortTotal checks that CompareForSort is a total preorder on a
// mixed set: reflexive, antisymmetric and transitive, and that sorting
// shuffled copies always gives the same sequence.
func TestCompareForSortTotal(t *testing.T) {
	vals := sortValues()
	for _, a := range vals {
		if CompareForSort(a, a) != 0 {
			t.Fatalf("not reflexive for %#v", a)
		}
		for _, b := range vals {
			ab, ba := CompareForSort(a, b), CompareForSort(b, a)
			if ab != -ba {
				t.Fatalf("not antisymmetric: %#v %#v: %d %d", a, b, ab, ba)
			}
			for _, c := range vals {
				if ab <= 0 && CompareForSort(b, c) <= 0 && CompareForSort(a, c) > 0 {
					t.Fatalf("not transitive: %#v <= %#v <= %#v", a, b, c)
				}
			}
		}
	}
	r := rand.New(rand.NewSource(1))
	sorted := func() []any {
		v := slices.Clone(vals)
		r.Shuffle(len(v), func(i, j int) { v[i], v[j] = v[j], v[i] })
		slices.SortFunc(v, CompareForSort)
		return v
	}
	first := sorted()
	for range 50 {
		for i, x := range sorted() {
			if CompareForSort(x, first[i]) != 0 {
				t.Fatalf("shuffled sort differs at %d: %#v vs %#v", i, x, first[i])
			}
		}
	}
}
