package schema

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// coerceCase is one Coerce call: want is the value, or err is the exact error
// text, or errHas a part of it.
type coerceCase struct {
	name   string
	typ    Type
	in     any
	want   any
	err    string
	errHas string
}

func runCoerce(t *testing.T, tests []coerceCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Coerce(tt.typ, tt.in)
			if tt.err != "" || tt.errHas != "" {
				if err == nil {
					t.Fatalf("Coerce(%s, %#v) = %#v, want an error", tt.typ.SQL(), tt.in, got)
				}
				if tt.err != "" && err.Error() != tt.err {
					t.Errorf("Coerce(%s, %#v) error\n got %q\nwant %q", tt.typ.SQL(), tt.in, err, tt.err)
				}
				if !strings.Contains(err.Error(), tt.errHas) {
					t.Errorf("Coerce(%s, %#v) error %q does not contain %q", tt.typ.SQL(), tt.in, err, tt.errHas)
				}
				var ce *ConversionError
				if !errors.As(err, &ce) {
					t.Errorf("error %v is a %T, want *ConversionError", err, err)
				}
				if got != nil {
					t.Errorf("with an error, the value is %#v, want nil", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Coerce(%s, %#v): %v", tt.typ.SQL(), tt.in, err)
			}
			if !sameValue(got, tt.want) {
				t.Errorf("Coerce(%s, %#v) = %#v (%T), want %#v (%T)", tt.typ.SQL(), tt.in, got, got, tt.want, tt.want)
			}
		})
	}
}

// sameValue compares two values of the engine's domain; times by instant and
// location (always UTC), floats bit for bit (-0 differs from 0).
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y) && x.Location() == y.Location()
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	}
	return a == b
}

func TestCoerceNil(t *testing.T) {
	for name := range typeTable {
		length := -1
		switch name {
		case "VARCHAR", "VARBINARY", "EMBEDDING", "VECTOR":
			length = 1
		}
		if name == "ENUM" {
			continue // needs members: see TestCoerceEnum
		}
		typ := mustParseType(t, name, length)
		if v, err := Coerce(typ, nil); v != nil || err != nil {
			t.Errorf("Coerce(%s, nil) = %v, %v; want nil, nil", name, v, err)
		}
	}
	if _, err := Coerce(Type{Name: "X"}, 1); err == nil || err.Error() != "unknown kind kind(0)" {
		t.Errorf("Coerce with kind 0: %v", err)
	}
}

