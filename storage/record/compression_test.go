package record

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/s3db-go/s3db/schema"
)

var updateCompression = flag.Bool("update-compression", false, "rewrite testdata/compression.golden")

// compressionCase is one value of a special type, as plain text (what JSON
// or a text column would hold) and as s3db stores it.
type compressionCase struct {
	decl, what string
	plain      string // the plain text the saving is measured against
	value      any    // the value to store (plain when nil)
	s3dbjs     int    // the saving s3db.js publishes for the type, in %, or 0
}

// randomVector returns n float32 in [-1, 1) as JSON text twice: with float32
// precision (the value s3db stores and returns) and with float64 precision
// (17 significant digits, as JSON.stringify prints Math.random(): s3db.js's
// baseline).
func randomVector(r *rand.Rand, n int) (f32, f64 string) {
	b := make([]string, n)
	vec := make([]float32, n)
	for i := range n {
		f := r.Float64()*2 - 1
		vec[i] = float32(f)
		b[i] = strconv.FormatFloat(f, 'g', 17, 64)
	}
	return schema.FormatVector(vec), "[" + strings.Join(b, ",") + "]"
}

func compressionCases() []compressionCase {
	r := rand.New(rand.NewPCG(7, 8))
	v1536, v1536js := randomVector(r, 1536)
	v256, v256js := randomVector(r, 256)
	return []compressionCase{
		{"EMBEDDING(1536)", "1536 random floats, JSON as s3db.js measures (float64)", v1536js, v1536js, 77},
		{"EMBEDDING(1536)", "the same, JSON at float32 precision (what s3db returns)", v1536, nil, 0},
		{"EMBEDDING(256)", "256 random floats, JSON as s3db.js measures (float64)", v256js, v256js, 68},
		{"EMBEDDING(256)", "the same, JSON at float32 precision", v256, nil, 0},
		{"IP4", "255.255.255.255", "255.255.255.255", nil, 47},
		{"IP4", "192.168.1.100", "192.168.1.100", nil, 0},
		{"IP4", "1.1.1.1", "1.1.1.1", nil, 0},
		{"IP6", "full form", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", nil, 44},
		{"IP6", "compressed form", "2001:db8:85a3::8a2e:370:7334", nil, 0},
		{"UUID", "canonical", "f47ac10b-58cc-4372-a567-0e02b2c3d479", nil, 33},
		{"DATETIME", "ISO, whole seconds", "2024-01-02T03:04:05.000Z", nil, 67},
		{"DATETIME(3)", "ISO, milliseconds", "2024-01-02T03:04:05.678Z", nil, 67},
		{"DATETIME(6)", "MySQL text, microseconds", "2024-01-02 03:04:05.123456", nil, 0},
		{"DATE", "", "2024-01-02", nil, 70},
		{"TIME", "", "12:34:56", nil, 58},
		{"TIME(3)", "", "12:34:56.789", nil, 0},
		{"DECIMAL(10,2)", "price", "19.99", nil, 40},
		{"DECIMAL(10,2)", "amount", "12345.67", nil, 0},
		{"BIGINT", "", "1234567890", nil, 0},
		{"BIGINT UNSIGNED", "maximum", "18446744073709551615", nil, 0},
		{"ENUM('new','paid','shipped','cancelled')", "", "cancelled", nil, 0},
		{"BOOLEAN", "", "true", true, 0},
	}
}

// TestCompression measures what each special type saves against its plain
// text, pins the table in testdata/compression.golden (the table of
// docs/FORMAT.md and README.md) and checks that s3db saves at least what
// s3db.js publishes. Regenerate:
//
//	go test ./storage/record -run TestCompression -update-compression
func TestCompression(t *testing.T) {
	var out strings.Builder
	out.WriteString("| type | value | plain bytes | stored bytes | saved | s3db.js |\n|---|---|---|---|---|---|\n")
	for _, c := range compressionCases() {
		typ := typeOf(t, c.decl)
		in := c.value
		if in == nil {
			in = c.plain
		}
		v, err := schema.Coerce(typ, in)
		if err != nil {
			t.Fatalf("%s %s: %v", c.decl, c.what, err)
		}
		enc, err := encodeValue(typ, v)
		if err != nil {
			t.Fatal(err)
		}
		stored := len(encodeText(enc))
		saved := 100 * float64(len(c.plain)-stored) / float64(len(c.plain))
		what := c.what
		if what == "" {
			what = c.plain
		}
		js := ""
		if c.s3dbjs > 0 {
			js = fmt.Sprintf("%d%%", c.s3dbjs)
		}
		fmt.Fprintf(&out, "| %s | %s | %d | %d | %.1f%% | %s |\n", strings.SplitN(c.decl, "(", 2)[0]+declArgs(c.decl), what, len(c.plain), stored, saved, js)
		// Beat or match s3db.js.
		if c.s3dbjs > 0 && saved+0.5 < float64(c.s3dbjs) {
			t.Errorf("%s %s saves %.1f%%, s3db.js %d%%", c.decl, c.what, saved, c.s3dbjs)
		}
		if back, err := decodeValue(typ, enc); err != nil || !sameValue(back, v) {
			t.Errorf("%s: round trip %v, %v", c.decl, back, err)
		}
	}
	t.Log("\n" + out.String())
	path := filepath.Join("testdata", "compression.golden")
	if *updateCompression {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-compression)", err)
	}
	if string(want) != out.String() {
		t.Errorf("compression figures differ from %s (rerun with -update-compression and update the docs):\n%s", path, out.String())
	}
}

// declArgs keeps a declaration's arguments, except ENUM's member list.
func declArgs(decl string) string {
	if i := strings.IndexByte(decl, '('); i >= 0 && !strings.HasPrefix(decl, "ENUM") {
		return decl[i:]
	}
	return ""
}
