package record

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
)

// The behaviors the codec implements.
var behaviors = []string{schema.BehaviorBodyOverflow, schema.BehaviorBodyOnly, schema.BehaviorEnforceLimits,
	schema.BehaviorUserManaged, schema.BehaviorTruncateData}

// allKinds is a table with a column of every kind; codes 0..9 in order.
const allKinds = `CREATE TABLE r (id VARCHAR(255) PRIMARY KEY, s TEXT, i BIGINT, f DOUBLE, b BOOLEAN,
	d DATE, dt DATETIME(6), j JSON, c CHAR(5), l LONGTEXT)`

func kindsTable(t testing.TB, behavior string) *schema.Table {
	t.Helper()
	tb := mustTable(t, allKinds)
	tb.Behavior = behavior
	return tb
}

// coerceRow coerces raw values as the engine does before Encode.
func coerceRow(t testing.TB, tb *schema.Table, raw ...any) []any {
	t.Helper()
	if len(raw) != len(tb.Columns) {
		t.Fatalf("row has %d values, table %s has %d columns", len(raw), tb.Name, len(tb.Columns))
	}
	row := make([]any, len(raw))
	for i, v := range raw {
		c, err := schema.Coerce(tb.Columns[i].Type, v)
		if err != nil {
			t.Fatalf("column %s: %v", tb.Columns[i].Name, err)
		}
		row[i] = c
	}
	return row
}

func sameValue(a, b any) bool {
	switch x := a.(type) {
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	}
	return a == b
}

func sameRow(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameValue(a[i], b[i]) {
			return false
		}
	}
	return true
}

// checkTruncated asserts that a row read back after truncate-data has every
// value of the row written, except text values, which may be prefixes.
func checkTruncated(t testing.TB, tb *schema.Table, got, row []any) {
	t.Helper()
	cut := false
	for i, v := range got {
		s, isText := v.(string)
		switch {
		case !isText || !truncatable(tb.Columns[i]):
			if !sameValue(v, row[i]) {
				t.Errorf("column %s changed: %v, want %v", tb.Columns[i].Name, v, row[i])
			}
		case !strings.HasPrefix(row[i].(string), s):
			t.Errorf("column %s = %q is not a prefix of the value", tb.Columns[i].Name, s)
		case s != row[i]:
			cut = true
		}
	}
	if !cut {
		t.Error("a row marked truncated has all its values")
	}
}

// checkMeta asserts what S3 needs of metadata: names lower-case [a-z0-9_],
// values printable ASCII without a leading or trailing blank.
func checkMeta(t testing.TB, meta map[string]string) {
	t.Helper()
	for k, v := range meta {
		if k == "" || strings.Trim(k, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			t.Errorf("metadata name %q is not lower-case [a-z0-9_]", k)
		}
		for i := 0; i < len(v); i++ {
			if v[i] < 0x20 || v[i] > 0x7e {
				t.Errorf("metadata %s=%q: byte %#x is not printable ASCII", k, v, v[i])
				break
			}
		}
		if v == "" || v[0] == ' ' || v[len(v)-1] == ' ' {
			t.Errorf("metadata %s=%q: empty or leading/trailing blank", k, v)
		}
	}
}

// roundTrip encodes row, stores it in b, reads it back and decodes it.
func roundTrip(t testing.TB, b storage.Bucket, tb *schema.Table, row []any) ([]any, Encoded) {
	t.Helper()
	enc, err := Encode(tb, row)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	checkMeta(t, enc.Meta)
	key := Key(tb.Name, row[tb.PKIndex()])
	ctx := context.Background()
	if _, err := b.Put(ctx, key, enc.Body, enc.Meta, storage.PutOptions{}); err != nil {
		t.Fatalf("Put: %v", err)
	}
	obj, err := b.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(tb, obj)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return got, enc
}