func TestCoerceString(t *testing.T) {
	vc5 := mustParseType(t, "VARCHAR", 5)
	ch3 := mustParseType(t, "CHAR", 3)
	tiny := mustParseType(t, "TINYTEXT", -1)
	text := mustParseType(t, "TEXT", -1)
	when := time.Date(2024, 1, 2, 3, 4, 5, 600000000, time.UTC)
	runCoerce(t, []coerceCase{
		{name: "string", typ: vc5, in: "abc", want: "abc"},
		{name: "empty", typ: vc5, in: "", want: ""},
		{name: "spaces kept", typ: vc5, in: " a b ", want: " a b "},
		{name: "bytes", typ: vc5, in: []byte("ab"), want: "ab"},
		{name: "int", typ: vc5, in: int64(-42), want: "-42"},
		{name: "float", typ: vc5, in: 1.5, want: "1.5"},
		{name: "bool true", typ: vc5, in: true, want: "1"},
		{name: "bool false", typ: vc5, in: false, want: "0"},
		{name: "time", typ: text, in: when, want: "2024-01-02 03:04:05.6"},
		{name: "exactly 5 chars", typ: vc5, in: "abcde", want: "abcde"},
		{name: "6 chars", typ: vc5, in: "abcdef", err: "cannot store 'abcdef' as VARCHAR(5): 6 characters, max 5"},
		{name: "int too long", typ: vc5, in: int64(123456), err: "cannot store 123456 as VARCHAR(5): 6 characters, max 5"},
		// Lengths count characters, not bytes.
		{name: "5 two-byte chars", typ: vc5, in: "héllö", want: "héllö"},
		{name: "5 three-byte chars", typ: vc5, in: "日本語日本", want: "日本語日本"},
		{name: "5 emoji", typ: vc5, in: "😀😀😀😀😀", want: "😀😀😀😀😀"},
		{name: "6 emoji", typ: vc5, in: "😀😀😀😀😀😀", err: "cannot store '😀😀😀😀😀😀' as VARCHAR(5): 6 characters, max 5"},
		{name: "CHAR(3) multi-byte", typ: ch3, in: "äöü", want: "äöü"},
		{name: "CHAR(3) too long", typ: ch3, in: "abcd", err: "cannot store 'abcd' as CHAR(3): 4 characters, max 3"},
		// TINYTEXT is limited in bytes.
		{name: "TINYTEXT 255 bytes", typ: tiny, in: strings.Repeat("a", 255), want: strings.Repeat("a", 255)},
		{name: "TINYTEXT 85 three-byte chars", typ: tiny, in: strings.Repeat("日", 85), want: strings.Repeat("日", 85)},
		{name: "TINYTEXT 86 three-byte chars", typ: tiny, in: strings.Repeat("日", 86), errHas: "as TINYTEXT: 258 bytes, max 255"},
		{name: "TINYTEXT 256 bytes", typ: tiny, in: strings.Repeat("a", 256), err: "cannot store '" + strings.Repeat("a", 40) + "...' as TINYTEXT: 256 bytes, max 255"},
		{name: "invalid UTF-8", typ: vc5, in: "a\xffb", errHas: "invalid UTF-8"},
		{name: "invalid UTF-8 bytes", typ: text, in: []byte{0xc3}, errHas: "as TEXT: invalid UTF-8"},
		{name: "control chars kept", typ: vc5, in: "a\x00\n\t", want: "a\x00\n\t"},
		{name: "Go int", typ: vc5, in: 42, err: "cannot store 42 as VARCHAR(5): unsupported Go type int"},
		{name: "Go struct", typ: vc5, in: struct{}{}, errHas: "unsupported Go type struct {}"},
	})
}

