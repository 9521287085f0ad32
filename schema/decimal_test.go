package schema

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"}, {"-0", "0"}, {"+7", "7"}, {"007", "7"}, {"1.50", "1.50"}, {"-.5", "-0.5"},
		{"5.", "5"}, {" 12.345 ", "12.345"}, {"2e3", "2000"}, {"1.25E-1", "0.125"}, {"-0.00", "0.00"},
		{"123456789012345678901234567890.123", "123456789012345678901234567890.123"}, {"1e-3", "0.001"},
		{"0.0e5", "0"}, {"-1.5e1", "-15"},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("ParseDecimal(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "abc", "1.2.3", "1e", "0x10", "1_000", "Inf", "NaN", "1e99999", "--1", "1e-99999"} {
		if got, err := ParseDecimal(bad); err == nil {
			t.Errorf("ParseDecimal(%q) = %q, want an error", bad, got)
		}
	}
}

func TestDecimalArithmetic(t *testing.T) {
	d := func(s string) Decimal { return Decimal(s) }
	tests := []struct {
		got  Decimal
		want string
	}{
		{d("1.50").Add(d("2.5")), "4.00"},
		{d("0.1").Add(d("0.2")), "0.3"},
		{d("-1.5").Add(d("1.5")), "0.0"},
		{d("1").Sub(d("0.01")), "0.99"},
		{d("-3").Sub(d("-3.000")), "0.000"},
		{d("1.5").Mul(d("-2.25")), "-3.375"},
		{d("99999999999999999999").Mul(d("99999999999999999999")), "9999999999999999999800000000000000000001"},
		{d("1.5").Neg(), "-1.5"},
		{d("-1.5").Neg(), "1.5"},
		{d("0.00").Neg(), "0.00"},
		{d("-2.5").Abs(), "2.5"},
		{d("2.345").Round(2, false), "2.35"},
		{d("-2.345").Round(2, false), "-2.35"},
		{d("2.344").Round(2, false), "2.34"},
		{d("2.5").Round(0, false), "3"},
		{d("0.5").Round(0, false), "1"},
		{d("0.05").Round(1, false), "0.1"},
		{d("0.004").Round(2, false), "0.00"},
		{d("-0.004").Round(2, false), "0.00"},
		{d("9.999").Round(2, false), "10.00"},
		{d("2.349").Round(2, true), "2.34"},
		{d("1.5").Round(3, false), "1.500"},
		{d("1.500").Trim(), "1.5"},
		{d("2.00").Trim(), "2"},
		{d("20").Trim(), "20"},
	}
	for i, tt := range tests {
		if string(tt.got) != tt.want {
			t.Errorf("case %d = %q, want %q", i, tt.got, tt.want)
		}
	}
	if d("1.5").Cmp(d("1.50")) != 0 || d("-2").Cmp(d("1")) != -1 || d("10").Cmp(d("9.99")) != 1 {
		t.Error("Cmp")
	}
	if d("0.000").Sign() != 0 || d("-0.1").Sign() != -1 || d("3").Sign() != 1 {
		t.Error("Sign")
	}
	if d("12.50").Scale() != 2 || d("12").Scale() != 0 || d("12.5").IntDigits() != 2 || d("-0.5").IntDigits() != 0 {
		t.Error("Scale/IntDigits")
	}
	if i, ok := d("9223372036854775807").Int64(); !ok || i != math.MaxInt64 {
		t.Error("Int64")
	}
	if _, ok := d("9223372036854775808").Int64(); ok {
		t.Error("Int64 beyond range")
	}
	if u, ok := d("18446744073709551615.00").Uint64(); !ok || u != math.MaxUint64 {
		t.Error("Uint64")
	}
	if _, ok := d("1.5").Uint64(); ok {
		t.Error("Uint64 of a fraction")
	}
	if f := d("-1.25").Float64(); f != -1.25 {
		t.Error("Float64")
	}
}

// TestDecimalProperty checks Add, Sub, Mul and Cmp against math/big.Rat.
func TestDecimalProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	gen := func() (Decimal, *big.Rat) {
		n := r.Int64N(2_000_001) - 1_000_000
		if r.IntN(4) == 0 {
			n *= r.Int64N(1 << 40)
		}
		scale := r.IntN(5)
		d := fromUnscaled(big.NewInt(n), scale)
		q := new(big.Rat).SetFrac(big.NewInt(n), pow10(scale))
		return d, q
	}
	ratOf := func(d Decimal) *big.Rat {
		q, ok := new(big.Rat).SetString(string(d))
		if !ok {
			t.Fatalf("%q is not a number", d)
		}
		return q
	}
	for range 5000 {
		a, qa := gen()
		b, qb := gen()
		if got, want := a.Cmp(b), qa.Cmp(qb); got != want {
			t.Fatalf("%s Cmp %s = %d, want %d", a, b, got, want)
		}
		if got := ratOf(a.Add(b)); got.Cmp(new(big.Rat).Add(qa, qb)) != 0 {
			t.Fatalf("%s + %s = %s", a, b, a.Add(b))
		}
		if got := ratOf(a.Sub(b)); got.Cmp(new(big.Rat).Sub(qa, qb)) != 0 {
			t.Fatalf("%s - %s = %s", a, b, a.Sub(b))
		}
		if got := ratOf(a.Mul(b)); got.Cmp(new(big.Rat).Mul(qa, qb)) != 0 {
			t.Fatalf("%s * %s = %s", a, b, a.Mul(b))
		}
		if back, err := ParseDecimal(string(a)); err != nil || back != a {
			t.Fatalf("ParseDecimal(%q) = %q, %v: not canonical", a, back, err)
		}
	}
}

func TestDecimalFromFloat(t *testing.T) {
	for _, tt := range []struct {
		f    float64
		want string
	}{{0.1, "0.1"}, {-2.5, "-2.5"}, {1e20, "100000000000000000000"}, {1.5e-7, "0.00000015"}, {0, "0"}} {
		if got, err := DecimalFromFloat(tt.f); err != nil || string(got) != tt.want {
			t.Errorf("DecimalFromFloat(%v) = %q, %v; want %q", tt.f, got, err, tt.want)
		}
	}
	if _, err := DecimalFromFloat(math.NaN()); err == nil {
		t.Error("NaN")
	}
}
