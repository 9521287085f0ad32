package eval

import (
	"fmt"
	"strings"
	"time"

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
		return nil, 0, fmt.Errorf("CAST to UNSIGNED is not supported yet")
	}
	switch name {
	case "SIGNED", "SIGNED INTEGER", "INT", "INTEGER", "BIGINT":
		return func(v any) (any, error) { return castInt(v) }, 0, nil
	case "DOUBLE", "FLOAT", "REAL":
		return castFloat, 0, nil
	case "DECIMAL", "NUMERIC", "DEC", "FIXED":
		scale := int64(max(t.Scale, 0)) // DECIMAL alone is DECIMAL(10,0)
		return func(v any) (any, error) {
			f, err := castFloat(v)
			if err != nil {
				return nil, err
			}
			return roundDigits(f.(float64), scale, false), nil
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
// 1, '12abc' -> 12), floats round half away from zero, both clamp to BIGINT.
func castInt(v any) (int64, error) {
	switch x := v.(type) {
	case string:
		return prefixInt(x), nil
	case []byte:
		return prefixInt(string(x)), nil
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