func TestCoerceInt(t *testing.T) {
	tinyint := mustParseType(t, "TINYINT", -1)
	integer := mustParseType(t, "INT", -1)
	bigint := mustParseType(t, "BIGINT", -1)
	runCoerce(t, []coerceCase{
		{name: "int64", typ: integer, in: int64(42), want: int64(42)},
		{name: "bool true", typ: integer, in: true, want: int64(1)},
		{name: "bool false", typ: integer, in: false, want: int64(0)},
		{name: "float rounds up", typ: integer, in: 1.6, want: int64(2)},
		{name: "float rounds down", typ: integer, in: 1.4, want: int64(1)},
		{name: "float half away from zero", typ: integer, in: 2.5, want: int64(3)},
		{name: "negative float half away from zero", typ: integer, in: -2.5, want: int64(-3)},
		{name: "string", typ: integer, in: "42", want: int64(42)},
		{name: "string with blanks", typ: integer, in: " 42\t", want: int64(42)},
		{name: "string with plus", typ: integer, in: "+5", want: int64(5)},
		{name: "negative string", typ: integer, in: "-7", want: int64(-7)},
		{name: "bytes", typ: integer, in: []byte("7"), want: int64(7)},
		{name: "decimal string rounds", typ: integer, in: "1.6", want: int64(2)},
		{name: "decimal string half", typ: integer, in: "-0.5", want: int64(-1)},
		{name: "decimal string .5", typ: integer, in: ".5", want: int64(1)},
		{name: "exponent string", typ: integer, in: "1e3", want: int64(1000)},
		{name: "big decimal string exact", typ: bigint, in: "9007199254740993.0", want: int64(9007199254740993)},
		{name: "big decimal string rounds", typ: bigint, in: "9223372036854775806.5", want: int64(math.MaxInt64)},
		{name: "word", typ: integer, in: "abc", err: "cannot store 'abc' as INT: not an integer"},
		{name: "empty", typ: integer, in: "", err: "cannot store '' as INT: not an integer"},
		{name: "Go underscores", typ: integer, in: "1_000", err: "cannot store '1_000' as INT: not an integer"},
		{name: "hex", typ: integer, in: "0x10", err: "cannot store '0x10' as INT: not an integer"},
		{name: "hex float", typ: integer, in: "0x1p4", err: "cannot store '0x1p4' as INT: not an integer"},
		{name: "Inf string", typ: integer, in: "Inf", err: "cannot store 'Inf' as INT: not an integer"},
		{name: "NaN string", typ: integer, in: "NaN", err: "cannot store 'NaN' as INT: not an integer"},
		{name: "decimal string out of range names the text", typ: integer, in: "1e30", err: "cannot store '1e30' as INT: out of range"},
		{name: "huge exponent", typ: bigint, in: "1e999999999", err: "cannot store '1e999999999' as BIGINT: out of range"},
		{name: "NaN", typ: integer, in: math.NaN(), err: "cannot store NaN as INT: out of range"},
		{name: "+Inf", typ: integer, in: math.Inf(1), err: "cannot store +Inf as INT: out of range"},
		{name: "-Inf", typ: bigint, in: math.Inf(-1), err: "cannot store -Inf as BIGINT: out of range"},
		{name: "Go int", typ: integer, in: 42, err: "cannot store 42 as INT: unsupported Go type int"},
		{name: "time", typ: integer, in: time.Unix(0, 0), errHas: "unsupported Go type time.Time"},
		{name: "TINYINT from string out of range", typ: tinyint, in: "300", err: "cannot store '300' as TINYINT: out of range [-128, 127]"},
		{name: "TINYINT from float out of range", typ: tinyint, in: 127.5, err: "cannot store 127.5 as TINYINT: out of range [-128, 127]"},
		{name: "TINYINT from float in range", typ: tinyint, in: 127.4, want: int64(127)},
	})
}

// TestCoerceIntRanges checks each integer type at and just beyond its bounds.
func TestCoerceIntRanges(t *testing.T) {
	ranges := []struct {
		name     string
		min, max int64
		below    string // min-1
		above    string // max+1
	}{
		{"TINYINT", -128, 127, "-129", "128"},
		{"SMALLINT", -32768, 32767, "-32769", "32768"},
		{"MEDIUMINT", -8388608, 8388607, "-8388609", "8388608"},
		{"INT", -2147483648, 2147483647, "-2147483649", "2147483648"},
		{"BIGINT", math.MinInt64, math.MaxInt64, "-9223372036854775809", "9223372036854775808"},
	}
	var tests []coerceCase
	for _, r := range ranges {
		typ := mustParseType(t, r.name, -1)
		tests = append(tests,
			coerceCase{name: r.name + " min", typ: typ, in: r.min, want: r.min},
			coerceCase{name: r.name + " max", typ: typ, in: r.max, want: r.max},
			coerceCase{name: r.name + " min as text", typ: typ, in: ValueText(r.min), want: r.min},
			coerceCase{name: r.name + " max as text", typ: typ, in: ValueText(r.max), want: r.max},
			coerceCase{name: r.name + " below min as text", typ: typ, in: r.below, errHas: "cannot store '" + r.below + "' as " + r.name + ": out of range"},
			coerceCase{name: r.name + " above max as text", typ: typ, in: r.above, errHas: "cannot store '" + r.above + "' as " + r.name + ": out of range"},
			coerceCase{name: r.name + " below min as decimal", typ: typ, in: r.below + ".0", errHas: "out of range"},
			coerceCase{name: r.name + " above max as decimal", typ: typ, in: r.above + ".0", errHas: "out of range"},
		)
		if r.name != "BIGINT" {
			tests = append(tests,
				coerceCase{name: r.name + " below min", typ: typ, in: r.min - 1,
					err: "cannot store " + r.below + " as " + r.name + ": out of range [" + ValueText(r.min) + ", " + ValueText(r.max) + "]"},
				coerceCase{name: r.name + " above max", typ: typ, in: r.max + 1,
					err: "cannot store " + r.above + " as " + r.name + ": out of range [" + ValueText(r.min) + ", " + ValueText(r.max) + "]"},
			)
		}
	}
	bigint := mustParseType(t, "BIGINT", -1)
	tests = append(tests,
		coerceCase{name: "BIGINT from float -2^63", typ: bigint, in: -9223372036854775808.0, want: int64(math.MinInt64)},
		coerceCase{name: "BIGINT from float 2^63", typ: bigint, in: 9223372036854775808.0, errHas: "out of range"},
		coerceCase{name: "BIGINT below min as decimal with fraction", typ: bigint, in: "-9223372036854775808.5", errHas: "out of range"},
		coerceCase{name: "BIGINT min as decimal with fraction", typ: bigint, in: "-9223372036854775808.4", want: int64(math.MinInt64)},
	)
	runCoerce(t, tests)
}

