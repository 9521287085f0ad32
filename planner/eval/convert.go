package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/s3db-go/s3db/schema"
)

// Normalize converts a Go value into the value domain (see the package
// documentation): sized integers become int64 (uint64, the UNSIGNED values,
// stays), float32 becomes float64, times become UTC. It is how Env.Params
// are read, and the driver may use it for its arguments.
func Normalize(v any) (any, error) {
	switch x := v.(type) {
	case nil, int64, uint64, float64, string, bool, []byte, schema.Decimal:
		return v, nil
	case time.Time:
		return x.UTC(), nil
	case int:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case uint:
		if x > math.MaxInt64 {
			return uint64(x), nil
		}
		return int64(x), nil
	case float32:
		return float64(x), nil
	}
	return nil, fmt.Errorf("unsupported value type %T", v)
}

// ToString returns the MySQL text form of v (schema.ValueText): integers in
// decimal, floats in their shortest form without exponent for moderately
// sized numbers, bools as 1/0, times as 'YYYY-MM-DD HH:MM:SS[.ffffff]', []byte
// as its bytes and JSON as its text. NULL is shown as "NULL" (callers test for
// NULL first when the distinction matters). This is also how the REPL shows a
// value.
func ToString(v any) string { return schema.ValueText(v) }

// show renders a value for an error message: strings quoted and truncated to
// about 40 characters.
func show(v any) string {
	switch v.(type) {
	case string, []byte, time.Time:
		s := ToString(v)
		if utf8.RuneCountInString(s) > 40 {
			s = string([]rune(s)[:40]) + "..."
		}
		return "'" + s + "'"
	}
	return ToString(v)
}

func convErr(v any, target string) error {
	return fmt.Errorf("cannot convert %s to %s", show(v), target)
}

// ---- numbers ----

