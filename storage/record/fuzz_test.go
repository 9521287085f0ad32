package record

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
)

// FuzzDecode feeds arbitrary metadata values, key and body to Decode: it
// must never panic, every error must be ErrCorrupt or ErrNewerSchema and
// name the object, and a decoded row must have one value per column, of
// its column's kind.
func FuzzDecode(f *testing.F) {
	f.Add("1", "", "1", "hello", "2", "42", "abc", []byte("token"))
	f.Add("1", "b", "3", "1.5", "4", "1", "k%2F1", []byte(`{"1":"~uZo%C3%AB","_w":"x"}`))
	f.Add("2", "", "5", "2024-01-02", "6", "2024-01-02 03:04:05.5", "x", []byte(nil))
	f.Add("1", "b", "7", `~b`, "zz", "~u%", "%", []byte(`{"7":"~bW10"}`))
	f.Add("0", "z", "0", "other", "_w", "", "", []byte("null"))
	tb := mustTable(f, allKinds)
	tb.Version = 1
	intTable := mustTable(f, "CREATE TABLE n (k BIGINT PRIMARY KEY, v INT)")
	f.Fuzz(func(t *testing.T, version, layout, code1, val1, code2, val2, id string, body []byte) {
		meta := map[string]string{"_v": version, code1: val1, code2: val2}
		if layout != "" {
			meta["_l"] = layout
		}
		for _, table := range []*schema.Table{tb, intTable} {
			obj := &storage.Object{Key: DataPrefix(table.Name) + "id=" + id, Meta: meta, Body: body}
			row, err := Decode(table, obj)
			if err != nil {
				if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNewerSchema) {
					t.Fatalf("error %q is neither ErrCorrupt nor ErrNewerSchema", err)
				}
				if !strings.Contains(err.Error(), obj.Key) {
					t.Fatalf("error %q does not name %q", err, obj.Key)
				}
				continue
			}
			if len(row) != len(table.Columns) {
				t.Fatalf("row of %d values for %d columns", len(row), len(table.Columns))
			}
			for i, v := range row {
				if v != nil && table.Columns[i].Type.ScanType() != reflect.TypeOf(v) {
					t.Fatalf("column %s (%s) decoded as %T", table.Columns[i].Name, table.Columns[i].Type.SQL(), v)
				}
			}
		}
	})
}

// FuzzTextRoundTrip: encodeText makes any valid UTF-8 text a valid S3
// metadata value that decodeText reads back exactly.
func FuzzTextRoundTrip(f *testing.F) {
	for _, s := range edgeStrings {
		f.Add(s)
	}
	f.Add(strings.Repeat("é", 100))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		enc := encodeText(s)
		if enc == "" {
			t.Fatalf("encodeText(%q) is empty", s)
		}
		for i := 0; i < len(enc); i++ {
			if enc[i] < 0x20 || enc[i] > 0x7e {
				t.Fatalf("encodeText(%q) = %q: byte %#x at %d is not printable ASCII", s, enc, enc[i], i)
			}
		}
		if enc[0] == ' ' || enc[len(enc)-1] == ' ' {
			t.Fatalf("encodeText(%q) = %q has a leading or trailing blank", s, enc)
		}
		if err := storage.ValidateMeta(map[string]string{"x": enc}); err != nil && !errors.Is(err, storage.ErrMetadataTooLarge) {
			t.Fatalf("encodeText(%q) = %q: %v", s, enc, err)
		}
		dec, err := decodeText(enc)
		if err != nil || dec != s {
			t.Fatalf("decodeText(encodeText(%q)) = decodeText(%q) = %q, %v", s, enc, dec, err)
		}
		// Safe text is kept as it is; other text is at most 3 times as long plus "~u".
		if safeText(s) && enc != s {
			t.Fatalf("safe text %q encoded as %q", s, enc)
		}
		if len(enc) > 3*len(s)+2 {
			t.Fatalf("encodeText(%q) = %d bytes for %d", s, len(enc), len(s))
		}
	})
}