// edgeStrings are strings that are special to the text encoding.
var edgeStrings = []string{
	"", " ", "  ", " lead", "trail ", " both ", "~", "~u", "~b", "~uabc", "~bYWJj", "~x", "a~b", "%", "%41", "%2", "100%",
	"emoji 😀👍🏽", "日本語", "Zoë", "\x00", "\x01\x1f\x7f", "\t\n\r", "tab\tin", `quote"'\`, "\u00a0nbsp\u00a0", "\u2028",
	"resource=x/data/id=1", "{\"not\":\"json col\"}", "ends with newline\n",
	"!\"#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}",
}

// edgeRows returns rows with the edge values of every kind, and a row of NULLs.
func edgeRows(t testing.TB, tb *schema.Table) [][]any {
	ints := []int64{0, 1, -1, math.MinInt64, math.MaxInt64}
	floats := []float64{0, math.Copysign(0, -1), -1e-7, 1e300, -1e300, 0.1, 1.5, math.SmallestNonzeroFloat64, math.MaxFloat64}
	dates := []string{"2024-01-02", "0001-01-01", "9999-12-31", "2000-02-29"}
	times := []time.Time{
		time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC),
		time.Date(2024, 1, 2, 3, 4, 5, 1000, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC),
	}
	jsons := []string{`{"a":[1,2,{"b":null}]}`, `"é"`, `[]`, ` {"sp": " "} `, `null`, `1e300`, `"~u"`}
	chars := []string{"", "a", "~", "😀😀😀😀😀", " x "}
	var rows [][]any
	for i, s := range edgeStrings {
		rows = append(rows, coerceRow(t, tb,
			fmt.Sprintf("row/%d %s", i, s), s, ints[i%len(ints)], floats[i%len(floats)], i%2 == 0,
			dates[i%len(dates)], times[i%len(times)], jsons[i%len(jsons)], chars[i%len(chars)], s+s))
	}
	// Every edge string as the key, too.
	for i, s := range edgeStrings {
		row := coerceRow(t, tb, s, nil, nil, nil, nil, nil, nil, nil, nil, nil)
		if i == 0 {
			row[0] = "" // an empty key
		}
		rows = append(rows, row)
	}
	return rows
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, behavior := range behaviors {
		t.Run(behavior, func(t *testing.T) {
			tb := kindsTable(t, behavior)
			b := mem.New()
			for i, row := range edgeRows(t, tb) {
				got, enc := roundTrip(t, b, tb, row)
				if !sameRow(got, row) {
					t.Errorf("row %d: decoded\n%#v\nwant\n%#v\nmeta %v body %s", i, got, row, enc.Meta, enc.Body)
				}
				if _, ok := enc.Meta[tb.Columns[0].Code]; ok {
					t.Errorf("row %d: the primary key is stored in the metadata", i)
				}
				if v, f := enc.Meta["_v"], enc.Meta["_f"]; v != "1" || f != "2" {
					t.Errorf("row %d: _v = %q, _f = %q, want 1 and 2", i, v, f)
				}
			}
		})
	}
}

// TestEncodeTypes checks the text of each kind in metadata.
func TestEncodeTypes(t *testing.T) {
	tb := kindsTable(t, schema.BehaviorBodyOverflow)
	row := coerceRow(t, tb, "k", "Zoë", int64(-42), -1e-7, true, "2000-02-29",
		time.Date(2024, 1, 2, 3, 4, 5, 120000000, time.UTC), `{"a": 1}`, " x", "")
	enc, err := Encode(tb, row)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"_v": "1",
		"_f": "2",
		"1":  "~bWm/Dqw",  // shorter than ~uZo%C3%AB
		"2":  "-G",        // base62
		"3":  "-1e-7",     // the shortest text
		"4":  "1",         // TRUE
		"5":  "2RG",       // days since 1970-01-01
		"6":  "7NUM0by9y", // Unix microseconds (DATETIME(6)) in base62
		"7":  `{"a": 1}`,  // inner blanks are fine
		"8":  "~bIHg",     // shorter than ~u%20x
		"9":  "~u",        // the empty string
	}
	if fmt.Sprint(enc.Meta) != fmt.Sprint(want) {
		t.Errorf("meta\n got %v\nwant %v", enc.Meta, want)
	}
	if !regexp.MustCompile(`^[A-Za-z0-9_-]{16}$`).Match(enc.Body) {
		t.Errorf("body of a metadata-only row = %q, want a 16-character write token", enc.Body)
	}
	// NULLs are absent; the row of NULLs has only the version and format.
	nulls := coerceRow(t, tb, "k", nil, nil, nil, nil, nil, nil, nil, nil, nil)
	enc, err = Encode(tb, nulls)
	if err != nil {
		t.Fatal(err)
	}
	if len(enc.Meta) != 2 || enc.Meta["_v"] != "1" || enc.Meta["_f"] != "2" {
		t.Errorf("row of NULLs: meta %v", enc.Meta)
	}
}

// sizedRow returns a row whose encoded fields take about size bytes, with
// distinct sizes for s, l and j so that the largest columns have an order.
func sizedRow(t testing.TB, tb *schema.Table, size int) []any {
	n := max(size/3, 1)
	return coerceRow(t, tb, "sized", strings.Repeat("s", n*3/4), int64(7), 2.5, false, "2024-01-02",
		"2024-01-02 03:04:05.5", `"`+strings.Repeat("j", n*5/4)+`"`, "c", strings.Repeat("l", n))
}

func TestBehaviors(t *testing.T) {
	sizes := []struct {
		name string
		size int
		big  bool // over the 2 KB metadata limit
	}{
		{"100 B", 100, false},
		{"2 KB", 2100, true},
		{"50 KB", 50 << 10, true},
	}
	for _, behavior := range behaviors {
		for _, sz := range sizes {
			t.Run(behavior+"/"+sz.name, func(t *testing.T) {
				tb := kindsTable(t, behavior)
				row := sizedRow(t, tb, sz.size)
				enc, err := Encode(tb, row)
				if behavior == schema.BehaviorEnforceLimits && sz.big {
					if err == nil {
						t.Fatalf("enforce-limits accepted a row with %d bytes of metadata", storage.MetaSize(enc.Meta))
					}
					n := sz.size / 3
					want := fmt.Sprintf("; largest columns: j (%d bytes), l (%d bytes), s (%d bytes)", n*5/4+2, n, n*3/4)
					if !strings.HasPrefix(err.Error(), "row of table r needs ") || !strings.Contains(err.Error(), "the limit is 2048 (BEHAVIOR = 'enforce-limits')") || !strings.HasSuffix(err.Error(), want) {
						t.Errorf("error %q\nwant one ending in %q", err, want)
					}
					return
				}
				if behavior == schema.BehaviorTruncateData && sz.size > 10000 {
					// The 50 KB row's JSON alone exceeds the limit: JSON is never cut.
					want := "row of table r does not fit in 2048 bytes of metadata even with its text cut: BEHAVIOR = 'truncate-data' shortens only CHAR, VARCHAR and TEXT values, and the other columns need "
					if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "; largest: j (21334 bytes), dt (9 bytes), f (3 bytes)") {
						t.Fatalf("Encode = %v, want an error starting %q", err, want)
					}
					return
				}
				if err != nil {
					t.Fatalf("Encode: %v", err)
				}
				checkMeta(t, enc.Meta)
				size := storage.MetaSize(enc.Meta)
				if enc.Truncated != (behavior == schema.BehaviorTruncateData && sz.big) || (enc.Meta["_t"] == "1") != enc.Truncated {
					t.Errorf("Truncated = %v, _t = %q", enc.Truncated, enc.Meta["_t"])
				}
				switch behavior {
				case schema.BehaviorBodyOverflow, schema.BehaviorBodyOnly, schema.BehaviorTruncateData:
					if size > storage.MaxMetadataBytes {
						t.Errorf("metadata of %d bytes, the limit is %d", size, storage.MaxMetadataBytes)
					}
				}
				inBody := behavior == schema.BehaviorBodyOnly || behavior == schema.BehaviorBodyOverflow && sz.big
				if got := enc.Meta["_l"] == "b"; got != inBody {
					t.Errorf("_l = %q, want fields in the body: %v", enc.Meta["_l"], inBody)
				}
				if behavior == schema.BehaviorBodyOnly && len(enc.Meta) != 3 {
					t.Errorf("body-only metadata holds fields: %v", enc.Meta)
				}
				if behavior == schema.BehaviorBodyOverflow && sz.big {
					// The smallest fields stay in the metadata.
					for _, code := range []string{"2", "3", "4", "5", "6", "8"} {
						if _, ok := enc.Meta[code]; !ok {
							t.Errorf("small field %s is not in the metadata: %v", code, enc.Meta)
						}
					}
				}
				b := mem.New()
				_, err = b.Put(context.Background(), Key(tb.Name, row[0]), enc.Body, enc.Meta, storage.PutOptions{})
				if behavior == schema.BehaviorUserManaged && sz.big {
					if size <= storage.MaxMetadataBytes {
						t.Errorf("user-managed: metadata of %d bytes for a big row", size)
					}
					if !errors.Is(err, storage.ErrMetadataTooLarge) {
						t.Errorf("Put of user-managed metadata of %d bytes: %v, want ErrMetadataTooLarge", size, err)
					}
					return
				}
				if err != nil {
					t.Fatalf("Put: %v", err)
				}
				obj, err := b.Get(context.Background(), Key(tb.Name, row[0]))
				if err != nil {
					t.Fatal(err)
				}
				got, err := Decode(tb, obj)
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if enc.Truncated {
					if !Truncated(obj) {
						t.Error("the stored row is not marked truncated")
					}
					checkTruncated(t, tb, got, row)
					return
				}
				if !sameRow(got, row) {
					t.Errorf("decoded row differs")
				}
			})
		}
	}
}

// TestBodyOverflowPacking: a row whose fields just fit stays in the
// metadata, one byte more moves fields to the body, and a field that is in
// the metadata is never in the body too.
func TestBodyOverflowPacking(t *testing.T) {
	tb := mustTable(t, "CREATE TABLE p (a TEXT, b TEXT)") // a #0, b #1, id #2
	// _v=1 and _f=2 take 3 bytes each, field a 1 + len, field b 1 + 1.
	fit := storage.MaxMetadataBytes - 3 - 3 - 2 - 1
	for _, n := range []int{fit - 1, fit, fit + 1, fit + 2, 5000} {
		row := []any{"k", strings.Repeat("x", n), "y"}
		enc, err := Encode(tb, row)
		if err != nil {
			t.Fatal(err)
		}
		if size := storage.MetaSize(enc.Meta); size > storage.MaxMetadataBytes {
			t.Errorf("a of %d bytes: metadata of %d bytes", n, size)
		}
		_, inMeta := enc.Meta["0"]
		if inMeta != (n <= fit) {
			t.Errorf("a of %d bytes (fit %d): in metadata %v", n, fit, inMeta)
		}
		if inMeta && strings.Contains(string(enc.Body), `"0"`) {
			t.Errorf("a of %d bytes is in the metadata and the body", n)
		}
		if enc.Meta["1"] != "y" {
			t.Errorf("a of %d bytes: the small field b is not in the metadata: %v", n, enc.Meta["1"])
		}
		got, err := Decode(tb, &storage.Object{Key: Key("p", "k"), Meta: enc.Meta, Body: enc.Body})
		if err != nil || !sameRow(got, row) {
			t.Errorf("a of %d bytes: decode %v", n, err)
		}
	}
}

// TestWriteToken: two encodings of the same row differ in their body, so
// their ETags differ and If-Match tells the versions apart.
func TestWriteToken(t *testing.T) {
	for _, behavior := range []string{schema.BehaviorBodyOverflow, schema.BehaviorBodyOnly} {
		tb := kindsTable(t, behavior)
		row := sizedRow(t, tb, 100)
		b := mem.New()
		var bodies, etags []string
		for range 2 {
			enc, err := Encode(tb, row)
			if err != nil {
				t.Fatal(err)
			}
			etag, err := b.Put(context.Background(), "x", enc.Body, enc.Meta, storage.PutOptions{})
			if err != nil {
				t.Fatal(err)
			}
			bodies, etags = append(bodies, string(enc.Body)), append(etags, etag)
		}
		if bodies[0] == bodies[1] || etags[0] == etags[1] {
			t.Errorf("%s: two encodings have the same body %q / ETag %s", behavior, bodies[0], etags[0])
		}
	}
}

// validObject is an encoded row of the kinds table with every field in the metadata.
func validObject(t testing.TB) (*schema.Table, *storage.Object) {
	tb := kindsTable(t, schema.BehaviorBodyOverflow)
	row := coerceRow(t, tb, "key/1", "s", int64(1), 1.5, true, "2024-01-02", "2024-01-02 03:04:05", `[1]`, "c", "l")
	enc, err := Encode(tb, row)
	if err != nil {
		t.Fatal(err)
	}
	return tb, &storage.Object{Key: Key(tb.Name, "key/1"), Meta: enc.Meta, Body: enc.Body}
}

func TestDecodeCorrupt(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(o *storage.Object)
		want   string // part of the message
	}{
		{"missing _v", func(o *storage.Object) { delete(o.Meta, "_v") }, `bad schema version ""`},
		{"bad _v", func(o *storage.Object) { o.Meta["_v"] = "one" }, `bad schema version "one"`},
		{"zero _v", func(o *storage.Object) { o.Meta["_v"] = "0" }, `bad schema version "0"`},
		{"negative _v", func(o *storage.Object) { o.Meta["_v"] = "-1" }, `bad schema version "-1"`},
		{"unknown field code", func(o *storage.Object) { o.Meta["zz"] = "1" }, `unknown field code "zz"`},
		{"primary key field", func(o *storage.Object) { o.Meta["0"] = "other" }, `field "0" holds the primary key id`},
		{"bad ~u escape", func(o *storage.Object) { o.Meta["1"] = "~uab%GZ" }, `field s: invalid escape "%GZ"`},
		{"truncated ~u escape", func(o *storage.Object) { o.Meta["1"] = "~uab%4" }, "field s: truncated escape"},
		{"bad ~b base64", func(o *storage.Object) { o.Meta["1"] = "~b!!!" }, "field s: illegal base64 data"},
		{"unknown text encoding", func(o *storage.Object) { o.Meta["1"] = "~zabc" }, `field s: unknown text encoding "~zabc"`},
		{"bad base62 digit", func(o *storage.Object) { o.Meta["2"] = "12+" }, "column i: invalid base62 digit"},
		{"truncated base62", func(o *storage.Object) { o.Meta["2"] = "-" }, "column i: empty base62 number"},
		{"base62 leading zero", func(o *storage.Object) { o.Meta["2"] = "01" }, "column i: base62 number with a leading zero"},
		{"int out of int64", func(o *storage.Object) { o.Meta["2"] = "aZl8N0y58M8" }, "column i: base62 number out of range"},
		{"int beyond 64 bits", func(o *storage.Object) { o.Meta["2"] = "zzzzzzzzzzzz" }, "column i: base62 number out of range"},
		{"bad float text", func(o *storage.Object) { o.Meta["3"] = "x" }, `column f: bad number "x"`},
		{"non-canonical float", func(o *storage.Object) { o.Meta["3"] = "1.50" }, `column f: bad number "1.50"`},
		{"bad bool text", func(o *storage.Object) { o.Meta["4"] = "true" }, `column b: bad boolean "true"`},
		{"bad date text", func(o *storage.Object) { o.Meta["5"] = "2024-99-01" }, `column d: bad date "2024-99-01"`},
		{"date out of range", func(o *storage.Object) { o.Meta["5"] = "zzzz" }, `column d: bad date "zzzz"`},
		{"bad datetime fraction", func(o *storage.Object) { o.Meta["6"] = "1Rkv4x.120" }, `column dt: bad datetime "1Rkv4x.120"`},
		{"format 1 value in a format 2 row", func(o *storage.Object) { o.Meta["6"] = "2024-01-02 03:04:05" }, `column dt: bad datetime`},
		{"newer format", func(o *storage.Object) { o.Meta["_f"] = "3" }, `unknown record format "3": this s3db reads formats 1 to 2`},
		{"bad format", func(o *storage.Object) { o.Meta["_f"] = "" }, `unknown record format ""`},
		{"bad truncation flag", func(o *storage.Object) { o.Meta["_t"] = "yes" }, `bad truncation flag "yes"`},
		{"oversize metadata", func(o *storage.Object) { o.Meta["9"] = strings.Repeat("x", 2100) }, "2137 bytes of metadata, more than S3's limit of 2048: not a row written by s3db"},
		{"field in metadata and body", func(o *storage.Object) { o.Meta["_l"] = "b"; o.Body = []byte(`{"1": "t"}`) }, `field "1" (s) is both in the metadata and in the body`},
		{"unknown layout", func(o *storage.Object) { o.Meta["_l"] = "z" }, `unknown layout "z"`},
		{"body not JSON", func(o *storage.Object) { o.Meta["_l"] = "b"; o.Body = []byte("plain") }, "body is not a JSON object of fields: invalid character"},
		{"body null", func(o *storage.Object) { o.Meta["_l"] = "b"; o.Body = []byte("null") }, "body is not a JSON object of fields: null"},
		{"body field not a string", func(o *storage.Object) { o.Meta["_l"] = "b"; o.Body = []byte(`{"1": 5}`) }, "body is not a JSON object of fields: json: cannot unmarshal number"},
		{"body array", func(o *storage.Object) { o.Meta["_l"] = "b"; o.Body = []byte(`[]`) }, "body is not a JSON object of fields"},
		{"unknown code in body", func(o *storage.Object) { o.Meta["_l"] = "b"; o.Body = []byte(`{"q": "1", "_w": "x"}`) }, `unknown field code "q"`},
		{"bad value in body", func(o *storage.Object) { delete(o.Meta, "2"); o.Meta["_l"] = "b"; o.Body = []byte(`{"2": "~b%%%"}`) }, "column i: invalid base62 digit"},
		{"key not an integer", func(o *storage.Object) { o.Key = "resource=n/data/id=x" }, `key "x" is not an integer`},
		{"key of another table", func(o *storage.Object) { o.Key = "resource=other/data/id=1" }, "not a row key of table r"},
		{"non-canonical key", func(o *storage.Object) { o.Key = "resource=r/data/id=a/b" }, "not a row key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, obj := validObject(t)
			if tt.name == "key not an integer" {
				tb = mustTable(t, "CREATE TABLE n (k INT PRIMARY KEY, s TEXT)")
				obj = &storage.Object{Key: Key("n", int64(1)), Meta: map[string]string{"_v": "1", "1": "s"}}
			}
			if _, err := Decode(tb, obj); err != nil {
				t.Fatalf("the valid object does not decode: %v", err)
			}
			tt.mutate(obj)
			row, err := Decode(tb, obj)
			if err == nil {
				t.Fatalf("Decode = %v, want an error", row)
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("error %q does not wrap ErrCorrupt", err)
			}
			if errors.Is(err, ErrNewerSchema) {
				t.Errorf("error %q wraps ErrNewerSchema", err)
			}
			if !strings.Contains(err.Error(), obj.Key) {
				t.Errorf("error %q does not name the object %s", err, obj.Key)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestDecodeVersions(t *testing.T) {
	tb, obj := validObject(t)
	// A newer row than the table: reload the catalog.
	obj.Meta["_v"] = "2"
	_, err := Decode(tb, obj)
	if !errors.Is(err, ErrNewerSchema) || errors.Is(err, ErrCorrupt) {
		t.Fatalf("Decode of a newer row = %v, want ErrNewerSchema", err)
	}
	if want := "row " + obj.Key + ": row written with a newer schema version (2 > 1)"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	// An older row is read: its codes are still valid.
	tb.Version = 3
	row, err := Decode(tb, obj)
	if err != nil {
		t.Fatal(err)
	}
	if row[0] != "key/1" || row[1] != "s" {
		t.Errorf("older row decoded as %v", row)
	}
	// A row encoded under version 3 says so.
	enc, err := Encode(tb, row)
	if err != nil {
		t.Fatal(err)
	}
	if enc.Meta["_v"] != "3" {
		t.Errorf("_v = %q, want 3", enc.Meta["_v"])
	}
	// Unknown system names (a later format's) are ignored.
	obj.Meta["_x"] = "future"
	if _, err := Decode(tb, obj); err != nil {
		t.Errorf("Decode with an unknown system name: %v", err)
	}
}

// TestDecodeLayoutBody: fields may be in the body only when _l says so.
func TestDecodeLayoutBody(t *testing.T) {
	tb := kindsTable(t, schema.BehaviorBodyOnly)
	row := coerceRow(t, tb, "k", "body", int64(5), nil, nil, nil, nil, nil, nil, nil)
	enc, err := Encode(tb, row)
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(enc.Meta))
	for k := range enc.Meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "_f,_l,_v" {
		t.Errorf("body-only metadata names = %v", keys)
	}
	if !regexp.MustCompile(`^\{"1":"body","2":"5","_w":"[A-Za-z0-9_-]{16}"\}$`).Match(enc.Body) {
		t.Errorf("body = %s", enc.Body)
	}
	// Without _l the body is not read.
	delete(enc.Meta, "_l")
	got, err := Decode(tb, &storage.Object{Key: Key("r", "k"), Meta: enc.Meta, Body: enc.Body})
	if err != nil || got[1] != nil {
		t.Errorf("without _l: %v, %v", got, err)
	}
}
