package record

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/s3db-go/s3db/schema"
)

// TablePrefix is the prefix of every object of a table. It ends in '/', so
// table "user" never matches the objects of table "users".
func TablePrefix(table string) string { return "resource=" + table + "/" }

// DataPrefix is the prefix of a table's row objects.
func DataPrefix(table string) string { return TablePrefix(table) + "data/" }

// Key is the object key of the row with primary key id.
func Key(table string, id any) string {
	return DataPrefix(table) + "id=" + EscapeValue(schema.ValueText(id))
}

// ParseKey returns the primary-key value encoded in a row key, typed for t.
func ParseKey(t *schema.Table, key string) (any, error) {
	rest, ok := strings.CutPrefix(key, DataPrefix(t.StorageName())+"id=")
	if !ok {
		return nil, fmt.Errorf("%w %s: not a row key of table %s", ErrCorrupt, key, t.Name)
	}
	s, err := UnescapeValue(rest)
	if err != nil {
		return nil, fmt.Errorf("%w %s: bad key: %v", ErrCorrupt, key, err)
	}
	var v any = s
	switch pk := t.Columns[t.PKIndex()]; pk.Type.Kind {
	case schema.KindInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w %s: key %q is not an integer", ErrCorrupt, key, s)
		}
		v = n
	case schema.KindUint:
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w %s: key %q is not an unsigned integer", ErrCorrupt, key, s)
		}
		v = n
	case schema.KindUUID:
		u, err := schema.ParseUUID(s)
		if err != nil {
			return nil, fmt.Errorf("%w %s: key %q is not a UUID", ErrCorrupt, key, s)
		}
		v = schema.FormatUUID(u)
	}
	// Only the key Key writes for the value is a row: not "id=05" for 5, nor
	// "id=a/b", which would be read as a row that no point get can reach.
	if EscapeValue(schema.ValueText(v)) != rest {
		return nil, fmt.Errorf("%w %s: not a row key (the key of %s is %s)", ErrCorrupt, key, schema.Quote(v), Key(t.StorageName(), v))
	}
	return v, nil
}

const hexDigits = "0123456789ABCDEF"

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}

// EscapeValue escapes a value for use in a key segment: bytes outside
// [A-Za-z0-9-_.~] become %XX, so '/', '=', '%' and non-ASCII are safe, and
// the segments "." and ".." are escaped too.
func EscapeValue(s string) string {
	if s == "." || s == ".." {
		return strings.Repeat("%2E", len(s))
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// UnescapeValue reverses EscapeValue.
func UnescapeValue(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", fmt.Errorf("truncated escape in %q", s)
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("invalid escape %q in %q", s[i:i+3], s)
		}
		b = append(b, byte(n))
		i += 2
	}
	return string(b), nil
}
