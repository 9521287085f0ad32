package eval

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// cast compiles CAST(x AS type) / CONVERT(x, type). CAST follows MySQL's
// lenient rules (MySQL warns, it does not fail): CAST('12abc' AS SIGNED) is
// 12, CAST('abc' AS DATE) is NULL. Column writes use the strict ToInt64,
// ToFloat64 and ToTime instead.
func (c *compiler) cast(e *sqlparse.Cast) (*Expr, error) {
	x, err := c.compile(e.X)
	if err != nil {
		return nil, err
	}
	conv, fl, err := castFunc(e.Type)
	if err != nil {
		return nil, err
	}
	return &Expr{flags: x.flags&fDeps | fl, fn: func(env *Env) (any, error) {
		v, err := x.fn(env)
		if v == nil || err != nil {
			return nil, err
		}
		return conv(v)
	}}, nil
}

func castFunc(t sqlparse.TypeSpec) (func(any) (any, error), flags, error) {
	name := strings.ToUpper(t.Name)
	if t.Unsigned || strings.HasPrefix(name, "UNSIGNED") {
		return func(v any) (any, error) { return castUint(v) }, 0, nil
	}
	switch name {
	case "SIGNED", "SIGNED INTEGER", "INT", "INTEGER", "BIGINT":
		return func(v any) (any, error) { return castInt(v) }, 0, nil
	case "DOUBLE", "FLOAT", "REAL":
		return castFloat, 0, nil
	case "DECIMAL", "NUMERIC", "DEC", "FIXED":
		return castDecimal(t)
	case "TIME":
		return func(v any) (any, error) {
			tm, err := schema.Coerce(schema.Type{Name: "TIME", Kind: schema.KindTimeOfDay, Length: max(t.Length, 0)}, timeOfDayArg(v))
			if err != nil {
				return nil, nil // not a time: NULL, as MySQL (with a warning)
			}
			return tm, nil
		}, 0, nil
	case "VECTOR":
		return func(v any) (any, error) {
			vec, err := schema.ParseVector(ToString(v))
			if err != nil {
				return nil, fmt.Errorf("CAST to VECTOR: %w", err)
			}
			if t.Length > 0 && len(vec) != t.Length {
				return nil, fmt.Errorf("CAST to VECTOR(%d): %d dimensions", t.Length, len(vec))
			}
			return schema.FormatVector(vec), nil
		}, 0, nil
	case "CHAR", "NCHAR", "VARCHAR", "TEXT":
		return func(v any) (any, error) {
			s := ToString(v)
			if t.Length >= 0 {
				if rs := []rune(s); len(rs) > t.Length {
					s = string(rs[:t.Length])
				}
			}
			return s, nil
		}, 0, nil
	case "DATE", "DATETIME", "TIMESTAMP":
		// DATETIME(fsp) rounds to fsp fractional digits, as MySQL does; without
		// a precision the value is kept as is.
		unit := time.Duration(-1)
		if name != "DATE" && t.Length >= 0 && t.Length <= 9 {
			unit = time.Second
			for range t.Length {
				unit /= 10
			}
		}
		return func(v any) (any, error) {
			tm, ok := dateArg(v)
			switch {
			case !ok:
				return nil, nil
			case name == "DATE":
				return day(tm), nil
			case unit > 0:
				return tm.Round(unit), nil
			}
			return tm, nil
		}, 0, nil
	case "JSON":
		return func(v any) (any, error) {
			j, err := toJSON(v, true)
			if err != nil {
				return nil, jsonArgErr("CAST", 1, err)
			}
			return jsonText(j), nil
		}, fJSON, nil
	case "BINARY", "VARBINARY", "BLOB":
		return func(v any) (any, error) {
			b := []byte(ToString(v))
			if t.Length >= 0 && len(b) != t.Length {
				b = append(b, make([]byte, max(0, t.Length-len(b)))...)[:t.Length] // pad with 0x00 or cut
			}
			return b, nil
		}, 0, nil
	case "BOOLEAN", "BOOL":
		return func(v any) (any, error) {
			b, _ := Truth(v)
			return b, nil
		}, 0, nil
	}
	return nil, 0, fmt.Errorf("CAST to %s is not supported", name)
}

