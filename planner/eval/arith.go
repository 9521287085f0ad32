package eval

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

func bigintRange(e sqlparse.Expr) error {
	return fmt.Errorf("BIGINT value is out of range in '%s'", Format(e))
}

func doubleRange(e sqlparse.Expr) error {
	return fmt.Errorf("DOUBLE value is out of range in '%s'", Format(e))
}

// arith applies + - * / DIV % with MySQL semantics: NULL in, NULL out; int64
// op int64 stays int64 and fails on overflow; a float or string operand makes
// the result float64; / is always float64; x/0, x DIV 0 and x%0 are an
// error (MySQL's strict mode; its default, a NULL with a warning, hides bugs).
// e names the expression in errors.
func arith(op string, a, b any, e sqlparse.Expr) (any, error) {
	x, nx, err := toNum(a)
	if err != nil {
		return nil, err
	}
	y, ny, err := toNum(b)
	if err != nil || nx || ny {
		return nil, err
	}
	if (x.isX || y.isX) && x.exact() && y.exact() && op != sqlparse.OpDiv {
		return exactArith(op, x, y, e)
	}
	if !x.isF && !y.isF {
		// Beyond BIGINT: an error, or exact when an operand is UNSIGNED.
		overflow := func() (any, error) {
			if x.isU || y.isU {
				return exactArith(op, x, y, e)
			}
			return nil, bigintRange(e)
		}
		i, j := x.i, y.i
		switch op {
		case sqlparse.OpAdd:
			r := i + j
			if (i^r)&(j^r) < 0 {
				return overflow()
			}
			return r, nil
		case sqlparse.OpSub:
			r := i - j
			if (i^j)&(i^r) < 0 {
				return overflow()
			}
			return r, nil
		case sqlparse.OpMul:
			r := i * j
			if i != 0 && (r/i != j || (i == -1 && j == math.MinInt64)) {
				return overflow()
			}
			return r, nil
		case sqlparse.OpIntDiv:
			if j == 0 {
				return nil, divZero(e)
			}
			if i == math.MinInt64 && j == -1 {
				return overflow()
			}
			return i / j, nil
		case sqlparse.OpMod:
			if j == 0 {
				return nil, divZero(e)
			}
			return i % j, nil
		}
	}
	f, g := x.float(), y.float()
	var r float64
	switch op {
	case sqlparse.OpAdd:
		r = f + g
	case sqlparse.OpSub:
		r = f - g
	case sqlparse.OpMul:
		r = f * g
	case sqlparse.OpDiv:
		if g == 0 {
			return nil, divZero(e)
		}
		r = f / g
	case sqlparse.OpIntDiv:
		if g == 0 {
			return nil, divZero(e)
		}
		q := math.Trunc(f / g)
		if math.IsNaN(q) || q >= 0x1p63 || q < -0x1p63 {
			return nil, bigintRange(e)
		}
		return int64(q), nil
	case sqlparse.OpMod:
		if g == 0 {
			return nil, divZero(e)
		}
		r = math.Mod(f, g)
	default:
		return nil, fmt.Errorf("unsupported operator %s", op)
	}
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return nil, doubleRange(e)
	}
	return r, nil
}

func divZero(e sqlparse.Expr) error { return fmt.Errorf("division by 0 in '%s'", Format(e)) }

// exactArith is + - * DIV % when an operand is a DECIMAL or an UNSIGNED
// integer (beyond BIGINT, or whose int64 result overflows) and none is a
// float: exact. Integers give an integer (int64, or uint64 above it; beyond
// uint64 is an error), DECIMALs a DECIMAL (DIV an integer).
func exactArith(op string, x, y num, e sqlparse.Expr) (any, error) {
	a, b := x.dec(), y.dec()
	var r schema.Decimal
	switch op {
	case sqlparse.OpAdd:
		r = a.Add(b)
	case sqlparse.OpSub:
		r = a.Sub(b)
	case sqlparse.OpMul:
		r = a.Mul(b)
	case sqlparse.OpIntDiv, sqlparse.OpMod:
		if b.Sign() == 0 {
			return nil, divZero(e)
		}
		q := quotient(a, b)
		if op == sqlparse.OpMod {
			r = a.Sub(q.Mul(b)) // the sign of the dividend, as MySQL
			break
		}
		n, ok := intNum(q)
		if !ok {
			return nil, bigintRange(e)
		}
		return n.value(), nil
	default:
		return nil, fmt.Errorf("unsupported operator %s", op)
	}
	if x.isDecimal() || y.isDecimal() {
		return r, nil
	}
	n, ok := intNum(r) // integers give an integer
	if !ok {
		return nil, bigintRange(e)
	}
	return n.value(), nil
}

// quotient is a / b truncated toward zero, exactly.
func quotient(a, b schema.Decimal) schema.Decimal {
	s := max(a.Scale(), b.Scale())
	x, _ := new(big.Int).SetString(strings.ReplaceAll(string(a.Round(s, false)), ".", ""), 10)
	y, _ := new(big.Int).SetString(strings.ReplaceAll(string(b.Round(s, false)), ".", ""), 10)
	return schema.Decimal(x.Quo(x, y).String())
}

// neg is unary minus.
func neg(v any, e sqlparse.Expr) (any, error) {
	n, null, err := toNum(v)
	if null || err != nil {
		return nil, err
	}
	if n.isU {
		if r, ok := intNum(n.x.Neg()); ok {
			return r.value(), nil
		}
		return nil, bigintRange(e)
	}
	if n.isX {
		return n.x.Neg(), nil
	}
	if n.isF {
		return -n.f, nil
	}
	if n.i == math.MinInt64 {
		return nil, bigintRange(e)
	}
	return -n.i, nil
}
