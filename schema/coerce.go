package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Coerce converts v to the canonical value of type t for storage, as MySQL's
// strict mode does on INSERT and UPDATE: lossless or clearly rounding
// conversions are made ('42' into INT, 1.6 into INT = 2, 42 into VARCHAR),
// everything else is an error naming the value. nil stays nil (NOT NULL is
// checked by the caller, which knows the column).
func Coerce(t Type, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t.Kind {
	case KindString:
		return coerceString(t, v)
	case KindInt:
		return coerceInt(t, v)
	case KindFloat:
		return coerceFloat(t, v)
	case KindBool:
		return coerceBool(v)
	case KindTime:
		return coerceTime(t, v)
	case KindJSON:
		return coerceJSON(v)
	case KindUint:
		return coerceUint(t, v)
	case KindDecimal:
		return coerceDecimal(t, v)
	case KindBytes:
		return coerceBytes(t, v)
	case KindTimeOfDay:
		return coerceTimeOfDay(t, v)
	case KindEnum:
		return coerceEnum(t, v)
	case KindUUID:
		return coerceUUID(t, v)
	case KindIP:
		return coerceIP(t, v)
	case KindVector:
		return coerceVector(t, v)
	case KindSecret: // plain text in memory; sealed by the record codec
		return coerceString(t, v)
	}
	return nil, fmt.Errorf("unknown kind %v", t.Kind)
}

// ConversionError reports a value that does not fit a type.
type ConversionError struct {
	Value  any
	Type   string
	Reason string // "" or a short explanation
}

func (e *ConversionError) Error() string {
	s := fmt.Sprintf("cannot store %s as %s", Quote(e.Value), e.Type)
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	return s
}

// Quote renders a value for an error message, truncated to 40 characters.
func Quote(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return "'" + Truncate(x, 40) + "'"
	case []byte:
		return "'" + Truncate(string(x), 40) + "'"
	case time.Time:
		return "'" + FormatTime(x) + "'"
	default:
		return fmt.Sprint(x)
	}
}

// Truncate shortens s to at most n characters, marking the cut with "...".
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "..."
}

func coerceString(t Type, v any) (any, error) {
	switch v.(type) {
	case string, []byte, int64, uint64, Decimal, float64, bool, time.Time:
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	s := ValueText(v)
	if !utf8.ValidString(s) {
		return nil, &ConversionError{v, t.SQL(), "invalid UTF-8"}
	}
	if t.MaxChars > 0 {
		if n := utf8.RuneCountInString(s); n > t.MaxChars {
			return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("%d characters, max %d", n, t.MaxChars)}
		}
	}
	if len(s) > t.MaxBytes {
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("%d bytes, max %d", len(s), t.MaxBytes)}
	}
	switch t.Name {
	case "EMAIL":
		if err := checkEmail(s); err != nil {
			return nil, &ConversionError{v, t.SQL(), err.Error()}
		}
	case "URL":
		if err := checkURL(s); err != nil {
			return nil, &ConversionError{v, t.SQL(), err.Error()}
		}
	}
	return s, nil
}

func coerceInt(t Type, v any) (any, error) {
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case uint64:
		if x > math.MaxInt64 {
			return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("out of range [%d, %d]", t.Min, t.Max)}
		}
		n = int64(x)
	case Decimal:
		i, ok := x.Round(0, false).Int64()
		if !ok {
			return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("out of range [%d, %d]", t.Min, t.Max)}
		}
		n = i
	case bool:
		if x {
			n = 1
		}
	case float64:
		r := math.Round(x)
		if math.IsNaN(r) || r < -9.223372036854775808e18 || r >= 9.223372036854775808e18 {
			return nil, &ConversionError{v, t.SQL(), "out of range"}
		}
		n = int64(r)
	case string, []byte:
		s := strings.TrimSpace(toStr(x))
		i, err := strconv.ParseInt(s, 10, 64)
		switch {
		case err == nil:
			n = i
		case err.(*strconv.NumError).Err == strconv.ErrRange:
			return nil, &ConversionError{v, t.SQL(), "out of range"}
		case !decimalRE.MatchString(s):
			return nil, &ConversionError{v, t.SQL(), "not an integer"}
		default: // a decimal with a fraction or an exponent: round it exactly
			f, ok := new(big.Float).SetPrec(256).SetString(s)
			if !ok || f.IsInf() || f.MantExp(nil) > 64 {
				return nil, &ConversionError{v, t.SQL(), "out of range"}
			}
			half := big.NewFloat(0.5)
			if f.Sign() < 0 {
				half.Neg(half)
			}
			r, _ := f.Add(f, half).Int(nil) // round half away from zero, as MySQL
			if !r.IsInt64() {
				return nil, &ConversionError{v, t.SQL(), "out of range"}
			}
			n = r.Int64()
		}
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	if n < t.Min || n > t.Max {
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("out of range [%d, %d]", t.Min, t.Max)}
	}
	return n, nil
}

