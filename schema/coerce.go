package schema

import (
	"encoding/json"
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
	case string, []byte, int64, float64, bool, time.Time:
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
	return s, nil
}

func coerceInt(t Type, v any) (any, error) {
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
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
	case int64, float64, bool:
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