func TestCoerceFloat(t *testing.T) {
	double := mustParseType(t, "DOUBLE", -1)
	float := mustParseType(t, "FLOAT", -1)
	runCoerce(t, []coerceCase{
		{name: "float", typ: double, in: 1.5, want: 1.5},
		{name: "negative zero", typ: double, in: math.Copysign(0, -1), want: math.Copysign(0, -1)},
		{name: "tiny", typ: double, in: -1e-7, want: -1e-7},
		{name: "huge", typ: double, in: 1e300, want: 1e300},
		{name: "int", typ: double, in: int64(-3), want: -3.0},
		{name: "max int", typ: double, in: int64(math.MaxInt64), want: 9223372036854775807.0},
		{name: "bool true", typ: double, in: true, want: 1.0},
		{name: "bool false", typ: double, in: false, want: 0.0},
		{name: "string", typ: double, in: " 1.25 ", want: 1.25},
		{name: "string exponent", typ: double, in: "-1e-7", want: -1e-7},
		{name: "string integer", typ: float, in: "42", want: 42.0},
		{name: "bytes", typ: float, in: []byte(".5"), want: 0.5},
		{name: "word", typ: double, in: "abc", err: "cannot store 'abc' as DOUBLE: not a number"},
		{name: "FLOAT names its type", typ: float, in: "abc", err: "cannot store 'abc' as FLOAT: not a number"},
		{name: "empty", typ: double, in: "", err: "cannot store '' as DOUBLE: not a number"},
		{name: "NaN string", typ: double, in: "NaN", err: "cannot store 'NaN' as DOUBLE: not a number"},
		{name: "Inf string", typ: double, in: "-Inf", err: "cannot store '-Inf' as DOUBLE: not a number"},
		{name: "Go underscores", typ: double, in: "1_000.5", err: "cannot store '1_000.5' as DOUBLE: not a number"},
		{name: "hex float", typ: double, in: "0x1p-2", err: "cannot store '0x1p-2' as DOUBLE: not a number"},
		{name: "overflowing string", typ: double, in: "1e400", err: "cannot store '1e400' as DOUBLE: out of range"},
		{name: "NaN", typ: double, in: math.NaN(), err: "cannot store NaN as DOUBLE: not a finite number"},
		{name: "Inf", typ: float, in: math.Inf(1), err: "cannot store +Inf as FLOAT: not a finite number"},
		{name: "time", typ: double, in: time.Unix(0, 0), errHas: "as DOUBLE: unsupported Go type time.Time"},
	})
}