func coerceFloat(t Type, v any) (any, error) {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, &ConversionError{v, t.SQL(), "not a finite number"}
		}
		return x, nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case Decimal:
		return x.Float64(), nil
	case bool:
		if x {
			return 1.0, nil
		}
		return 0.0, nil
	case string, []byte:
		s := strings.TrimSpace(toStr(x))
		if !decimalRE.MatchString(s) {
			return nil, &ConversionError{v, t.SQL(), "not a number"}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, &ConversionError{v, t.SQL(), "out of range"}
		}
		return f, nil
	}
	return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
}

// decimalRE is the syntax of a number in a string, as MySQL reads it: Go's
// extras (hexadecimal, '_' separators, Inf, NaN) are not numbers in SQL.
var decimalRE = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

func coerceBool(v any) (any, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case int64:
		return x != 0, nil
	case uint64:
		return x != 0, nil
	case Decimal:
		return x.Sign() != 0, nil
	case float64:
		return x != 0, nil
	case string, []byte:
		switch strings.ToLower(strings.TrimSpace(toStr(x))) {
		case "1", "true":
			return true, nil
		case "0", "false":
			return false, nil
		}
		return nil, &ConversionError{v, "BOOLEAN", "expected TRUE, FALSE, 1 or 0"}
	}
	return nil, &ConversionError{v, "BOOLEAN", fmt.Sprintf("unsupported Go type %T", v)}
}

func coerceTime(t Type, v any) (any, error) {
	var tm time.Time
	switch x := v.(type) {
	case time.Time:
		tm = x.UTC()
	case string, []byte:
		p, err := ParseTime(toStr(x))
		if err != nil {
			return nil, &ConversionError{v, t.SQL(), "expected 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]'"}
		}
		tm = p
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	if t.Name == "DATE" {
		tm = time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC)
	} else {
		// Round to the column's fractional-second precision (0 by default, as MySQL).
		tm = tm.Round(time.Second / time.Duration(math.Pow10(t.Length)))
	}
	if tm.Year() < 0 || tm.Year() > 9999 {
		// FormatTime writes 4-digit years only: ParseTime could not read it back.
		return nil, &ConversionError{v, t.SQL(), "year out of range [0, 9999]"}
	}
	return tm, nil
}

func coerceJSON(v any) (any, error) {
	switch x := v.(type) {
	case string, []byte:
		s := toStr(x)
		if !json.Valid([]byte(s)) {
			return nil, &ConversionError{v, "JSON", "invalid JSON text"}
		}
		if !utf8.ValidString(s) {
			return nil, &ConversionError{v, "JSON", "invalid UTF-8"}
		}
		return s, nil
	case Decimal:
		return string(x.Trim()), nil
	case int64, uint64, float64, bool:
		b, err := json.Marshal(x)
		if err != nil { // NaN, ±Inf
			return nil, &ConversionError{v, "JSON", "not a finite number"}
		}
		return string(b), nil
	}
	return nil, &ConversionError{v, "JSON", fmt.Sprintf("unsupported Go type %T", v)}
}

func toStr(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v.(string)
}

