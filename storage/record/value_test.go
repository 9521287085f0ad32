package record

import (
	"bytes"
	"compress/flate"
	"math"
	"strings"
	"testing"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
)

func typeOf(t testing.TB, decl string) schema.Type {
	t.Helper()
	tb := mustTable(t, "CREATE TABLE x (k INT PRIMARY KEY, c "+decl+")")
	return tb.Columns[1].Type
}

// TestValueExamples pins the value encoding of every type with the examples
// of docs/FORMAT.md.
func TestValueExamples(t *testing.T) {
	tests := []struct {
		decl string
		in   any
		want string
	}{
		{"VARCHAR(20)", "Zoë", "Zoë"},
		{"INT", int64(42), "G"},
		{"INT", int64(12345), "3d7"},
		{"INT", int64(-5), "-5"},
		{"BIGINT", int64(math.MinInt64), "-aZl8N0y58M8"},
		{"BIGINT UNSIGNED", uint64(math.MaxUint64), "lYGhA16ahyf"},
		{"DOUBLE", 3.14, "3.14"},
		{"DOUBLE", 1e-7, "1e-7"},
		{"DOUBLE", 1e300, "1e300"},
		{"DOUBLE", 123456789.0, "123456789"},
		{"DOUBLE", math.Copysign(0, -1), "-0"},
		{"DECIMAL(10,2)", "19.99", "wf"},
		{"DECIMAL(10,2)", "12345.67", "5ban"},
		{"DECIMAL(10,2)", "-0.05", "-5"},
		{"DECIMAL(10,2)", "7", "bi"},
		{"DECIMAL(5,0)", "7", "7"},
		{"DECIMAL(30,0)", "123456789012345678901234567890", "2AyLS9BKAMjjsWHR0"},
		{"BOOLEAN", true, "1"},
		{"DATE", "2024-01-02", "588"},
		{"DATE", "1969-12-31", "-1"},
		{"DATETIME", "2024-01-02 03:04:05", "1Rkv4x"},
		{"DATETIME(3)", "2024-01-02 03:04:05.678", "u0aFbhc"},
		{"DATETIME(3)", "2024-01-02 03:04:05", "u0aFb6g"},
		{"DATETIME(6)", "2024-01-02 03:04:05.123456", "7NUM0bz3i"},
		{"TIMESTAMP(6)", "1969-12-31 23:59:59.5", "-264w"},
		{"TIME", "12:34:56", "bMA"},
		{"TIME(6)", "00:00:00.000001", "1"},
		{"TIME(3)", "23:59:59.999", "5QwAn"},
		{"JSON", `{"a": 1}`, `{"a": 1}`},
		{"ENUM('new','paid','shipped')", "shipped", "3"},
		{"BLOB", []byte("hello"), "BOu!rDZ"},
		{"VARBINARY(8)", []byte{0, 0, 0, 0}, "z"},
		{"UUID", "123e4567-e89b-12d3-a456-426614174000", `&jA` + "`" + `skaN46UfKfo'Gj"7`},
		{"UUID", "00000000-0000-0000-0000-000000000000", "zzzz"},
		{"IP4", "192.168.0.1", "^o.56"},
		{"IP4", "255.255.255.255", "s8W-!"},
		{"IP6", "2001:db8::1", `+9;q]zz!!!!"`},
		{"EMBEDDING(4)", "[0.1,-0.25,0,1]", "c-4Bp!!%P`z!!%O6"},
		{"EMAIL", "zoe@example.com", "zoe@example.com"},
		{"URL", "https://example.com/", "https://example.com/"},
	}
	for _, tt := range tests {
		typ := typeOf(t, tt.decl)
		v, err := schema.Coerce(typ, tt.in)
		if err != nil {
			t.Fatalf("%s %v: %v", tt.decl, tt.in, err)
		}
		got, err := encodeValue(typ, v)
		if err != nil || got != tt.want {
			t.Errorf("%s %v = %q, %v; want %q", tt.decl, tt.in, got, err, tt.want)
			continue
		}
		back, err := decodeValue(typ, got)
		if err != nil || !sameValue(back, v) {
			t.Errorf("%s: decode %q = %#v, %v; want %#v", tt.decl, got, back, err, v)
		}
	}
}