func TestCoerceBool(t *testing.T) {
	b := mustParseType(t, "BOOLEAN", -1)
	runCoerce(t, []coerceCase{
		{name: "true", typ: b, in: true, want: true},
		{name: "false", typ: b, in: false, want: false},
		{name: "int 0", typ: b, in: int64(0), want: false},
		{name: "int 1", typ: b, in: int64(1), want: true},
		{name: "int -5", typ: b, in: int64(-5), want: true},
		{name: "float 0", typ: b, in: 0.0, want: false},
		{name: "float 0.5", typ: b, in: 0.5, want: true},
		{name: "string 1", typ: b, in: "1", want: true},
		{name: "string 0", typ: b, in: " 0 ", want: false},
		{name: "string TRUE", typ: b, in: "TRUE", want: true},
		{name: "string false", typ: b, in: "false", want: false},
		{name: "bytes true", typ: b, in: []byte("True"), want: true},
		{name: "yes", typ: b, in: "yes", err: "cannot store 'yes' as BOOLEAN: expected TRUE, FALSE, 1 or 0"},
		{name: "2", typ: b, in: "2", err: "cannot store '2' as BOOLEAN: expected TRUE, FALSE, 1 or 0"},
		{name: "empty", typ: b, in: "", errHas: "expected TRUE, FALSE, 1 or 0"},
		{name: "time", typ: b, in: time.Unix(0, 0), errHas: "as BOOLEAN: unsupported Go type time.Time"},
	})
}