func coerceUint(t Type, v any) (any, error) {
	rangeErr := &ConversionError{v, t.SQL(), fmt.Sprintf("out of range [0, %d]", t.UMax)}
	var n uint64
	switch x := v.(type) {
	case uint64:
		n = x
	case int64:
		if x < 0 {
			return nil, rangeErr
		}
		n = uint64(x)
	case bool:
		if x {
			n = 1
		}
	case float64:
		r := math.Round(x)
		if math.IsNaN(r) || r < 0 || r >= 0x1p64 {
			return nil, rangeErr
		}
		n = uint64(r)
	case Decimal:
		u, ok := x.Round(0, false).Uint64()
		if !ok {
			return nil, rangeErr
		}
		n = u
	case string, []byte:
		s := strings.TrimSpace(toStr(x))
		u, err := strconv.ParseUint(strings.TrimPrefix(s, "+"), 10, 64)
		switch {
		case err == nil:
			n = u
		case !decimalRE.MatchString(s):
			return nil, &ConversionError{v, t.SQL(), "not an integer"}
		default: // a fraction, an exponent, a sign or beyond uint64
			d, err := ParseDecimal(s)
			if err != nil {
				return nil, rangeErr
			}
			if n, err = decimalUint(d); err != nil {
				return nil, rangeErr
			}
		}
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	if n > t.UMax {
		return nil, rangeErr
	}
	return n, nil
}

func decimalUint(d Decimal) (uint64, error) {
	u, ok := d.Round(0, false).Uint64()
	if !ok {
		return 0, errors.New("out of range")
	}
	return u, nil
}

// coerceDecimal rounds the value to the column's scale (half away from zero,
// as MySQL) and rejects values with more integer digits than the column
// holds.
func coerceDecimal(t Type, v any) (any, error) {
	var d Decimal
	switch x := v.(type) {
	case Decimal:
		d = x
	case int64:
		d = DecimalFromInt(x)
	case uint64:
		d = DecimalFromUint(x)
	case bool:
		d = "0"
		if x {
			d = "1"
		}
	case float64:
		var err error
		if d, err = DecimalFromFloat(x); err != nil {
			return nil, &ConversionError{v, t.SQL(), "not a finite number"}
		}
	case string, []byte:
		var err error
		if d, err = ParseDecimal(toStr(x)); err != nil {
			if decimalRE.MatchString(strings.TrimSpace(toStr(x))) {
				return nil, &ConversionError{v, t.SQL(), "out of range"}
			}
			return nil, &ConversionError{v, t.SQL(), "not a number"}
		}
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	d = d.Round(t.Scale, false)
	if n := d.IntDigits(); n > t.Length-t.Scale {
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("out of range: %d integer digits, max %d", n, t.Length-t.Scale)}
	}
	return d, nil
}

// coerceBytes stores the bytes of the value (numbers and times as their
// text, as MySQL does); BINARY(n) pads with 0x00 to n bytes.
func coerceBytes(t Type, v any) (any, error) {
	var b []byte
	switch x := v.(type) {
	case []byte:
		b = bytes.Clone(x)
	case string, int64, uint64, Decimal, float64, bool, time.Time:
		b = []byte(ValueText(x))
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	if len(b) > t.MaxBytes {
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("%d bytes, max %d", len(b), t.MaxBytes)}
	}
	if t.Name == "BINARY" && len(b) < t.Length {
		b = append(b, make([]byte, t.Length-len(b))...)
	}
	return b, nil
}

// coerceTimeOfDay reads a TIME: 'HH:MM[:SS[.ffffff]]', the number HHMMSS,
// or a time.Time (its UTC clock), rounded to the column's fractional-second
// precision. s3db's TIME is a time of day, 00:00:00 to 23:59:59.999999.
func coerceTimeOfDay(t Type, v any) (any, error) {
	var d time.Duration
	switch x := v.(type) {
	case time.Time:
		u := x.UTC()
		d = u.Sub(u.Truncate(24 * time.Hour))
	case string, []byte, int64, uint64, float64, Decimal:
		s := strings.TrimSpace(ValueText(x))
		if i, _, _ := strings.Cut(s, "."); len(i) < 6 && allDigitsFrac(s) { // 93000 is 09:30:00
			s = strings.Repeat("0", 6-len(i)) + s
		}
		p, err := ParseTimeOfDay(s)
		if err != nil {
			return nil, &ConversionError{v, t.SQL(), "expected 'HH:MM:SS[.ffffff]' from 00:00:00 to 23:59:59.999999"}
		}
		d = p
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	d = d.Round(time.Second / time.Duration(math.Pow10(t.Length)))
	if d >= 24*time.Hour {
		return nil, &ConversionError{v, t.SQL(), "rounds to 24:00:00, past the end of the day"}
	}
	return FormatTimeOfDay(d), nil
}

// coerceEnum maps a value to its member: a string equal to a member (or
// equal ignoring case: the member's own spelling is stored), or an integer
// index from 1, as MySQL reads one.
func coerceEnum(t Type, v any) (any, error) {
	typ := Truncate(t.SQL(), 60)
	switch x := v.(type) {
	case string, []byte:
		s := toStr(x)
		for _, e := range t.Elems {
			if e == s {
				return e, nil
			}
		}
		for _, e := range t.Elems {
			if strings.EqualFold(e, s) {
				return e, nil
			}
		}
		return nil, &ConversionError{v, typ, "not a member"}
	case int64, uint64:
		i, _ := strconv.ParseUint(ValueText(x), 10, 64)
		if i < 1 || i > uint64(len(t.Elems)) {
			return nil, &ConversionError{v, typ, fmt.Sprintf("index out of range [1, %d]", len(t.Elems))}
		}
		return t.Elems[i-1], nil
	}
	return nil, &ConversionError{v, typ, fmt.Sprintf("unsupported Go type %T", v)}
}
