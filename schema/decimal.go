package schema

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number, the value of a DECIMAL column, held as
// its canonical text: an optional '-', the integer digits without leading
// zeros ("0" for none), and, when the scale is positive, '.' and exactly
// scale digits: "12.50", "-0.05", "7". Negative zero is "0". A Decimal is
// comparable and can be a map key; numerically equal values of different
// scales ("1.5", "1.50") are different strings, so compare with Cmp.
//
// Arithmetic is exact (math/big); the result of Add and Sub has the larger
// scale of the operands, the result of Mul the sum of their scales, as in
// MySQL.
type Decimal string

// MaxDecimalDigits bounds the digits of a Decimal built from text (MySQL's
// DECIMAL holds at most 65), so that '1e999999999' cannot allocate a huge number.
const MaxDecimalDigits = 1000

// ParseDecimal reads a decimal number: an optional sign, digits with an
// optional fraction, and an optional exponent ("1.5", "-.5", "2e3",
// "1.25E-1"). Surrounding blanks are allowed. The scale of the result is the
// number of fraction digits the text denotes (2e3 has scale 0, 1.25E-1 has
// scale 3).
func ParseDecimal(s string) (Decimal, error) {
	s = strings.TrimSpace(s)
	if !decimalRE.MatchString(s) {
		return "", fmt.Errorf("%s is not a number", Quote(s))
	}
	neg := s[0] == '-'
	s = strings.TrimLeft(s, "+-")
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > MaxDecimalDigits || e < -MaxDecimalDigits {
			return "", fmt.Errorf("%s is out of range", Quote(s))
		}
		exp = e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits, scale := intPart+frac, len(frac)-exp
	if scale < 0 {
		digits += strings.Repeat("0", -scale)
		scale = 0
	}
	if len(digits) > MaxDecimalDigits+scale {
		return "", fmt.Errorf("%s is out of range", Quote(s))
	}
	return makeDecimal(neg, digits, scale), nil
}

// makeDecimal builds the canonical text of the number digits·10^-scale.
func makeDecimal(neg bool, digits string, scale int) Decimal {
	if len(digits) < scale+1 {
		digits = strings.Repeat("0", scale+1-len(digits)) + digits
	}
	intPart := strings.TrimLeft(digits[:len(digits)-scale], "0")
	if intPart == "" {
		intPart = "0"
	}
	var b strings.Builder
	if neg && strings.Trim(digits, "0") != "" {
		b.WriteByte('-')
	}
	b.WriteString(intPart)
	if scale > 0 {
		b.WriteByte('.')
		b.WriteString(digits[len(digits)-scale:])
	}
	return Decimal(b.String())
}

// DecimalFromInt returns i as a Decimal of scale 0.
func DecimalFromInt(i int64) Decimal { return Decimal(strconv.FormatInt(i, 10)) }

// DecimalFromUint returns u as a Decimal of scale 0.
func DecimalFromUint(u uint64) Decimal { return Decimal(strconv.FormatUint(u, 10)) }

// DecimalFromFloat returns the shortest decimal that reads back as f. It
// fails for NaN and infinities.
func DecimalFromFloat(f float64) (Decimal, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("%v is not a finite number", f)
	}
	return ParseDecimal(strconv.FormatFloat(f, 'e', -1, 64))
}

