package record

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
)

// FormatVersion is the record format Encode writes, in metadata "_f". Rows
// without "_f" are format 1 (values as plain text) and still decode.
const FormatVersion = 2

// System metadata names. Field codes are base36 and never start with '_'.
const (
	metaVersion   = "_v" // schema version the row was written with
	metaFormat    = "_f" // record format; absent = 1
	metaLayout    = "_l" // "b": some fields are in the body (JSON object code -> value)
	metaTruncated = "_t" // "1": truncate-data shortened some values
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
	// Truncated reports that truncate-data shortened text values to fit: the
	// row reads back with the shortened values.
	Truncated bool
}

// field is one non-NULL column of a row being encoded.
type field struct {
	col  *schema.Column
	val  string // the value's encoding (value.go): what the body holds
	meta string // val through the text layer (text.go): what metadata holds
}

// size is what the field costs in metadata, as S3 counts it.
func (f field) size() int { return len(f.col.Code) + len(f.meta) }

// Secrets seals and opens the values of SECRET columns (crypto.Keyring
// through the executor). Seal's result must be printable ASCII.
type Secrets interface {
	Seal(t *schema.Table, c *schema.Column, pk any, plain string) (string, error)
	Open(t *schema.Table, c *schema.Column, pk any, sealed string) (string, error)
}

// errNoSecrets is the error for a SECRET value without a Secrets.
var errNoSecrets = errors.New("SECRET column without an encryption key")

// Encode is EncodeWith without secrets: a SECRET value is an error.
func Encode(t *schema.Table, row []any) (Encoded, error) { return EncodeWith(t, row, nil) }

// Decode is DecodeWith without secrets: a SECRET value is an error.
func Decode(t *schema.Table, obj *storage.Object) ([]any, error) { return DecodeWith(t, obj, nil) }

// EncodeWith turns a row (values in table column order, already coerced) into
// object metadata and body according to the table's behavior. The primary key
// is not stored: it is the object key. SECRET values are sealed by sec.
func EncodeWith(t *schema.Table, row []any, sec Secrets) (Encoded, error) {
	pk := t.PKIndex()
	var fields []field
	for i, c := range t.Columns {
		if i == pk || row[i] == nil {
			continue
		}
		val, err := encodeValue(c.Type, row[i])
		if err == nil && c.Type.Kind == schema.KindSecret {
			if sec == nil {
				err = errNoSecrets
			} else {
				val, err = sec.Seal(t, c, row[pk], val)
			}
		}
		if err != nil {
			return Encoded{}, fmt.Errorf("table %s, column %s: %w", t.Name, c.Name, err)
		}
		fields = append(fields, field{c, val, encodeText(val)})
	}
	meta := map[string]string{metaVersion: strconv.Itoa(t.Version), metaFormat: strconv.Itoa(FormatVersion)}
	inBody, truncated, err := place(t, meta, fields)
	if err != nil {
		return Encoded{}, err
	}
	token := writeToken()
	if len(inBody) == 0 {
		return Encoded{Meta: meta, Body: token, Truncated: truncated}, nil
	}
	meta[metaLayout] = "b"
	obj := map[string]string{bodyToken: string(token)}
	for _, f := range inBody {
		obj[f.col.Code] = f.val
	}
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		return Encoded{}, err
	}
	return Encoded{Meta: meta, Body: bytes.TrimSuffix(body.Bytes(), []byte("\n"))}, nil
}

