package record

import (
	"encoding/ascii85"
	"errors"
	"math"
	"math/big"
	"math/bits"
)

// base62Digits is the alphabet of base62 integers, in ASCII order (s3db.js's).
const base62Digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// appendBase62 appends u in base62: no leading zeros, "0" for zero.
func appendBase62(b []byte, u uint64) []byte {
	var buf [11]byte // 62^11 > 2^64
	i := len(buf)
	for {
		i--
		buf[i] = base62Digits[u%62]
		u /= 62
		if u == 0 {
			break
		}
	}
	return append(b, buf[i:]...)
}

// formatInt renders i in base62, negatives with a leading '-': 42 is "G".
func formatInt(i int64) string {
	if i < 0 {
		return string(appendBase62([]byte{'-'}, uint64(-(i+1))+1))
	}
	return string(appendBase62(nil, uint64(i)))
}

// formatUint renders u in base62.
func formatUint(u uint64) string { return string(appendBase62(nil, u)) }

var base62Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base62Digits); i++ {
		t[base62Digits[i]] = int8(i)
	}
	return t
}()

var (
	errBase62Empty    = errors.New("empty base62 number")
	errBase62Digit    = errors.New("invalid base62 digit")
	errBase62Zero     = errors.New("base62 number with a leading zero")
	errBase62Overflow = errors.New("base62 number out of range")
)

// parseUint reads a canonical base62 number: digits of the alphabet, no
// leading zero, at most 2^64-1.
func parseUint(s string) (uint64, error) {
	if s == "" {
		return 0, errBase62Empty
	}
	if s[0] == '0' && len(s) > 1 {
		return 0, errBase62Zero
	}
	var u uint64
	for i := 0; i < len(s); i++ {
		d := base62Index[s[i]]
		if d < 0 {
			return 0, errBase62Digit
		}
		hi, lo := bits.Mul64(u, 62)
		lo, carry := bits.Add64(lo, uint64(d), 0)
		if hi != 0 || carry != 0 {
			return 0, errBase62Overflow
		}
		u = lo
	}
	return u, nil
}

// parseInt reads formatInt's output; "-0" is not canonical.
func parseInt(s string) (int64, error) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	u, err := parseUint(s)
	switch {
	case err != nil:
		return 0, err
	case neg && u == 0:
		return 0, errors.New("base62 number -0")
	case neg && u > 1<<63, !neg && u > math.MaxInt64:
		return 0, errBase62Overflow
	case neg:
		return -int64(u-1) - 1, nil
	}
	return int64(u), nil
}

// bigBase62 renders decimal digits beyond uint64 in base62 (math/big's base
// 62 has the same alphabet).
func bigBase62(digits string) string {
	n, _ := new(big.Int).SetString(digits, 10)
	return n.Text(62)
}

// bigDecimal renders base62 digits beyond uint64 in decimal, or "" if they
// are not canonical base62.
func bigDecimal(s string) string {
	if s == "" || base62Index[s[0]] <= 0 { // a sign or a leading zero
		return ""
	}
	n, ok := new(big.Int).SetString(s, 62)
	if !ok {
		return ""
	}
	return n.String()
}

// encodeBinary renders bytes as Ascii85 (Adobe's alphabet '!'..'u', with 'z'
// for four zero bytes, without the <~ ~> delimiters): 5 characters per 4
// bytes, n+1 for a final group of n.
func encodeBinary(b []byte) string {
	out := make([]byte, ascii85.MaxEncodedLen(len(b)))
	return string(out[:ascii85.Encode(out, b)])
}

// decodeBinary reverses encodeBinary and accepts only its canonical output
// (no blanks, 'z' for every zero group).
func decodeBinary(s string) ([]byte, error) {
	out := make([]byte, len(s)*4+4)
	n, _, err := ascii85.Decode(out, []byte(s), true)
	if err != nil {
		return nil, errors.New("invalid Ascii85 data")
	}
	out = out[:n]
	if encodeBinary(out) != s {
		return nil, errors.New("non-canonical Ascii85 data")
	}
	return out, nil
}