// TestValueRoundTrip encodes and decodes edge values of every type.
func TestValueRoundTrip(t *testing.T) {
	tests := map[string][]any{
		"BIGINT":          {int64(0), int64(1), int64(-1), int64(61), int64(62), int64(-62), int64(math.MaxInt64), int64(math.MinInt64)},
		"BIGINT UNSIGNED": {uint64(0), uint64(61), uint64(62), uint64(math.MaxInt64) + 1, uint64(math.MaxUint64)},
		"DOUBLE": {0.0, math.Copysign(0, -1), 0.1, -1e-7, 1e-7, 1e15, 1e21, 123456789012345.0, math.MaxFloat64, -math.MaxFloat64,
			math.SmallestNonzeroFloat64, 5e-324, 0.30000000000000004, 1.5, -2.5e-10},
		"DECIMAL(65,30)": {"0", "-0.000000000000000000000000000001", strings.Repeat("9", 35) + "." + strings.Repeat("9", 30),
			"-" + strings.Repeat("9", 35), "18446744073709551616", "18446744073709551615", "1.000000000000000000000000000000"},
		"DECIMAL(5,0)":  {"0", "-1", "99999"},
		"DATE":          {"0001-01-01", "9999-12-31", "1970-01-01", "1969-12-31", "2000-02-29"},
		"DATETIME(6)":   {"0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "1970-01-01 00:00:00", "1969-12-31 23:59:59.000001", "2024-01-02 03:04:05.1"},
		"TIME(6)":       {"00:00:00", "23:59:59.999999", "12:00:00.5"},
		"BOOLEAN":       {true, false},
		"ENUM('a','b')": {"a", "b"},
		"LONGBLOB":      {[]byte{}, []byte{0}, []byte{0, 0, 0, 0, 0}, []byte("~u"), []byte{0xff, 0xfe, 0xfd}, []byte(strings.Repeat("x", 1000))},
		"UUID":          {"ffffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-000000000001"},
		"IP4":           {"0.0.0.0", "255.255.255.255", "10.0.0.1"},
		"IP6":           {"::", "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:1.2.3.4", "fe80::1"},
		"VECTOR(3)":     {"[0,0,0]", "[3.4028235e38,-1.1754944e-38,1e-45]", "[0.1,0.2,0.3]"},
		"VECTOR(64)":    {"[" + strings.Repeat("0.015625,", 63) + "-0.5]", "[" + strings.Repeat("0,", 63) + "0]", schema.FormatVector(make([]float32, 64))},
		"JSON":          {`null`, `"~u"`, `[]`},
		"LONGTEXT":      {"", "~", " x ", "日本語", "\x00"},
	}
	for decl, vals := range tests {
		typ := typeOf(t, decl)
		for _, in := range vals {
			v, err := schema.Coerce(typ, in)
			if err != nil {
				t.Fatalf("%s %v: %v", decl, in, err)
			}
			s, err := encodeValue(typ, v)
			if err != nil {
				t.Fatalf("%s %v: %v", decl, v, err)
			}
			if typ.Kind != schema.KindString && typ.Kind != schema.KindJSON && s != "" && encodeText(s) != s {
				t.Errorf("%s %v = %q is not metadata-safe as it is", decl, v, s)
			}
			back, err := decodeValue(typ, s)
			if err != nil || !sameValue(back, v) {
				t.Errorf("%s: %#v -> %q -> %#v, %v", decl, v, s, back, err)
			}
		}
	}
}

// TestValueNonCanonical: text that Encode never writes is an error, so every
// stored value has one encoding.
func TestValueNonCanonical(t *testing.T) {
	tests := []struct{ decl, text string }{
		{"INT", ""}, {"INT", "-0"}, {"INT", "00"}, {"INT", "+1"}, {"INT", " 1"},
		{"BIGINT UNSIGNED", "-1"}, {"BIGINT UNSIGNED", "lYGhA16ahyg"},
		{"DOUBLE", "1e+7"}, {"DOUBLE", "10000000"}, {"DOUBLE", "0.10"}, {"DOUBLE", "NaN"}, {"DOUBLE", "Inf"}, {"DOUBLE", "1e999"},
		{"DECIMAL(10,2)", "3d7."}, {"DECIMAL(10,2)", "03d7"}, {"DECIMAL(10,2)", "wf.2"}, {"DECIMAL(10,2)", "-0"}, {"DECIMAL(10,2)", ""},
		{"DECIMAL(10,2)", "-"}, {"DECIMAL(10,2)", "+wf"}, {"DECIMAL(10,2)", "w f"},
		{"DATE", "zzzzzz"}, {"DATE", "1.5"},
		{"DATETIME", "1Rkv4x.10"}, {"DATETIME", "1Rkv4x."}, {"DATETIME", ".g8"}, {"DATETIME", "zzzzzzz"}, {"DATETIME(6)", "zzzzzzzzzz"}, {"DATETIME", ""},
		{"TIME", "-1"}, {"TIME", "mTK"}, {"TIME", "1.x"}, {"TIME(3)", "5QwAo"}, {"TIME(6)", "-1"},
		{"ENUM('a','b')", "0"}, {"ENUM('a','b')", "3"}, {"ENUM('a','b')", "a"},
		{"BOOLEAN", "2"}, {"BOOLEAN", ""},
		{"BLOB", "!!!!!"}, {"BLOB", "a b"}, {"BLOB", "~"}, {"BLOB", "!"},
		{"UUID", "z"}, {"UUID", "zzzzz"},
		{"IP4", "a0*/"}, {"IP6", "a0*/!"},
		{"VECTOR(2)", "c-4Bp"}, {"VECTOR(1)", "s8W-!"}, // NaN
		{"VECTOR(64)", "v"}, {"VECTOR(64)", "vzzzz"}, {"VECTOR(1)", "v!!!!!"}, {"VECTOR(64)", "v" + encodeBinary([]byte{1, 2, 3})},
	}
	for _, tt := range tests {
		typ := typeOf(t, tt.decl)
		if v, err := decodeValue(typ, tt.text); err == nil {
			t.Errorf("%s: decode %q = %#v, want an error", tt.decl, tt.text, v)
		}
	}
}

// TestTypesRoundTripAllBehaviors stores a row of every type under every behavior.
func TestTypesRoundTripAllBehaviors(t *testing.T) {
	for _, behavior := range behaviors {
		tb := mustTable(t, everyTypeSQL)
		tb.Behavior = behavior
		row := everyTypeRow(t, tb)
		enc, err := Encode(tb, row)
		if err != nil {
			t.Fatalf("%s: %v", behavior, err)
		}
		checkMeta(t, enc.Meta)
		got, err := Decode(tb, objectOf(tb, row, enc))
		if err != nil || !sameRow(got, row) {
			t.Errorf("%s: decoded %#v, %v\nwant %#v", behavior, got, err, row)
		}
	}
}

func objectOf(tb *schema.Table, row []any, enc Encoded) *storage.Object {
	return &storage.Object{Key: Key(tb.Name, row[tb.PKIndex()]), Meta: enc.Meta, Body: enc.Body}
}

// TestVectorPacking: embeddings of typical values are packed (shuffled and
// deflated) when that is shorter, and an inflated vector cannot exceed its
// dimensions.
func TestVectorPacking(t *testing.T) {
	typ := typeOf(t, "EMBEDDING(512)")
	vec := make([]float32, 512)
	for i := range vec {
		vec[i] = float32(i%97)/97 - 0.5
	}
	v := schema.FormatVector(vec)
	s, err := encodeValue(typ, v)
	if err != nil || !strings.HasPrefix(s, "v") || len(s) >= 5*512 {
		t.Fatalf("encodeValue = %d characters %.10q, %v; want a packed vector", len(s), s, err)
	}
	if back, err := decodeValue(typ, s); err != nil || back != v {
		t.Fatalf("decode: %v", err)
	}
	// A deflate bomb: 1 MB of zeros claimed as 512 dimensions.
	var bomb bytes.Buffer
	w, _ := flate.NewWriter(&bomb, flate.BestCompression)
	w.Write(make([]byte, 1<<20))
	w.Close()
	if _, err := decodeValue(typ, "v"+encodeBinary(bomb.Bytes())); err == nil || !strings.Contains(err.Error(), "want 2048") {
		t.Errorf("bomb: %v", err)
	}
}