// DecodeWith rebuilds a row (table column order) from a stored object. Every
// malformed object is an error naming its key; SECRET values are opened by
// sec, and one that does not open is an error, never data.
//
// A row written under an older schema version (_v) reads as that version's
// columns seen through the current ones (schema/version.go): the fields of
// dropped columns (burned codes) are skipped, a value is decoded with the
// type its column had then and converted to the current type, and a column
// added since reads its fill value.
func DecodeWith(t *schema.Table, obj *storage.Object, sec Secrets) ([]any, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w %s: %s", ErrCorrupt, obj.Key, fmt.Sprintf(format, args...))
	}
	if n := storage.MetaSize(obj.Meta); n > storage.MaxMetadataBytes {
		return nil, fail("%d bytes of metadata, more than S3's limit of %d: not a row written by s3db", n, storage.MaxMetadataBytes)
	}
	v, err := strconv.Atoi(obj.Meta[metaVersion])
	if err != nil || v < 1 {
		return nil, fail("bad schema version %q", obj.Meta[metaVersion])
	}
	if v > t.Version {
		return nil, fmt.Errorf("row %s: %w (%d > %d)", obj.Key, ErrNewerSchema, v, t.Version)
	}
	format := 1
	if f, ok := obj.Meta[metaFormat]; ok {
		if f != strconv.Itoa(FormatVersion) {
			return nil, fail("unknown record format %q: this s3db reads formats 1 to %d (a newer s3db wrote it?)", schema.Truncate(f, 10), FormatVersion)
		}
		format = FormatVersion
	}
	if tr, ok := obj.Meta[metaTruncated]; ok && tr != "1" {
		return nil, fail("bad truncation flag %q", schema.Truncate(tr, 10))
	}
	row := make([]any, len(t.Columns))
	pk, err := ParseKey(t, obj.Key)
	if err != nil {
		return nil, err // wraps ErrCorrupt
	}
	pki := t.PKIndex()
	row[pki] = pk
	seen := make([]bool, len(t.Columns))
	set := func(code, text string, inMeta bool) error {
		i := columnIndex(t, code)
		switch {
		case i < 0 && t.IsBurned(code):
			return nil // a dropped column's value
		case i < 0:
			return fail("unknown field code %q", schema.Truncate(code, 20))
		case i == pki: // the key is the only source of the primary key
			return fail("field %q holds the primary key %s", code, t.Columns[i].Name)
		case seen[i]:
			return fail("field %q (%s) is both in the metadata and in the body", code, t.Columns[i].Name)
		}
		seen[i] = true
		c := t.Columns[i]
		typ := c.Type
		if v < t.Version {
			typ = c.TypeAt(v)
		}
		raw := text
		if inMeta || format == 1 { // format 1 text-encoded body values too
			if raw, err = decodeText(text); err != nil {
				return fail("field %s: %v", c.Name, err)
			}
		}
		var val any
		if format == 1 {
			val, err = decodeValueV1(typ, raw)
		} else {
			val, err = decodeValue(typ, raw)
		}
		if err != nil {
			return fail("column %s: %v", c.Name, err)
		}
		if typ.Kind == schema.KindSecret {
			if sec == nil {
				return fmt.Errorf("table %s, column %s: %w", t.Name, c.Name, errNoSecrets)
			}
			if val, err = sec.Open(t, c, pk, val.(string)); err != nil {
				return err
			}
		}
		if !typ.Equal(c.Type) { // written before an ALTER TABLE ... MODIFY
			if val, err = schema.Coerce(c.Type, val); err != nil {
				return fmt.Errorf("row %s, column %s: the value written as %s (schema version %d) does not convert to %s: %w", obj.Key, c.Name, typ.SQL(), v, c.Type.SQL(), err)
			}
		}
		row[i] = val
		return nil
	}
	for k, text := range obj.Meta {
		if strings.HasPrefix(k, "_") {
			continue // system names; unknown ones belong to a later compatible format
		}
		if err := set(k, text, true); err != nil {
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
			if err := set(k, text, false); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fail("unknown layout %q", schema.Truncate(obj.Meta[metaLayout], 10))
	}
	if v < t.Version { // columns added since the row was written read their fill value
		for i, c := range t.Columns {
			if seen[i] || i == pki {
				continue
			}
			missing, val, err := c.Missing(v)
			if err != nil {
				return nil, fmt.Errorf("row %s, column %s: %w", obj.Key, c.Name, err)
			}
			if missing && val != nil {
				if row[i], err = schema.Coerce(c.Type, val); err != nil {
					return nil, fmt.Errorf("row %s, column %s: %w", obj.Key, c.Name, err)
				}
			}
		}
	}
	return row, nil
}

// columnIndex finds the column with a field code. Codes are never reused, so
// a code names one column for the table's whole history.
func columnIndex(t *schema.Table, code string) int {
	for i, c := range t.Columns {
		if c.Code == code {
			return i
		}
	}
	return -1
}

// Truncated reports whether a stored row was shortened by truncate-data.
func Truncated(obj *storage.Object) bool { return obj.Meta[metaTruncated] == "1" }
