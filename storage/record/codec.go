package record

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
)

// System metadata names. Field codes are base36 and never start with '_'.
const (
	metaVersion = "_v" // schema version the row was written with
	metaLayout  = "_l" // "b": some fields are in the body (JSON object code -> value)
)

// bodyToken is the body field holding the write token in the "b" layout.
const bodyToken = "_w"

// writeToken returns 16 random characters that make every write's body, and
// so its ETag, unique. S3's ETag is the MD5 of the body only: without the
// token, two versions of a row that differ only in metadata would have the
// same ETag, and If-Match could not tell them apart (a lost update).
func writeToken() []byte {
	b := make([]byte, 12)
	rand.Read(b)
	return []byte(base64.RawURLEncoding.EncodeToString(b))
}

// ErrCorrupt is wrapped by every error about an object that cannot be decoded.
var ErrCorrupt = errors.New("corrupt row")

// ErrNewerSchema is returned by Decode for a row written under a schema version
// newer than the caller's catalog: reload the catalog and decode again.
var ErrNewerSchema = errors.New("row written with a newer schema version")

// Encoded is a row ready to be written.
type Encoded struct {
	Meta map[string]string
	Body []byte
}

// Encode turns a row (values in table column order, already coerced) into
// object metadata and body according to the table's behavior. The primary key
// is not stored: it is the object key.
func Encode(t *schema.Table, row []any) (Encoded, error) {
	pk := t.PKIndex()
	meta := map[string]string{metaVersion: strconv.Itoa(t.Version)}
	type field struct{ code, val string }
	var fields []field
	for i, c := range t.Columns {
		if i == pk || row[i] == nil {
			continue
		}
		fields = append(fields, field{c.Code, encodeText(encodeValue(row[i]))})
	}
	size := metaSize(meta)
	for _, f := range fields {
		size += len(f.code) + len(f.val)
	}
	inBody := map[string]string{}
	switch {
	case t.Behavior == schema.BehaviorBodyOnly:
		for _, f := range fields {
			inBody[f.code] = f.val
		}
	case size <= storage.MaxMetadataBytes:
		for _, f := range fields {
			meta[f.code] = f.val
		}
	case t.Behavior == schema.BehaviorBodyOverflow:
		// Smallest fields first into metadata, the rest into the body.
		sort.SliceStable(fields, func(i, j int) bool { return len(fields[i].val) < len(fields[j].val) })
		budget := storage.MaxMetadataBytes - metaSize(meta) - len(metaLayout) - 1
		for _, f := range fields {
			if n := len(f.code) + len(f.val); n <= budget {
				meta[f.code] = f.val
				budget -= n
			} else {
				inBody[f.code] = f.val
			}
		}
	case t.Behavior == schema.BehaviorUserManaged:
		for _, f := range fields { // the store rejects it with ErrMetadataTooLarge
			meta[f.code] = f.val
		}
	default: // enforce-limits
		sort.SliceStable(fields, func(i, j int) bool { return len(fields[i].val) > len(fields[j].val) })
		var big []string
		for _, f := range fields[:min(3, len(fields))] {
			big = append(big, fmt.Sprintf("%s (%d bytes)", t.ByCode(f.code).Name, len(f.val)))
		}
		return Encoded{}, fmt.Errorf("row of table %s needs %d bytes of metadata, the limit is %d (BEHAVIOR = '%s'); largest columns: %s",
			t.Name, size, storage.MaxMetadataBytes, t.Behavior, strings.Join(big, ", "))
	}
	token := writeToken()
	if len(inBody) == 0 {
		return Encoded{Meta: meta, Body: token}, nil
	}
	meta[metaLayout] = "b"
	inBody[bodyToken] = string(token)
	body, err := json.Marshal(inBody)
	if err != nil {
		return Encoded{}, err
	}
	return Encoded{Meta: meta, Body: body}, nil
}

func metaSize(m map[string]string) int {
	n := 0
	for k, v := range m {
		n += len(k) + len(v)
	}
	return n
}

