package eval

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/schema"
)

func TestToInt64Strict(t *testing.T) {
	cases := []struct {
		name string
		in   any
		want int64
		err  string
	}{
		{"int", int64(-5), -5, ""},
		{"string", "42", 42, ""},
		{"spaces", "  42 ", 42, ""},
		{"plus", "+42", 42, ""},
		{"decimal string rounds", "1.5", 2, ""},
		{"exponent", "1e3", 1000, ""},
		{"float rounds half away", -2.5, -3, ""},
		{"bool", true, 1, ""},
		{"bytes", []byte("7"), 7, ""},
		{"time", testTime, 20240102030405, ""},
		{"trailing garbage", "12abc", 0, "cannot convert '12abc' to INT"},
		{"text", "abc", 0, "cannot convert 'abc' to INT"},
		{"empty", "", 0, "cannot convert '' to INT"},
		{"hex", "0x10", 0, "cannot convert '0x10' to INT"},
		{"inf text", "Inf", 0, "cannot convert 'Inf' to INT"},
		{"too big string", "9223372036854775808", 0, "cannot convert '9223372036854775808' to INT: out of range"},
		{"too big float", 1e19, 0, "cannot convert 1e19 to INT: out of range"},
		{"nan", math.NaN(), 0, "out of range"},
		{"null", nil, 0, "cannot convert NULL to INT"},
		{"long value truncated", strings.Repeat("x", 100), 0, "cannot convert '" + strings.Repeat("x", 40) + "...' to INT"},
		{"other type", struct{}{}, 0, "to INT"},
	}
	for _, c := range cases {
		got, err := ToInt64(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: ToInt64(%#v) = %d, %v; want error %q", c.name, c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: ToInt64(%#v) = %d, %v; want %d", c.name, c.in, got, err, c.want)
		}
	}
}

func TestToFloat64Strict(t *testing.T) {
	cases := []struct {
		name string
		in   any
		want float64
		err  string
	}{
		{"float", 1.5, 1.5, ""},
		{"int", int64(3), 3, ""},
		{"string", " -1.25e2 ", -125, ""},
		{"dot", ".5", 0.5, ""},
		{"bool", false, 0, ""},
		{"bytes", []byte("2"), 2, ""},
		{"trailing garbage", "1.5x", 0, "cannot convert '1.5x' to DOUBLE"},
		{"nan text", "NaN", 0, "cannot convert 'NaN' to DOUBLE"},
		{"overflow", "1e400", 0, "cannot convert '1e400' to DOUBLE"},
		{"null", nil, 0, "cannot convert NULL to DOUBLE"},
		{"other type", []int{1}, 0, "to DOUBLE"},
	}
	for _, c := range cases {
		got, err := ToFloat64(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: ToFloat64(%#v) = %v, %v; want error %q", c.name, c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: ToFloat64(%#v) = %v, %v; want %v", c.name, c.in, got, err, c.want)
		}
	}
}

func TestToNumberLenient(t *testing.T) {
	cases := []struct {
		in, want any
	}{
		{nil, nil},
		{int64(3), int64(3)},
		{2.5, 2.5},
		{true, int64(1)},
		{"12abc", 12.0},
		{"abc", 0.0},
		{"  -3.5e1xyz", -35.0},
		{"1e", 1.0},
		{"1e+", 1.0},
		{".", 0.0},
		{"-.5", -0.5},
		{"5.", 5.0},
		{"1e999", math.MaxFloat64},
		{"-1e999", -math.MaxFloat64},
		{[]byte("7"), 7.0},
		{testTime, int64(20240102030405)},
		{date(2024, 1, 2, 3, 4, 5, 500000000), 20240102030405.5},
	}
	for _, c := range cases {
		got, err := ToNumber(c.in)
		if err != nil || !sameValue(got, c.want) {
			t.Errorf("ToNumber(%#v) = %#v, %v; want %#v", c.in, got, err, c.want)
		}
	}
	if _, err := ToNumber(struct{}{}); err == nil {
		t.Error("ToNumber(struct{}{}): no error")
	}
}

func TestToString(t *testing.T) {
	cases := []struct {
		in   any
		want string
	}{
		{nil, "NULL"},
		{"s", "s"},
		{int64(-12), "-12"},
		{1.5, "1.5"},
		{100.0, "100"},
		{0.30000000000000004, "0.30000000000000004"},
		{1e14, "100000000000000"},
		{1e15, "1e15"},
		{1.5e20, "1.5e20"},
		{1e-7, "0.0000001"},
		{1.5e-8, "1.5e-8"},
		{-2e-300, "-2e-300"},
		{0.0, "0"},
		{true, "1"},
		{false, "0"},
		{[]byte("b"), "b"},
		{testTime, "2024-01-02 03:04:05"},
		{date(2024, 1, 2, 3, 4, 5, 120000000), "2024-01-02 03:04:05.12"},
		{date(2024, 1, 2, 3, 4, 5, 999), "2024-01-02 03:04:05"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("", -3600)), "2024-01-02 04:04:05"},
		{uint8(3), "3"},
	}
	for _, c := range cases {
		if got := ToString(c.in); got != c.want {
			t.Errorf("ToString(%#v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{in: "2024-01-02", want: date(2024, 1, 2, 0, 0, 0, 0)},
		{in: " 2024-01-02 ", want: date(2024, 1, 2, 0, 0, 0, 0)},
		{in: "2024/1/2", want: date(2024, 1, 2, 0, 0, 0, 0)},
		{in: "2024-01-02 03:04:05", want: testTime},
		{in: "2024-01-02 03:04", want: date(2024, 1, 2, 3, 4, 0, 0)},
		{in: "2024-01-02T03:04:05", want: testTime},
		{in: "2024-01-02 03:04:05.123456", want: date(2024, 1, 2, 3, 4, 5, 123456000)},
		{in: "2024-01-02 03:04:05.1", want: date(2024, 1, 2, 3, 4, 5, 100000000)},
		{in: "2024-01-02 03:04:05.123456789", want: date(2024, 1, 2, 3, 4, 5, 123456789)},
		{in: "2024-01-02T03:04:05Z", want: testTime},
		{in: "2024-01-02T05:04:05+02:00", want: testTime},
		{in: "2024-01-01T22:04:05-0500", want: testTime},
		{in: "20240102", want: date(2024, 1, 2, 0, 0, 0, 0)},
		{in: "20240102030405", want: testTime},
		{in: "2024-02-29", want: date(2024, 2, 29, 0, 0, 0, 0)},
		{in: "2023-02-29", bad: true},
		{in: "2024-02-30", bad: true},
		{in: "2024-13-01", bad: true},
		{in: "2024-01-02 24:00:00", bad: true},
		{in: "2024-01-02 23:60:00", bad: true},
		{in: "0000-00-00", bad: true},
		{in: "0000-00-00 00:00:00", bad: true},
		{in: "24-01-02", bad: true},
		{in: "2024-01", bad: true},
		{in: "2024-01-02 03", bad: true},
		{in: "2024-01-02 03:04:05.", bad: true},
		{in: "2024-01-02x", bad: true},
		{in: "2024-01-02T03:04:05+2", bad: true},
		{in: "2024-01-02T03:04:05+15:00", bad: true},
		{in: "", bad: true},
		{in: "now", bad: true},
		{in: "2024", bad: true},
	}
	for _, c := range cases {
		got, err := ToTime(c.in)
		if c.bad {
			if err == nil || err.Error() != "cannot convert '"+c.in+"' to DATETIME" {
				t.Errorf("ParseTime(%q) = %v, %v; want an error", c.in, got, err)
			}
			continue
		}
		if err != nil || !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestToTime(t *testing.T) {
	cases := []struct {
		in   any
		want time.Time
		err  string
	}{
		{in: testTime, want: testTime},
		{in: time.Date(2024, 1, 2, 4, 4, 5, 0, time.FixedZone("", 3600)), want: testTime},
		{in: "2024-01-02 03:04:05", want: testTime},
		{in: []byte("2024-01-02 03:04:05"), want: testTime},
		{in: int64(20240102), want: date(2024, 1, 2, 0, 0, 0, 0)},
		{in: int64(20240102030405), want: testTime},
		{in: 20240102030405.25, want: date(2024, 1, 2, 3, 4, 5, 250000000)},
		{in: int64(20241302), err: "cannot convert 20241302 to DATETIME"},
		{in: int64(7), err: "cannot convert 7 to DATETIME"},
		{in: 20240102.5, err: "to DATETIME"},
		{in: int64(-20240102), err: "to DATETIME"},
		{in: "x", err: "cannot convert 'x' to DATETIME"},
		{in: true, err: "cannot convert 1 to DATETIME"},
		{in: nil, err: "cannot convert NULL to DATETIME"},
	}
	for _, c := range cases {
		got, err := ToTime(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ToTime(%#v) = %v, %v; want error %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || !got.Equal(c.want) || got.Location() != time.UTC {
			t.Errorf("ToTime(%#v) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct {
		in, want any
		err      string
	}{
		{in: nil, want: nil},
		{in: 3, want: int64(3)},
		{in: int8(-3), want: int64(-3)},
		{in: int16(3), want: int64(3)},
		{in: int32(3), want: int64(3)},
		{in: uint(3), want: int64(3)},
		{in: uint8(3), want: int64(3)},
		{in: uint16(3), want: int64(3)},
		{in: uint32(3), want: int64(3)},
		{in: uint64(math.MaxInt64), want: uint64(math.MaxInt64)},
		{in: float32(0.5), want: 0.5},
		{in: "s", want: "s"},
		{in: []byte("b"), want: []byte("b")},
		{in: true, want: true},
		{in: time.Date(2024, 1, 2, 4, 4, 5, 0, time.FixedZone("", 3600)), want: testTime},
		{in: uint64(math.MaxUint64), want: uint64(math.MaxUint64)},
		{in: schema.Decimal("1.50"), want: schema.Decimal("1.50")},
		{in: map[string]int{}, err: "unsupported value type map[string]int"},
	}
	for _, c := range cases {
		got, err := Normalize(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Normalize(%#v) = %v, %v; want error %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || !sameValue(got, c.want) {
			t.Errorf("Normalize(%#v) = %#v, %v; want %#v", c.in, got, err, c.want)
		}
		if tm, ok := got.(time.Time); ok && tm.Location() != time.UTC {
			t.Errorf("Normalize(%v) is not UTC", c.in)
		}
	}
}