func TestCoerceTime(t *testing.T) {
	date := mustParseType(t, "DATE", -1)
	dt := mustParseType(t, "DATETIME", -1)
	dt3 := mustParseType(t, "DATETIME", 3)
	dt6 := mustParseType(t, "DATETIME", 6)
	ts := mustParseType(t, "TIMESTAMP", -1)
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	paris := time.FixedZone("CET", 3600)
	runCoerce(t, []coerceCase{
		{name: "date only", typ: dt, in: "2024-01-02", want: utc(2024, 1, 2, 0, 0, 0, 0)},
		{name: "minutes", typ: dt, in: "2024-01-02 03:04", want: utc(2024, 1, 2, 3, 4, 0, 0)},
		{name: "seconds", typ: dt, in: "2024-01-02 03:04:05", want: utc(2024, 1, 2, 3, 4, 5, 0)},
		{name: "blanks", typ: dt, in: " 2024-01-02 03:04:05 ", want: utc(2024, 1, 2, 3, 4, 5, 0)},
		{name: "ISO T", typ: dt, in: "2024-01-02T03:04:05", want: utc(2024, 1, 2, 3, 4, 5, 0)},
		{name: "RFC 3339 offset to UTC", typ: dt, in: "2024-01-02T03:04:05+02:00", want: utc(2024, 1, 2, 1, 4, 5, 0)},
		{name: "bytes", typ: dt, in: []byte("2024-01-02"), want: utc(2024, 1, 2, 0, 0, 0, 0)},
		{name: "time in a zone to UTC", typ: dt, in: time.Date(2024, 1, 2, 3, 4, 5, 0, paris), want: utc(2024, 1, 2, 2, 4, 5, 0)},
		// DATETIME rounds to its precision (0 = whole seconds), as MySQL.
		{name: "DATETIME rounds .6 up", typ: dt, in: "2024-01-02 03:04:05.6", want: utc(2024, 1, 2, 3, 4, 6, 0)},
		{name: "DATETIME rounds .4 down", typ: dt, in: "2024-01-02 03:04:05.4", want: utc(2024, 1, 2, 3, 4, 5, 0)},
		{name: "DATETIME rounds .5 up", typ: dt, in: "2024-01-02 03:04:05.5", want: utc(2024, 1, 2, 3, 4, 6, 0)},
		{name: "DATETIME rounds into next day", typ: dt, in: "2024-12-31 23:59:59.5", want: utc(2025, 1, 1, 0, 0, 0, 0)},
		{name: "DATETIME(3) rounds", typ: dt3, in: "2024-01-02 03:04:05.1235", want: utc(2024, 1, 2, 3, 4, 5, 124000000)},
		{name: "DATETIME(3) keeps millis", typ: dt3, in: "2024-01-02 03:04:05.123", want: utc(2024, 1, 2, 3, 4, 5, 123000000)},
		{name: "DATETIME(6) keeps micros", typ: dt6, in: utc(2024, 1, 2, 3, 4, 5, 123456000), want: utc(2024, 1, 2, 3, 4, 5, 123456000)},
		{name: "DATETIME(6) rounds nanos", typ: dt6, in: utc(2024, 1, 2, 3, 4, 5, 123456500), want: utc(2024, 1, 2, 3, 4, 5, 123457000)},
		{name: "TIMESTAMP rounds", typ: ts, in: utc(2024, 1, 2, 3, 4, 5, 999999999), want: utc(2024, 1, 2, 3, 4, 6, 0)},
		// DATE truncates the time of day, never rounds.
		{name: "DATE truncates", typ: date, in: "2024-01-02 23:59:59.9", want: utc(2024, 1, 2, 0, 0, 0, 0)},
		{name: "DATE of a time", typ: date, in: utc(2024, 1, 2, 13, 0, 0, 0), want: utc(2024, 1, 2, 0, 0, 0, 0)},
		{name: "DATE of a time in a zone is the UTC date", typ: date, in: time.Date(2024, 1, 2, 0, 30, 0, 0, paris), want: utc(2024, 1, 1, 0, 0, 0, 0)},
		{name: "DATE last day", typ: date, in: "9999-12-31 23:59:59.9", want: utc(9999, 12, 31, 0, 0, 0, 0)},
		{name: "year 0001", typ: dt, in: "0001-01-01", want: utc(1, 1, 1, 0, 0, 0, 0)},
		{name: "last second", typ: dt, in: "9999-12-31 23:59:59", want: utc(9999, 12, 31, 23, 59, 59, 0)},
		{name: "rounds past year 9999", typ: dt, in: "9999-12-31 23:59:59.6", err: "cannot store '9999-12-31 23:59:59.6' as DATETIME: year out of range [0, 9999]"},
		{name: "year 10000", typ: dt, in: utc(10000, 1, 1, 0, 0, 0, 0), errHas: "year out of range"},
		{name: "negative year", typ: date, in: utc(-1, 1, 1, 0, 0, 0, 0), errHas: "year out of range"},
		{name: "month 13", typ: dt, in: "2024-13-01", err: "cannot store '2024-13-01' as DATETIME: expected 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]'"},
		{name: "February 30", typ: date, in: "2024-02-30", err: "cannot store '2024-02-30' as DATE: expected 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]'"},
		{name: "zero date", typ: date, in: "0000-00-00", errHas: "expected 'YYYY-MM-DD"},
		{name: "word", typ: dt6, in: "yesterday", err: "cannot store 'yesterday' as DATETIME(6): expected 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]'"},
		{name: "int", typ: dt, in: int64(20240102), err: "cannot store 20240102 as DATETIME: unsupported Go type int64"},
	})
}

func TestCoerceJSON(t *testing.T) {
	j := mustParseType(t, "JSON", -1)
	runCoerce(t, []coerceCase{
		{name: "object kept verbatim", typ: j, in: `{"b": 1,  "a": [true, null]}`, want: `{"b": 1,  "a": [true, null]}`},
		{name: "array", typ: j, in: `[1, 2]`, want: `[1, 2]`},
		{name: "string", typ: j, in: `"x"`, want: `"x"`},
		{name: "null text", typ: j, in: `null`, want: `null`},
		{name: "non-ASCII", typ: j, in: `{"k":"日本 😀"}`, want: `{"k":"日本 😀"}`},
		{name: "bytes", typ: j, in: []byte(`{}`), want: `{}`},
		{name: "int", typ: j, in: int64(5), want: "5"},
		{name: "float", typ: j, in: 1.5, want: "1.5"},
		{name: "bool", typ: j, in: true, want: "true"},
		{name: "truncated", typ: j, in: `{`, err: "cannot store '{' as JSON: invalid JSON text"},
		{name: "empty", typ: j, in: ``, err: "cannot store '' as JSON: invalid JSON text"},
		{name: "bare word", typ: j, in: `abc`, err: "cannot store 'abc' as JSON: invalid JSON text"},
		{name: "trailing garbage", typ: j, in: `{} x`, errHas: "invalid JSON text"},
		{name: "invalid UTF-8", typ: j, in: "\"\xff\"", err: "cannot store '\"\xff\"' as JSON: invalid UTF-8"},
		{name: "NaN", typ: j, in: math.NaN(), err: "cannot store NaN as JSON: not a finite number"},
		{name: "Inf", typ: j, in: math.Inf(-1), err: "cannot store -Inf as JSON: not a finite number"},
		{name: "time", typ: j, in: time.Unix(0, 0), errHas: "as JSON: unsupported Go type time.Time"},
	})
}