// Decode rebuilds a row (table column order) from a stored object. Every
// malformed object is an error naming its key.
func Decode(t *schema.Table, obj *storage.Object) ([]any, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w %s: %s", ErrCorrupt, obj.Key, fmt.Sprintf(format, args...))
	}
	v, err := strconv.Atoi(obj.Meta[metaVersion])
	if err != nil || v < 1 {
		return nil, fail("bad schema version %q", obj.Meta[metaVersion])
	}
	if v > t.Version {
		return nil, fmt.Errorf("row %s: %w (%d > %d)", obj.Key, ErrNewerSchema, v, t.Version)
	}
	row := make([]any, len(t.Columns))
	pk, err := ParseKey(t, obj.Key)
	if err != nil {
		return nil, err // wraps ErrCorrupt
	}
	pki := t.PKIndex()
	row[pki] = pk
	set := func(code, text string) error {
		i := -1
		for j, c := range t.Columns {
			if c.Code == code {
				i = j
				break
			}
		}
		if i < 0 {
			return fail("unknown field code %q", code)
		}
		if i == pki { // the key is the only source of the primary key
			return fail("field %q holds the primary key %s", code, t.Columns[i].Name)
		}
		raw, err := decodeText(text)
		if err != nil {
			return fail("field %s: %v", t.Columns[i].Name, err)
		}
		val, err := decodeValue(t.Columns[i].Type, raw)
		if err != nil {
			return fail("column %s: %v", t.Columns[i].Name, err)
		}
		row[i] = val
		return nil
	}
	for k, text := range obj.Meta {
		if strings.HasPrefix(k, "_") {
			continue
		}
		if err := set(k, text); err != nil {
			return nil, err
		}
	}
	switch obj.Meta[metaLayout] {
	case "":
	case "b":
		var inBody map[string]string
		if err := json.Unmarshal(obj.Body, &inBody); err != nil {
			return nil, fail("body is not a JSON object of fields: %v", err)
		}
		if inBody == nil { // the body "null"
			return nil, fail("body is not a JSON object of fields: null")
		}
		for k, text := range inBody {
			if strings.HasPrefix(k, "_") {
				continue
			}
			if err := set(k, text); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fail("unknown layout %q", obj.Meta[metaLayout])
	}
	return row, nil
}

// encodeValue renders a value as text: the type's own parser reads it back.
func encodeValue(v any) string { return schema.ValueText(v) }

func decodeValue(t schema.Type, s string) (any, error) {
	switch t.Kind {
	case schema.KindString, schema.KindJSON:
		return s, nil
	case schema.KindInt:
		return strconv.ParseInt(s, 10, 64)
	case schema.KindFloat:
		return strconv.ParseFloat(s, 64)
	case schema.KindBool:
		switch s {
		case "1":
			return true, nil
		case "0":
			return false, nil
		}
		return nil, fmt.Errorf("bad boolean %q", s)
	case schema.KindTime:
		return schema.ParseTime(s)
	}
	return nil, fmt.Errorf("unknown kind %v", t.Kind)
}

// encodeText makes any UTF-8 text a valid S3 metadata value (printable ASCII,
// no leading or trailing blank). Safe text is kept as is; other text becomes
// "~u" + percent-escapes or "~b" + base64, whichever is shorter. Text that
// itself starts with '~' is escaped so decoding is unambiguous.
func encodeText(s string) string {
	if safeText(s) {
		return s
	}
	var u strings.Builder
	u.WriteString("~u")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' && c < 0x7f && c != '%' {
			u.WriteByte(c)
		} else {
			u.WriteByte('%')
			u.WriteByte(hexDigits[c>>4])
			u.WriteByte(hexDigits[c&15])
		}
	}
	b := "~b" + base64.RawStdEncoding.EncodeToString([]byte(s))
	if len(b) < u.Len() {
		return b
	}
	return u.String()
}

func safeText(s string) bool {
	if s == "" { // S3 servers may drop empty header values: encode as "~u"
		return false
	}
	if s[0] == '~' || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func decodeText(s string) (string, error) {
	switch {
	case !strings.HasPrefix(s, "~"):
		return s, nil
	case strings.HasPrefix(s, "~u"):
		return UnescapeValue(s[2:])
	case strings.HasPrefix(s, "~b"):
		b, err := base64.RawStdEncoding.DecodeString(s[2:])
		return string(b), err
	}
	return "", fmt.Errorf("unknown text encoding %q", schema.Truncate(s, 8))
}
