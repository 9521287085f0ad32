package schema

import (
	"math"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

func TestCoerceUint(t *testing.T) {
	tu := typeOf(t, uspec("TINYINT"))
	bu := typeOf(t, uspec("BIGINT"))
	runCoerce(t, []coerceCase{
		{name: "int", typ: tu, in: int64(200), want: uint64(200)},
		{name: "uint", typ: bu, in: uint64(math.MaxUint64), want: uint64(math.MaxUint64)},
		{name: "string max", typ: bu, in: "18446744073709551615", want: uint64(math.MaxUint64)},
		{name: "string plus", typ: bu, in: " +5 ", want: uint64(5)},
		{name: "string fraction rounds", typ: tu, in: "2.5", want: uint64(3)},
		{name: "string exponent", typ: bu, in: "1e3", want: uint64(1000)},
		{name: "float rounds", typ: tu, in: 254.5, want: uint64(255)},
		{name: "bool", typ: tu, in: true, want: uint64(1)},
		{name: "decimal", typ: bu, in: Decimal("7.49"), want: uint64(7)},
		{name: "minus zero", typ: bu, in: "-0", want: uint64(0)},
		{name: "negative", typ: tu, in: int64(-1), err: "cannot store -1 as TINYINT UNSIGNED: out of range [0, 255]"},
		{name: "negative string", typ: bu, in: "-1", err: "cannot store '-1' as BIGINT UNSIGNED: out of range [0, 18446744073709551615]"},
		{name: "too large", typ: tu, in: int64(256), errHas: "out of range [0, 255]"},
		{name: "beyond uint64", typ: bu, in: "18446744073709551616", errHas: "out of range"},
		{name: "float beyond uint64", typ: bu, in: 1.9e19, errHas: "out of range"},
		{name: "NaN", typ: bu, in: math.NaN(), errHas: "out of range"},
		{name: "not a number", typ: bu, in: "12abc", err: "cannot store '12abc' as BIGINT UNSIGNED: not an integer"},
		{name: "time", typ: bu, in: time.Now(), errHas: "unsupported Go type time.Time"},
	})
}

func TestCoerceDecimal(t *testing.T) {
	d := typeOf(t, dspec(5, 2))
	d0 := typeOf(t, spec("DECIMAL", -1))
	big := typeOf(t, dspec(65, 30))
	runCoerce(t, []coerceCase{
		{name: "int", typ: d, in: int64(12), want: Decimal("12.00")},
		{name: "float", typ: d, in: 19.99, want: Decimal("19.99")},
		{name: "float rounds half away", typ: d, in: 1.005, want: Decimal("1.01")},
		{name: "negative rounds half away", typ: d, in: "-1.005", want: Decimal("-1.01")},
		{name: "string", typ: d, in: " 999.994 ", want: Decimal("999.99")},
		{name: "exponent", typ: d, in: "1.5e2", want: Decimal("150.00")},
		{name: "bool", typ: d, in: true, want: Decimal("1.00")},
		{name: "uint", typ: d0, in: uint64(12345), want: Decimal("12345")},
		{name: "decimal rescaled", typ: d, in: Decimal("3.1"), want: Decimal("3.10")},
		{name: "no float error", typ: big, in: "0.1", want: Decimal("0.100000000000000000000000000000")},
		{name: "65 digits", typ: big, in: strings.Repeat("9", 35) + "." + strings.Repeat("9", 30), want: Decimal(strings.Repeat("9", 35) + "." + strings.Repeat("9", 30))},
		{name: "zero", typ: d, in: "-0.001", want: Decimal("0.00")},
		{name: "too many digits", typ: d, in: int64(1000), err: "cannot store 1000 as DECIMAL(5,2): out of range: 4 integer digits, max 3"},
		{name: "rounds out of range", typ: d, in: "999.995", errHas: "out of range: 4 integer digits, max 3"},
		{name: "not a number", typ: d, in: "1,5", err: "cannot store '1,5' as DECIMAL(5,2): not a number"},
		{name: "NaN", typ: d, in: math.Inf(1), errHas: "not a finite number"},
		{name: "huge exponent", typ: d, in: "1e999999", errHas: "out of range"},
	})
}

func TestCoerceBytes(t *testing.T) {
	blob := typeOf(t, spec("BLOB", -1))
	vb := typeOf(t, spec("VARBINARY", 3))
	bin := typeOf(t, spec("BINARY", 4))
	runCoerce(t, []coerceCase{
		{name: "bytes", typ: blob, in: []byte{0, 1, 0xff}, want: []byte{0, 1, 0xff}},
		{name: "string", typ: blob, in: "héllo", want: []byte("héllo")},
		{name: "number", typ: vb, in: int64(42), want: []byte("42")},
		{name: "binary pads", typ: bin, in: "ab", want: []byte("ab\x00\x00")},
		{name: "too long", typ: vb, in: []byte("abcd"), err: "cannot store 'abcd' as VARBINARY(3): 4 bytes, max 3"},
		{name: "binary too long", typ: bin, in: "abcde", errHas: "5 bytes, max 4"},
		{name: "bad Go type", typ: blob, in: struct{}{}, errHas: "unsupported Go type"},
	})
}

func TestCoerceTimeOfDay(t *testing.T) {
	tm := typeOf(t, spec("TIME", -1))
	tm3 := typeOf(t, spec("TIME", 3))
	tm6 := typeOf(t, spec("TIME", 6))
	runCoerce(t, []coerceCase{
		{name: "text", typ: tm, in: "12:34:56", want: "12:34:56"},
		{name: "one-digit fields", typ: tm, in: "9:5:7", want: "09:05:07"},
		{name: "HH:MM", typ: tm, in: "23:59", want: "23:59:00"},
		{name: "rounds to fsp 0", typ: tm, in: "12:00:00.5", want: "12:00:01"},
		{name: "fsp 3", typ: tm3, in: "12:00:00.12345", want: "12:00:00.123"},
		{name: "fsp 6", typ: tm6, in: "00:00:00.000001", want: "00:00:00.000001"},
		{name: "number HHMMSS", typ: tm, in: int64(93000), want: "09:30:00"},
		{name: "string HHMMSS", typ: tm, in: "235959", want: "23:59:59"},
		{name: "time.Time clock", typ: tm6, in: time.Date(2024, 5, 6, 7, 8, 9, 500000000, time.UTC), want: "07:08:09.5"},
		{name: "datetime text", typ: tm, in: "2024-01-02 03:04:05", want: "03:04:05"},
		{name: "24:00", typ: tm, in: "24:00:00", errHas: "from 00:00:00 to 23:59:59.999999"},
		{name: "rounds to 24:00", typ: tm, in: "23:59:59.9", err: "cannot store '23:59:59.9' as TIME: rounds to 24:00:00, past the end of the day"},
		{name: "garbage", typ: tm, in: "noon", err: "cannot store 'noon' as TIME: expected 'HH:MM:SS[.ffffff]' from 00:00:00 to 23:59:59.999999"},
		{name: "minutes 60", typ: tm, in: "10:60:00", errHas: "expected"},
		{name: "bool", typ: tm, in: true, errHas: "unsupported Go type bool"},
	})
}

func TestCoerceEnum(t *testing.T) {
	e := typeOf(t, sqlparse.TypeSpec{Name: "ENUM", Length: -1, Scale: -1, Elems: []string{"new", "Paid", ""}})
	runCoerce(t, []coerceCase{
		{name: "member", typ: e, in: "new", want: "new"},
		{name: "other case: the member's spelling", typ: e, in: "PAID", want: "Paid"},
		{name: "empty member", typ: e, in: "", want: ""},
		{name: "index", typ: e, in: int64(2), want: "Paid"},
		{name: "bytes", typ: e, in: []byte("new"), want: "new"},
		{name: "not a member", typ: e, in: "shipped", err: "cannot store 'shipped' as ENUM('new','Paid',''): not a member"},
		{name: "index 0", typ: e, in: int64(0), err: "cannot store 0 as ENUM('new','Paid',''): index out of range [1, 3]"},
		{name: "index too large", typ: e, in: uint64(4), errHas: "index out of range [1, 3]"},
		{name: "float", typ: e, in: 1.0, errHas: "unsupported Go type float64"},
	})
}

func TestCoerceExtensions(t *testing.T) {
	email := typeOf(t, spec("EMAIL", -1))
	url := typeOf(t, spec("URL", -1))
	uuid := typeOf(t, spec("UUID", -1))
	ip4 := typeOf(t, spec("IP4", -1))
	ip6 := typeOf(t, spec("IP6", -1))
	vec := typeOf(t, spec("EMBEDDING", 3))
	secret := typeOf(t, spec("SECRET", -1))
	long := "a" + strings.Repeat("b", 60) + "@example.com"
	runCoerce(t, []coerceCase{
		{name: "email", typ: email, in: "Ana.Lima+tag@example.co.uk", want: "Ana.Lima+tag@example.co.uk"},
		{name: "email idn", typ: email, in: "zoë@exämple.com", want: "zoë@exämple.com"},
		{name: "email no @", typ: email, in: "ana.example.com", err: "cannot store 'ana.example.com' as EMAIL: not an email address: want exactly one '@'"},
		{name: "email two @", typ: email, in: "a@b@c.com", errHas: "want exactly one '@'"},
		{name: "email display name", typ: email, in: "Ana <ana@example.com>", errHas: "blank or special character before '@'"},
		{name: "email no dot", typ: email, in: "ana@localhost", errHas: "the domain needs a dot"},
		{name: "email bad label", typ: email, in: "ana@-x.com", errHas: "bad domain label '-x'"},
		{name: "email double dot", typ: email, in: "a..b@x.com", errHas: "misplaced '.'"},
		{name: "email too long local", typ: email, in: strings.Repeat("a", 65) + "@x.com", errHas: "1 to 64 characters"},
		{name: "email value truncated in the error", typ: email, in: long + " x", err: "cannot store '" + Truncate(long+" x", 40) + "' as EMAIL: not an email address: bad character ' ' in domain"},
		{name: "url", typ: url, in: "https://example.com/a?b=c#d", want: "https://example.com/a?b=c#d"},
		{name: "url mailto", typ: url, in: "mailto:ana@example.com", want: "mailto:ana@example.com"},
		{name: "url relative", typ: url, in: "/a/b", err: "cannot store '/a/b' as URL: not a URL: no scheme (such as https:)"},
		{name: "url no host", typ: url, in: "https:///x", errHas: "no host"},
		{name: "url blank", typ: url, in: "https://a.com/x y", errHas: "blank or control character"},
		{name: "url bad escape", typ: url, in: "https://a.com/%zz", errHas: "not a URL: invalid URL escape"},
		{name: "uuid canonical", typ: uuid, in: "123E4567-E89B-12D3-A456-426614174000", want: "123e4567-e89b-12d3-a456-426614174000"},
		{name: "uuid no dashes", typ: uuid, in: "123e4567e89b12d3a456426614174000", want: "123e4567-e89b-12d3-a456-426614174000"},
		{name: "uuid braces", typ: uuid, in: "{123e4567-e89b-12d3-a456-426614174000}", want: "123e4567-e89b-12d3-a456-426614174000"},
		{name: "uuid urn", typ: uuid, in: "urn:uuid:123e4567-e89b-12d3-a456-426614174000", want: "123e4567-e89b-12d3-a456-426614174000"},
		{name: "uuid raw bytes", typ: uuid, in: []byte{0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0}, want: "123e4567-e89b-12d3-a456-426614174000"},
		{name: "uuid bad", typ: uuid, in: "123e4567-e89b-12d3-a456-42661417400g", err: "cannot store '123e4567-e89b-12d3-a456-42661417400g' as UUID: not a UUID: want hexadecimal digits"},
		{name: "uuid dashes misplaced", typ: uuid, in: "123e4567e-89b-12d3-a456-426614174000", errHas: "want 8-4-4-4-12"},
		{name: "uuid int", typ: uuid, in: int64(5), errHas: "unsupported Go type int64"},
		{name: "ip4", typ: ip4, in: "192.168.0.1", want: "192.168.0.1"},
		{name: "ip4 mapped", typ: ip4, in: "::ffff:10.0.0.1", want: "10.0.0.1"},
		{name: "ip4 net.IP", typ: ip4, in: []byte(net.ParseIP("1.2.3.4")), want: "1.2.3.4"},
		{name: "ip4 leading zero", typ: ip4, in: "192.168.01.1", err: "cannot store '192.168.01.1' as IP4: not an IP address"},
		{name: "ip4 given ip6", typ: ip4, in: "2001:db8::1", errHas: "not an IPv4 address (use IP6)"},
		{name: "ip6", typ: ip6, in: "2001:0DB8:0000:0000:0000:0000:0000:0001", want: "2001:db8::1"},
		{name: "ip6 mapped", typ: ip6, in: "::ffff:1.2.3.4", want: "::ffff:1.2.3.4"},
		{name: "ip6 bytes", typ: ip6, in: []byte(net.ParseIP("2001:db8::2")), want: "2001:db8::2"},
		{name: "ip6 given ip4", typ: ip6, in: "1.2.3.4", errHas: "an IPv4 address: use an IP4 column"},
		{name: "ip6 zone", typ: ip6, in: "fe80::1%eth0", errHas: "with a zone"},
		{name: "vector", typ: vec, in: "[0.1, -2, 3e-5]", want: "[0.1,-2,0.00003]"},
		{name: "vector float32 rounding", typ: vec, in: "[0.1000000000000000055, 1.0000001, 16777217]", want: "[0.1,1.0000001,16777216]"},
		{name: "vector []float64", typ: vec, in: []float64{1, 2, 3}, want: "[1,2,3]"},
		{name: "vector []float32", typ: vec, in: []float32{1.5, 2, 3}, want: "[1.5,2,3]"},
		{name: "vector dims", typ: vec, in: "[1,2]", err: "cannot store '[1,2]' as EMBEDDING(3): 2 dimensions, want 3"},
		{name: "vector not JSON", typ: vec, in: "1,2,3", errHas: "not a vector: want a JSON array of numbers"},
		{name: "vector strings", typ: vec, in: `["1","2","3"]`, errHas: "not a vector"},
		{name: "vector null", typ: vec, in: "null", errHas: "not a vector"},
		{name: "vector out of float32", typ: vec, in: "[1e39,0,0]", errHas: "element 0 (1e+39) is out of the float32 range"},
		{name: "vector NaN", typ: vec, in: []float64{math.NaN(), 0, 0}, errHas: "element 0 is not a finite number"},
		{name: "secret", typ: secret, in: "x", want: "x"},
	})
}

func TestCoerceNewDomainIntoOldKinds(t *testing.T) {
	runCoerce(t, []coerceCase{
		{name: "uint into INT", typ: typeOf(t, spec("INT", -1)), in: uint64(7), want: int64(7)},
		{name: "big uint into BIGINT", typ: typeOf(t, spec("BIGINT", -1)), in: uint64(math.MaxUint64), errHas: "out of range"},
		{name: "decimal into INT", typ: typeOf(t, spec("INT", -1)), in: Decimal("2.5"), want: int64(3)},
		{name: "decimal into DOUBLE", typ: typeOf(t, spec("DOUBLE", -1)), in: Decimal("0.1"), want: 0.1},
		{name: "decimal into VARCHAR", typ: typeOf(t, spec("VARCHAR", 10)), in: Decimal("-1.50"), want: "-1.50"},
		{name: "uint into VARCHAR", typ: typeOf(t, spec("VARCHAR", 30)), in: uint64(math.MaxUint64), want: "18446744073709551615"},
		{name: "decimal into BOOLEAN", typ: typeOf(t, spec("BOOLEAN", -1)), in: Decimal("0.00"), want: false},
		{name: "decimal into JSON", typ: typeOf(t, spec("JSON", -1)), in: Decimal("1.50"), want: "1.5"},
		{name: "uint into JSON", typ: typeOf(t, spec("JSON", -1)), in: uint64(math.MaxUint64), want: "18446744073709551615"},
	})
}

func typeOf(t testing.TB, s sqlparse.TypeSpec) Type {
	t.Helper()
	typ, err := ParseType(s)
	if err != nil {
		t.Fatalf("ParseType(%+v): %v", s, err)
	}
	return typ
}
