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
	// Format 2 values of every type (the every table's codes: see row.golden).
	f.Add("1", "", "e", "-2aL26ws.4", "j", ".u0aFbhc", "every/1", []byte("2"))
	f.Add("1", "b", "r", "&jA`skaN46UfKfo'Gj\"7", "w", "c-4Bp!!%P`z!!%O6", "x", []byte(`{"v":"+9;q]zz!!!!\"","l":".343Ln","_w":"t"}`))
	f.Add("1", "", "d", "lYGhA16ahyf", "n", "2", "k", []byte(nil))
	tb := mustTable(f, allKinds)
	tb.Version = 1
	intTable := mustTable(f, "CREATE TABLE n (k BIGINT PRIMARY KEY, v INT)")
	every := mustTable(f, everyTypeSQL)
	uuidKey := mustTable(f, "CREATE TABLE u (k UUID PRIMARY KEY, n BIGINT UNSIGNED)")
	f.Fuzz(func(t *testing.T, version, layout, code1, val1, code2, val2, id string, body []byte) {
		meta := map[string]string{"_v": version, code1: val1, code2: val2}
		if layout != "" {
			meta["_l"] = layout
		}
		for i, table := range []*schema.Table{tb, intTable, every, uuidKey} {
			if i >= 2 {
				meta["_f"] = "2"
			}
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
				if v == nil {
					continue
				}
				c := table.Columns[i]
				if c.Type.ValueType() != reflect.TypeOf(v) {
					t.Fatalf("column %s (%s) decoded as %T", c.Name, c.Type.SQL(), v)
				}
			}
			// What decodes encodes again, and reads back the same.
			if _, ok := obj.Meta["_f"]; ok {
				if enc, err := Encode(table, row); err == nil {
					back, err := Decode(table, &storage.Object{Key: obj.Key, Meta: enc.Meta, Body: enc.Body})
					if err != nil || !sameRow(back, row) {
						t.Fatalf("re-encoded row decodes to %#v, %v; want %#v", back, err, row)
					}
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

// FuzzTruncate: truncate-data always ends, never exceeds the metadata limit,
// and reads back every non-text value whole and every text value as a
// prefix cut at a character boundary.
func FuzzTruncate(f *testing.F) {
	f.Add("small", strings.Repeat("x", 3000), strings.Repeat("é", 700), 5) // s3db.js spins forever on such a row
	f.Add("", "", "", 0)
	f.Add(" ", strings.Repeat("😀", 1000), strings.Repeat(" ", 2000), 2000)
	tb := mustTable(f, "CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(5000), b TEXT, c TEXT NOT NULL, j JSON) BEHAVIOR = 'truncate-data'")
	f.Fuzz(func(t *testing.T, a, b, c string, jlen int) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) || !utf8.ValidString(c) {
			t.Skip() // values are coerced: text is valid UTF-8
		}
		j := `"` + strings.Repeat("j", min(max(jlen, 0), 5000)) + `"`
		row := []any{int64(1), schema.Truncate(a, 5000), b, c, j}
		enc, err := Encode(tb, row)
		if err != nil {
			if len(j) > 1500 && strings.Contains(err.Error(), "even with its text cut") {
				return // the JSON alone does not fit: a clear error
			}
			t.Fatalf("Encode: %v", err)
		}
		if n := storage.MetaSize(enc.Meta); n > storage.MaxMetadataBytes {
			t.Fatalf("metadata of %d bytes", n)
		}
		if err := storage.ValidateMeta(enc.Meta); err != nil {
			t.Fatal(err)
		}
		got, err := Decode(tb, &storage.Object{Key: Key("t", int64(1)), Meta: enc.Meta, Body: enc.Body})
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 3; i++ {
			s, ok := got[i].(string)
			if !ok || !strings.HasPrefix(row[i].(string), s) || !utf8.ValidString(s) {
				t.Fatalf("column %d = %#v, not a prefix of %q", i, got[i], schema.Truncate(row[i].(string), 20))
			}
		}
		if got[4] != j || got[0] != int64(1) {
			t.Fatalf("non-text values changed: %v", got)
		}
		if enc.Truncated != !sameRow(got, row) {
			t.Fatalf("Truncated = %v but the row read back differs: %v", enc.Truncated, !sameRow(got, row))
		}
	})
}