// parts splits a canonical Decimal into its sign, its digits without the
// point, and its scale.
func (d Decimal) parts() (neg bool, digits string, scale int) {
	s := string(d)
	if neg = strings.HasPrefix(s, "-"); neg {
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	return neg, intPart + frac, len(frac)
}

// Scale is the number of digits after the point.
func (d Decimal) Scale() int {
	if i := strings.IndexByte(string(d), '.'); i >= 0 {
		return len(d) - i - 1
	}
	return 0
}

// IntDigits is the number of digits before the point, 0 for |d| < 1.
func (d Decimal) IntDigits() int {
	s := strings.TrimPrefix(string(d), "-")
	intPart, _, _ := strings.Cut(s, ".")
	if intPart == "0" {
		return 0
	}
	return len(intPart)
}

// Sign is -1, 0 or +1.
func (d Decimal) Sign() int {
	switch {
	case strings.HasPrefix(string(d), "-"):
		return -1
	case strings.Trim(string(d), "0.") == "":
		return 0
	}
	return 1
}

// unscaled returns d as unscaled·10^-scale.
func (d Decimal) unscaled() (*big.Int, int) {
	neg, digits, scale := d.parts()
	n, ok := new(big.Int).SetString(digits, 10)
	if !ok { // not canonical: only a Decimal built by conversion is valid
		n = new(big.Int)
	}
	if neg {
		n.Neg(n)
	}
	return n, scale
}

func fromUnscaled(n *big.Int, scale int) Decimal {
	neg := n.Sign() < 0
	return makeDecimal(neg, new(big.Int).Abs(n).String(), scale)
}

var bigTen = big.NewInt(10)

func pow10(n int) *big.Int { return new(big.Int).Exp(bigTen, big.NewInt(int64(n)), nil) }

// aligned returns the unscaled values of d and e at their common (larger) scale.
func aligned(d, e Decimal) (x, y *big.Int, scale int) {
	x, sx := d.unscaled()
	y, sy := e.unscaled()
	switch {
	case sx < sy:
		x.Mul(x, pow10(sy-sx))
		return x, y, sy
	case sy < sx:
		y.Mul(y, pow10(sx-sy))
	}
	return x, y, sx
}

// Cmp compares d and e numerically: -1, 0 or +1.
func (d Decimal) Cmp(e Decimal) int {
	if d == e {
		return 0
	}
	x, y, _ := aligned(d, e)
	return x.Cmp(y)
}

// Add returns d + e.
func (d Decimal) Add(e Decimal) Decimal {
	x, y, s := aligned(d, e)
	return fromUnscaled(x.Add(x, y), s)
}

// Sub returns d - e.
func (d Decimal) Sub(e Decimal) Decimal {
	x, y, s := aligned(d, e)
	return fromUnscaled(x.Sub(x, y), s)
}

// Mul returns d · e, of scale d.Scale() + e.Scale().
func (d Decimal) Mul(e Decimal) Decimal {
	x, sx := d.unscaled()
	y, sy := e.unscaled()
	return fromUnscaled(x.Mul(x, y), sx+sy)
}

// Neg returns -d.
func (d Decimal) Neg() Decimal {
	if strings.HasPrefix(string(d), "-") {
		return d[1:]
	}
	if d.Sign() == 0 {
		return d
	}
	return "-" + d
}

// Abs returns |d|.
func (d Decimal) Abs() Decimal { return Decimal(strings.TrimPrefix(string(d), "-")) }

// Round returns d at the given scale (>= 0): extra digits are rounded half
// away from zero (MySQL's rounding of DECIMAL), missing ones are zeros. With
// trunc, extra digits are cut instead.
func (d Decimal) Round(scale int, trunc bool) Decimal {
	neg, digits, s := d.parts()
	if scale >= s {
		return makeDecimal(neg, digits+strings.Repeat("0", scale-s), scale)
	}
	cut := len(digits) - (s - scale)
	if cut < 0 {
		return makeDecimal(neg, "0", scale)
	}
	kept := digits[:cut]
	if trunc || digits[cut] < '5' {
		return makeDecimal(neg, kept, scale)
	}
	n, _ := new(big.Int).SetString("0"+kept, 10)
	return makeDecimal(neg, n.Add(n, big.NewInt(1)).String(), scale)
}

// Shift returns d·10^n, exactly (n may be negative).
func (d Decimal) Shift(n int) Decimal {
	neg, digits, scale := d.parts()
	if scale -= n; scale < 0 {
		digits += strings.Repeat("0", -scale)
		scale = 0
	}
	return makeDecimal(neg, digits, scale)
}

// Trim returns d without trailing fraction zeros: "1.50" is "1.5", "2.00" is "2".
func (d Decimal) Trim() Decimal {
	if !strings.Contains(string(d), ".") {
		return d
	}
	return Decimal(strings.TrimSuffix(strings.TrimRight(string(d), "0"), "."))
}

// Float64 is the float64 nearest to d.
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(string(d), 64)
	return f
}

// Int64 returns d as an int64 when it is an integer in range.
func (d Decimal) Int64() (int64, bool) {
	if strings.ContainsRune(string(d.Trim()), '.') {
		return 0, false
	}
	i, err := strconv.ParseInt(string(d.Trim()), 10, 64)
	return i, err == nil
}

// Uint64 returns d as a uint64 when it is a non-negative integer in range.
func (d Decimal) Uint64() (uint64, bool) {
	if strings.ContainsRune(string(d.Trim()), '.') {
		return 0, false
	}
	u, err := strconv.ParseUint(string(d.Trim()), 10, 64)
	return u, err == nil
}

// String returns the canonical text.
func (d Decimal) String() string { return string(d) }