func TestParseTimeFormatTime(t *testing.T) {
	tests := []struct {
		in   time.Time
		text string
	}{
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2024-01-02 03:04:05"},
		{time.Date(2024, 1, 2, 3, 4, 5, 500000000, time.UTC), "2024-01-02 03:04:05.5"},
		{time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC), "2024-01-02 03:04:05.123456"},
		{time.Date(2024, 1, 2, 3, 4, 5, 1000, time.UTC), "2024-01-02 03:04:05.000001"},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "0001-01-01 00:00:00"},
		{time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC), "9999-12-31 23:59:59.999999"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("X", -7200)), "2024-01-02 05:04:05"},
	}
	for _, tt := range tests {
		got := FormatTime(tt.in)
		if got != tt.text {
			t.Errorf("FormatTime(%v) = %q, want %q", tt.in, got, tt.text)
		}
		back, err := ParseTime(got)
		if err != nil || !back.Equal(tt.in) || back.Location() != time.UTC {
			t.Errorf("ParseTime(%q) = %v, %v; want %v in UTC", got, back, err, tt.in.UTC())
		}
	}
	// FormatTime shows microseconds: nanoseconds are cut, not rounded (values
	// are rounded by Coerce first).
	if got := FormatTime(time.Date(2024, 1, 2, 3, 4, 5, 999999999, time.UTC)); got != "2024-01-02 03:04:05.999999" {
		t.Errorf("FormatTime with nanoseconds = %q", got)
	}
	if _, err := ParseTime("2024-13-02"); err == nil || err.Error() != "invalid date/time '2024-13-02'" {
		t.Errorf("ParseTime(2024-13-02) error = %v", err)
	}
}

func TestQuoteTruncate(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, "NULL"},
		{"it's", "'it's'"},
		{[]byte("ab"), "'ab'"},
		{int64(-1), "-1"},
		{1.5, "1.5"},
		{true, "true"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "'2024-01-02 03:04:05'"},
		{strings.Repeat("x", 41), "'" + strings.Repeat("x", 40) + "...'"},
		{strings.Repeat("é", 40), "'" + strings.Repeat("é", 40) + "'"},
		{strings.Repeat("é", 41), "'" + strings.Repeat("é", 40) + "...'"},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Truncate("日本語", 2); got != "日本..." {
		t.Errorf("Truncate = %q", got)
	}
	if got := Truncate("abc", 3); got != "abc" {
		t.Errorf("Truncate = %q", got)
	}
}

func TestValueText(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, "NULL"},
		{"s", "s"},
		{[]byte("b"), "b"},
		{int64(math.MinInt64), "-9223372036854775808"},
		{1e300, "1e300"},
		{-1e-7, "-0.0000001"},
		{0.1, "0.1"},
		{true, "1"},
		{false, "0"},
		{time.Date(2024, 1, 2, 3, 4, 5, 6000, time.UTC), "2024-01-02 03:04:05.000006"},
		{42, "42"}, // not a value of the domain: fmt's rendering
	}
	for _, tt := range tests {
		if got := ValueText(tt.in); got != tt.want {
			t.Errorf("ValueText(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