// numPrefix returns the length of the longest prefix of s (after leading
// whitespace, which it includes) that reads as a decimal number: sign, digits,
// optional fraction, optional exponent. ok is false when no digit was found.
func numPrefix(s string) (n int, ok bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j, digits = j+1, digits+1
		}
		if digits > 0 {
			i = j
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	return i, true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// prefixFloat is MySQL's lenient string-to-number coercion: the leading
// numeric prefix ('12abc' -> 12, 'abc' -> 0, '1e3x' -> 1000).
func prefixFloat(s string) float64 {
	n, ok := numPrefix(s)
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(strings.TrimLeft(s[:n], " \t\n\r\f\v"), 64)
	if err != nil { // only range errors remain: ParseFloat returned ±Inf
		return math.Copysign(math.MaxFloat64, f)
	}
	return f
}

// prefixInt reads the leading integer of s, clamped to the int64 range, as
// CAST(s AS SIGNED) does ('1.9' -> 1, '12abc' -> 12, 'abc' -> 0).
func prefixInt(s string) int64 {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var n uint64
	for ; i < len(s) && isDigit(s[i]); i++ {
		n = n*10 + uint64(s[i]-'0')
		if n > 1<<63 {
			n = 1 << 63
			break
		}
	}
	if neg {
		return int64(-n) // -(1<<63) wraps to MinInt64
	}
	if n > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(n)
}

// num is a number during arithmetic: an int64 (i), a float64 (f, isF), or
// an exact number that int64 cannot hold (x, isX): a DECIMAL, or an integer
// above MaxInt64. isU marks an UNSIGNED (uint64) value, in i or x. An exact
// number also sets f to its nearest float64 and isF, so code that knows only
// int64 and float64 treats it as a float; exact code (comparison, + - *, SUM)
// tests isX first.
type num struct {
	i   int64
	f   float64
	isF bool
	x   schema.Decimal
	isX bool
	isU bool
}

// isDecimal reports a DECIMAL (an exact number that is not an integer type).
func (n num) isDecimal() bool { return n.isX && !n.isU }

func (n num) float() float64 {
	if n.isF {
		return n.f
	}
	return float64(n.i)
}

func (n num) value() any {
	switch {
	case n.isX && n.isU:
		u, _ := n.x.Uint64()
		return u
	case n.isX:
		return n.x
	case n.isF:
		return n.f
	}
	return n.i
}

// valueAs is n's value in the domain of like: an UNSIGNED integer stays
// one when it can (ABS, ROUND of a uint64), anything else as value.
func (n num) valueAs(like num) any {
	if like.isU {
		if r, ok := intNum(n.x); ok {
			return r.value()
		}
	}
	return n.value()
}

// exact reports whether n is an integer or a DECIMAL, not a float.
func (n num) exact() bool { return !n.isF || n.isX }

// dec is an exact number as a Decimal.
func (n num) dec() schema.Decimal {
	if n.isX {
		return n.x
	}
	return schema.DecimalFromInt(n.i)
}

// decNum makes a num of a DECIMAL.
func decNum(d schema.Decimal) num { return num{f: d.Float64(), isF: true, x: d, isX: true} }

// intNum makes a num of an exact integer result: an int64 when it fits,
// else an UNSIGNED integer; ok is false beyond uint64.
func intNum(d schema.Decimal) (n num, ok bool) {
	if i, ok := d.Int64(); ok {
		return num{i: i}, true
	}
	if u, ok := d.Uint64(); ok {
		return num{f: float64(u), isF: true, x: schema.DecimalFromUint(u), isX: true, isU: true}, true
	}
	return num{}, false
}

// toNum is the lenient numeric coercion used by comparisons and arithmetic.
// null reports SQL NULL.
func toNum(v any) (n num, null bool, err error) {
	switch x := v.(type) {
	case nil:
		return n, true, nil
	case int64:
		return num{i: x}, false, nil
	case float64:
		return num{f: x, isF: true}, false, nil
	case uint64:
		if x <= math.MaxInt64 {
			return num{i: int64(x), isU: true}, false, nil
		}
		return num{f: float64(x), isF: true, x: schema.DecimalFromUint(x), isX: true, isU: true}, false, nil
	case schema.Decimal:
		return decNum(x), false, nil
	case bool:
		if x {
			return num{i: 1}, false, nil
		}
		return num{}, false, nil
	case string:
		return num{f: prefixFloat(x), isF: true}, false, nil
	case []byte:
		return num{f: prefixFloat(string(x)), isF: true}, false, nil
	case time.Time:
		return timeNumber(x), false, nil
	}
	return n, false, fmt.Errorf("cannot use a value of type %T as a number", v)
}

// ToNumber is the lenient numeric coercion of comparisons and arithmetic:
// int64, uint64, float64 and Decimal stay, bool is 0/1, a string becomes the float64 of its
// leading numeric prefix ('12abc' -> 12, 'abc' -> 0) and a time becomes
// YYYYMMDDHHMMSS[.ffffff]. NULL stays nil. It never fails on the value domain.
func ToNumber(v any) (any, error) {
	n, null, err := toNum(v)
	if null || err != nil {
		return nil, err
	}
	return n.value(), nil
}

// timeNumber is MySQL's numeric form of a datetime: YYYYMMDDHHMMSS[.ffffff].
func timeNumber(t time.Time) num {
	t = t.UTC()
	i := int64(t.Year())*1e10 + int64(t.Month())*1e8 + int64(t.Day())*1e6 +
		int64(t.Hour())*1e4 + int64(t.Minute())*100 + int64(t.Second())
	if us := t.Nanosecond() / 1000; us != 0 {
		return num{f: float64(i) + float64(us)/1e6, isF: true}
	}
	return num{i: i}
}

// strictNumber parses a whole string as a number, as a strict-mode column
// write does: surrounding whitespace is allowed, anything else is an error.
func strictNumber(s string) (num, bool) {
	t := strings.TrimSpace(s)
	if n, ok := numPrefix(t); !ok || n != len(t) {
		return num{}, false
	}
	if i, err := strconv.ParseInt(strings.TrimPrefix(t, "+"), 10, 64); err == nil {
		return num{i: i}, true
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil && !math.IsInf(f, 0) {
		return num{}, false
	}
	return num{f: f, isF: true}, true
}

// ToInt64 is the strict conversion used for writes into integer columns (MySQL
// strict mode): the whole string must be a number ('12abc' fails), fractions
// round half away from zero, and values beyond BIGINT fail. Comparisons and
// arithmetic use the lenient ToNumber instead.
func ToInt64(v any) (int64, error) {
	var n num
	switch x := v.(type) {
	case int64:
		return x, nil
	case string, []byte:
		var ok bool
		if n, ok = strictNumber(ToString(x)); !ok {
			return 0, convErr(v, "INT")
		}
	case nil:
		return 0, convErr(v, "INT")
	default:
		var err error
		if n, _, err = toNum(v); err != nil {
			return 0, convErr(v, "INT")
		}
	}
	if !n.isF {
		return n.i, nil
	}
	if n.isX {
		if i, ok := n.x.Round(0, false).Int64(); ok {
			return i, nil
		}
		return 0, fmt.Errorf("cannot convert %s to INT: out of range", show(v))
	}
	r := math.Round(n.f)
	if math.IsNaN(r) || r >= 0x1p63 || r < -0x1p63 {
		return 0, fmt.Errorf("cannot convert %s to INT: out of range", show(v))
	}
	return int64(r), nil
}

// ToFloat64 is the strict conversion used for writes into DOUBLE/FLOAT
// columns: the whole string must be a number. See ToNumber for the lenient one.
func ToFloat64(v any) (float64, error) {
	switch x := v.(type) {
	case nil:
		return 0, convErr(v, "DOUBLE")
	case string, []byte:
		n, ok := strictNumber(ToString(x))
		if !ok || math.IsInf(n.float(), 0) {
			return 0, convErr(v, "DOUBLE")
		}
		return n.float(), nil
	}
	n, _, err := toNum(v)
	if err != nil {
		return 0, convErr(v, "DOUBLE")
	}
	return n.float(), nil
}

// clampInt rounds a float half away from zero and clamps it to int64, as
// CAST(x AS SIGNED) does.
func clampInt(f float64) int64 {
	r := math.Round(f)
	switch {
	case math.IsNaN(r):
		return 0
	case r >= 0x1p63:
		return math.MaxInt64
	case r < -0x1p63:
		return math.MinInt64
	}
	return int64(r)
}

// ---- times ----

// ToTime converts v to a UTC time: times stay, strings are parsed by
// schema.ParseTime, numbers are read as YYYYMMDD or YYYYMMDDHHMMSS[.ffffff].
func ToTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return x.UTC(), nil
	case string, []byte:
		if t, err := schema.ParseTime(strOf(x)); err == nil {
			return t, nil
		}
	case int64:
		if t, ok := schema.TimeFromNumber(float64(x)); ok {
			return t, nil
		}
	case float64:
		if t, ok := schema.TimeFromNumber(x); ok {
			return t, nil
		}
	}
	return time.Time{}, convErr(v, "DATETIME")
}
