package record

import (
	"encoding/hex"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/s3db-go/s3db/schema"
)

// Partition entries and sequences: their keys, and the order-preserving
// encoding of values in keys. The layout (ARCHITECTURE.md, docs/FORMAT.md):
//
//	resource=<table>/partition=<name>/<code>=<value>/.../id=<key>   an entry (empty object)
//	resource=<table>/sequence=<code>/value                          a sequence counter
//
// <code> is the column's field code (stable across renames), <value> is
// KeyValue of the column's value and <key> is the row key's escaped primary
// key (Key), so an entry names its row.

// KeyPart is one column of a partition entry key: the column's field code and
// its value encoded by KeyValue.
type KeyPart struct{ Code, Value string }

// PartitionPrefix is the prefix of the entries of a partition whose leading
// columns have the given values: "resource=t/partition=p/" followed by one
// "<code>=<value>/" per part. Like every prefix, it ends in '/'.
func PartitionPrefix(table, partition string, parts ...KeyPart) string {
	var b strings.Builder
	b.WriteString(TablePrefix(table))
	b.WriteString("partition=")
	b.WriteString(EscapeValue(partition))
	b.WriteByte('/')
	for _, p := range parts {
		b.WriteString(p.Code)
		b.WriteByte('=')
		b.WriteString(p.Value)
		b.WriteByte('/')
	}
	return b.String()
}

// PartitionKey is the key of the partition entry of the row with primary key
// id: PartitionPrefix with every column of the partition, then "id=<key>".
func PartitionKey(table, partition string, parts []KeyPart, id any) string {
	return PartitionPrefix(table, partition, parts...) + "id=" + EscapeValue(schema.ValueText(id))
}

// SequenceKey is the key of the AUTO_INCREMENT counter of a column.
func SequenceKey(table, code string) string {
	return TablePrefix(table) + "sequence=" + code + "/value"
}

// After returns the LIST StartAfter bound that skips every key under prefix
// (which ends in '/'): all keys s3db writes under a prefix sort below "~"
// there. With it, `col > v` starts after PartitionPrefix(..., v).
func After(prefix string) string { return prefix + "~" }

// KeyValue encodes a (coerced) value for a key segment, so that the byte
// order of encoded values is the SQL order of the values (eval.Compare) and
// the encoding never contains '/' and sorts above it: a range predicate on a
// partition column becomes a LIST range. Every encoded character is one of
// [0-9A-Za-z_~]. Per kind:
//
//   - integers, DECIMAL: a length letter, then the digits: 'a'..'z' for 1 to
//     26 integer digits of a number >= 0, then its digits and fraction digits
//     (no trailing zeros): 42 is "b42", 0.5 is "a05"; 'Z'..'A' for 1 to 26
//     integer digits of a negative number, then the nines' complement of the
//     digits and a final '~': -42 is "Y57~", -0.5 is "Z94~".
//   - FLOAT, DOUBLE: 16 upper-case hex digits of the IEEE bits, with the sign
//     bit flipped for positive numbers and all bits flipped for negative ones.
//   - DATE "YYYYMMDD"; DATETIME, TIMESTAMP "YYYYMMDDTHHMMSS" and the fraction
//     digits without trailing zeros; TIME "HHMMSS" and the fraction digits.
//   - BOOLEAN "0" or "1"; UUID its 32 lower-case hex digits.
//   - IP4, IP6: the address bytes in lower-case hex (8 or 32 digits). They sort
//     numerically, but SQL compares IP values as text: use them for equality.
//   - strings (CHAR..TEXT, EMAIL, URL, ENUM, JSON) and BLOBs: the bytes, with
//     1-9, B-Z and a-z as they are and every other byte as a prefix and two
//     upper-case hex digits: '0' for bytes up to '0' (0x00-0x30), 'A' for
//     0x3A-0x41, '_' for 0x5B-0x60 and '~' for 0x7B-0xFF. "Zoë 2024" is
//     "Zo~C3~AB020203024".
//
// Vectors (and SECRET values) cannot be keys.
func KeyValue(t schema.Type, v any) (string, error) {
	switch t.Kind {
	case schema.KindString, schema.KindJSON, schema.KindEnum:
		return keyBytes(v.(string)), nil
	case schema.KindBytes:
		return keyBytes(string(v.([]byte))), nil
	case schema.KindInt:
		return keyDecimal(strconv.FormatInt(v.(int64), 10))
	case schema.KindUint:
		return keyDecimal(strconv.FormatUint(v.(uint64), 10))
	case schema.KindDecimal:
		return keyDecimal(string(v.(schema.Decimal)))
	case schema.KindFloat:
		return keyFloat(v.(float64)), nil
	case schema.KindBool:
		if v.(bool) {
			return "1", nil
		}
		return "0", nil
	case schema.KindTime:
		tm := v.(time.Time).UTC()
		if t.Name == "DATE" {
			return tm.Format("20060102"), nil
		}
		return tm.Format("20060102T150405") + fractionDigits(tm.Nanosecond()), nil
	case schema.KindTimeOfDay:
		d, err := schema.ParseTimeOfDay(v.(string))
		if err != nil {
			return "", err
		}
		s := int64(d / time.Second)
		return fmt.Sprintf("%02d%02d%02d", s/3600, s/60%60, s%60) + fractionDigits(int(d%time.Second)), nil
	case schema.KindUUID:
		return strings.ReplaceAll(v.(string), "-", ""), nil
	case schema.KindIP:
		a, err := netip.ParseAddr(v.(string))
		if err != nil {
			return "", err
		}
		return hex.EncodeToString(a.AsSlice()), nil
	}
	return "", fmt.Errorf("a %s value cannot be part of a key", t.SQL())
}