// castInt is CAST(v AS SIGNED): strings read their leading integer ('1.9' ->
// 1, '12abc' -> 12), floats and DECIMALs round half away from zero, both
// clamp to BIGINT; an UNSIGNED value wraps (18446744073709551615 is -1), as
// in MySQL.
func castInt(v any) (int64, error) {
	switch x := v.(type) {
	case string:
		return prefixInt(x), nil
	case []byte:
		return prefixInt(string(x)), nil
	case uint64:
		return int64(x), nil
	case schema.Decimal:
		r := x.Round(0, false)
		if i, ok := r.Int64(); ok {
			return i, nil
		}
		if r.Sign() < 0 {
			return math.MinInt64, nil
		}
		return math.MaxInt64, nil
	}
	n, _, err := toNum(v)
	if err != nil {
		return 0, err
	}
	if n.isF {
		return clampInt(n.f), nil
	}
	return n.i, nil
}

func castFloat(v any) (any, error) {
	n, _, err := toNum(v)
	if err != nil {
		return nil, err
	}
	return n.float(), nil
}

// castUint is CAST(v AS UNSIGNED): integers wrap modulo 2^64 as in MySQL
// (CAST(-1 AS UNSIGNED) is 18446744073709551615), strings read their leading
// integer and wrap the same way, floats and DECIMALs round half away from
// zero and clamp to [0, 2^64-1].
func castUint(v any) (uint64, error) {
	switch x := v.(type) {
	case uint64:
		return x, nil
	case string, []byte:
		s := strings.TrimLeft(ToString(x), " \t\n\r\f\v")
		neg := strings.HasPrefix(s, "-")
		s = strings.TrimLeft(s, "+-")
		var u uint64
		for i := 0; i < len(s) && isDigit(s[i]); i++ {
			d := uint64(s[i] - '0')
			if u > (math.MaxUint64-d)/10 {
				u = math.MaxUint64
				break
			}
			u = u*10 + d
		}
		if neg {
			return -u, nil
		}
		return u, nil
	case schema.Decimal:
		r := x.Round(0, false)
		if u, ok := r.Uint64(); ok {
			return u, nil
		}
		if r.Sign() < 0 {
			return 0, nil
		}
		return math.MaxUint64, nil
	}
	n, _, err := toNum(v)
	switch {
	case err != nil:
		return 0, err
	case !n.isF:
		return uint64(n.i), nil
	}
	r := math.Round(n.f)
	switch {
	case math.IsNaN(r) || r < 0:
		return 0, nil
	case r >= 0x1p64:
		return math.MaxUint64, nil
	}
	return uint64(r), nil
}

// castDecimal is CAST(v AS DECIMAL(p,s)), exact: numbers convert exactly,
// strings by their leading number ('1.5abc' is 1.5), rounded to s digits
// half away from zero; a value beyond p digits clamps to the largest one
// (MySQL warns). DECIMAL alone is DECIMAL(10,0).
func castDecimal(t sqlparse.TypeSpec) (func(any) (any, error), flags, error) {
	prec, scale := 10, 0
	if t.Length > 0 {
		prec = t.Length
	}
	if t.Scale >= 0 {
		scale = t.Scale
	}
	if prec > schema.MaxDecimalPrec || scale > schema.MaxDecimalScale || scale > prec {
		return nil, 0, fmt.Errorf("CAST to DECIMAL(%d,%d): precision 1 to %d, scale 0 to %d and at most the precision", prec, scale, schema.MaxDecimalPrec, schema.MaxDecimalScale)
	}
	largest := schema.Decimal(strings.Repeat("9", prec-scale)+"."+strings.Repeat("9", scale)).Round(scale, true)
	return func(v any) (any, error) {
		var d schema.Decimal
		switch x := v.(type) {
		case string, []byte:
			s := ToString(x)
			n, ok := numPrefix(s)
			if !ok {
				d = "0"
				break
			}
			var err error
			if d, err = schema.ParseDecimal(s[:n]); err != nil { // an exponent beyond range
				switch f := prefixFloat(s); {
				case math.Abs(f) < 1:
					d = "0"
				case f < 0:
					d = largest.Neg()
				default:
					d = largest
				}
			}
		default:
			n, _, err := toNum(v)
			if err != nil {
				return nil, err
			}
			switch {
			case n.isX:
				d = n.x
			case n.isF:
				if d, err = schema.DecimalFromFloat(n.f); err != nil {
					return nil, nil
				}
			default:
				d = schema.DecimalFromInt(n.i)
			}
		}
		d = d.Round(scale, false)
		switch {
		case d.Cmp(largest) > 0:
			d = largest
		case d.Cmp(largest.Neg()) < 0:
			d = largest.Neg()
		}
		return d, nil
	}, 0, nil
}

// timeOfDayArg gives CAST(x AS TIME) the text of strings and numbers and
// times as they are.
func timeOfDayArg(v any) any {
	switch v.(type) {
	case time.Time, string:
		return v
	}
	return ToString(v)
}