// fractionDigits renders nanoseconds as decimal digits of a second without
// trailing zeros ("" for none): 500000000 is "5".
func fractionDigits(ns int) string {
	return strings.TrimRight(fmt.Sprintf("%09d", ns), "0")
}

const upperHex = "0123456789ABCDEF"

// keyBytes is the order-preserving escape of strings and bytes (KeyValue).
func keyBytes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		var p byte
		switch {
		case c >= '1' && c <= '9', c >= 'B' && c <= 'Z', c >= 'a' && c <= 'z':
			b.WriteByte(c)
			continue
		case c <= '0':
			p = '0'
		case c <= 'A':
			p = 'A'
		case c <= '`':
			p = '_'
		default:
			p = '~'
		}
		b.WriteByte(p)
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}

// keyDecimal is the order-preserving encoding of a decimal number's text
// (KeyValue).
func keyDecimal(s string) (string, error) {
	neg := strings.HasPrefix(s, "-")
	intPart, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	frac = strings.TrimRight(frac, "0")
	if strings.Trim(intPart, "0") == "" && frac == "" {
		return "a0", nil // zero, also -0.00
	}
	n := len(intPart)
	if n > 26 {
		return "", fmt.Errorf("%s has more than 26 integer digits: too large for a key", s)
	}
	if !neg {
		return string(rune('a'+n-1)) + intPart + frac, nil
	}
	digits := []byte(intPart + frac)
	for i, d := range digits {
		digits[i] = '9' - (d - '0')
	}
	return string(rune('Z'-n+1)) + string(digits) + "~", nil
}

// keyFloat is the order-preserving encoding of a float (KeyValue).
func keyFloat(f float64) string {
	if f == 0 {
		f = 0 // -0 is 0
	}
	u := math.Float64bits(f)
	if u>>63 == 1 {
		u = ^u
	} else {
		u |= 1 << 63
	}
	return fmt.Sprintf("%016X", u)
}

// KeyDecodable reports whether ParseKeyValue can read back values of t.
func KeyDecodable(t schema.Type) bool {
	switch t.Kind {
	case schema.KindString, schema.KindEnum, schema.KindBytes, schema.KindInt, schema.KindFloat,
		schema.KindBool, schema.KindTime, schema.KindUUID:
		return true
	}
	return false
}

// ParseKeyValue reads back a value that KeyValue encoded (for the kinds of
// KeyDecodable): an index entry's key holds its columns' values, so a query
// that needs only those and the primary key lists entries and reads no row.
func ParseKeyValue(t schema.Type, s string) (any, error) {
	bad := func() (any, error) { return nil, fmt.Errorf("bad %s key value %q", t.SQL(), schema.Truncate(s, 20)) }
	switch t.Kind {
	case schema.KindString, schema.KindEnum, schema.KindBytes:
		var b []byte
		for i := 0; i < len(s); i++ {
			switch c := s[i]; c {
			case '0', 'A', '_', '~':
				if i+2 >= len(s) {
					return bad()
				}
				n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
				if err != nil {
					return bad()
				}
				b = append(b, byte(n))
				i += 2
			default:
				b = append(b, c)
			}
		}
		if t.Kind == schema.KindBytes {
			return b, nil
		}
		return string(b), nil
	case schema.KindInt:
		if s == "a0" {
			return int64(0), nil
		}
		if len(s) < 2 {
			return bad()
		}
		if s[0] >= 'a' && s[0] <= 'z' {
			n, err := strconv.ParseInt(s[1:], 10, 64)
			if err != nil {
				return bad()
			}
			return n, nil
		}
		digits := []byte(strings.TrimSuffix(s[1:], "~"))
		for i, d := range digits {
			digits[i] = '9' - (d - '0')
		}
		n, err := strconv.ParseInt("-"+string(digits), 10, 64)
		if err != nil {
			return bad()
		}
		return n, nil
	case schema.KindFloat:
		u, err := strconv.ParseUint(s, 16, 64)
		if err != nil || len(s) != 16 {
			return bad()
		}
		if u>>63 == 1 {
			u &^= 1 << 63
		} else {
			u = ^u
		}
		return math.Float64frombits(u), nil
	case schema.KindBool:
		return s == "1", nil
	case schema.KindTime:
		layout := "20060102T150405"
		if t.Name == "DATE" {
			layout = "20060102"
		}
		if len(s) < len(layout) {
			return bad()
		}
		tm, err := time.Parse(layout, s[:len(layout)])
		if err != nil {
			return bad()
		}
		if frac := s[len(layout):]; frac != "" {
			ns, err := strconv.Atoi((frac + "000000000")[:9])
			if err != nil {
				return bad()
			}
			tm = tm.Add(time.Duration(ns))
		}
		return tm.UTC(), nil
	case schema.KindUUID:
		if len(s) != 32 {
			return bad()
		}
		return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:], nil
	}
	return nil, fmt.Errorf("a %s value cannot be read back from a key", t.SQL())
}
