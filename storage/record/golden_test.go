package record

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const tokenPlaceholder = "<write-token>"

// A write token alone (metadata-only layout) or in the body's "_w" field.
var (
	bareToken   = regexp.MustCompile(`^[A-Za-z0-9_-]{16}$`)
	tokenInBody = regexp.MustCompile(`"_w":"[A-Za-z0-9_-]{16}"`)
)

// goldenCase is a fixed row of a fixed table.
type goldenCase struct {
	title string
	table *schema.Table
	row   []any
}

// goldenCases are the rows of testdata/row.golden: every type and every
// behavior of the current record format.
func goldenCases(t testing.TB) []goldenCase {
	users := func(behavior string) *schema.Table {
		tb := mustTable(t, `CREATE TABLE users (id VARCHAR(22) PRIMARY KEY, name VARCHAR(100), age INT,
			score DOUBLE, active BOOLEAN, born DATE, seen DATETIME(6), tags JSON, note TEXT, big BIGINT)`)
		tb.Behavior = behavior
		return tb
	}
	small := func(tb *schema.Table, note any) []any {
		return coerceRow(t, tb, "u/1", "Zoë ~test", int64(-42), -1e-7, true, "2000-02-29",
			time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC), `{"a": [1, "é"]}`, note, int64(-9223372036854775808))
	}
	ov := users(schema.BehaviorBodyOverflow)
	only := users(schema.BehaviorBodyOnly)
	trunc := users(schema.BehaviorTruncateData)
	noID := mustTable(t, "CREATE TABLE events (kind VARCHAR(10) NOT NULL, at DATETIME)")
	numbered := mustTable(t, "CREATE TABLE n (k BIGINT PRIMARY KEY, v TEXT)")
	numbered.Version = 3
	every := mustTable(t, everyTypeSQL)
	uuidKey := mustTable(t, "CREATE TABLE u (k UUID PRIMARY KEY, n BIGINT UNSIGNED)")
	return []goldenCase{
		{"body-overflow, fits in metadata", ov, small(ov, " padded ")},
		{"body-overflow, NULLs are absent", ov, coerceRow(t, ov, "u2", nil, nil, nil, false, nil, nil, nil, nil, nil)},
		{"body-overflow, large fields go to the body", ov, small(ov, strings.Repeat("0123456789", 210))},
		{"body-only", only, small(only, "~")},
		{"truncate-data, the largest text is cut", trunc, small(trunc, strings.Repeat("é", 1200))},
		{"implicit id", noID, coerceRow(t, noID, "Xk3_9-zz", "click", "2024-02-03 04:05:06")},
		{"integer key, schema version 3", numbered, []any{int64(-7), "é"}},
		{"every type", every, everyTypeRow(t, every)},
		{"every type, NULLs", every, append([]any{"nulls"}, make([]any, len(every.Columns)-1)...)},
		{"UUID key, unsigned maximum", uuidKey, coerceRow(t, uuidKey, "123E4567-E89B-12D3-A456-426614174000", uint64(18446744073709551615))},
	}
}

// goldenCasesV1 are the rows of testdata/row_v1.golden, written by record
// format 1 (values as plain text, no "_f"). That file is frozen: it is never
// rewritten, and its objects must decode to these rows forever.
func goldenCasesV1(t testing.TB) []goldenCase {
	users := func(behavior string) *schema.Table {
		tb := mustTable(t, `CREATE TABLE users (id VARCHAR(22) PRIMARY KEY, name VARCHAR(100), age INT,
			score DOUBLE, active BOOLEAN, born DATE, seen DATETIME(6), tags JSON, note TEXT, big BIGINT)`)
		tb.Behavior = behavior
		return tb
	}
	small := func(tb *schema.Table, note any) []any {
		return coerceRow(t, tb, "u/1", "Zoë ~test", int64(-42), -1e-7, true, "2000-02-29",
			time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC), `{"a": [1, "é"]}`, note, int64(-9223372036854775808))
	}
	ov := users(schema.BehaviorBodyOverflow)
	only := users(schema.BehaviorBodyOnly)
	noID := mustTable(t, "CREATE TABLE events (kind VARCHAR(10) NOT NULL, at DATETIME)")
	numbered := mustTable(t, "CREATE TABLE n (k BIGINT PRIMARY KEY, v TEXT)")
	numbered.Version = 3
	return []goldenCase{
		{"body-overflow, fits in metadata", ov, small(ov, " padded ")},
		{"body-overflow, NULLs are absent", ov, coerceRow(t, ov, "u2", nil, nil, nil, false, nil, nil, nil, nil, nil)},
		{"body-overflow, large fields go to the body", ov, small(ov, strings.Repeat("0123456789", 210))},
		{"body-only", only, small(only, "~")},
		{"implicit id", noID, coerceRow(t, noID, "Xk3_9-zz", "click", "2024-02-03 04:05:06")},
		{"integer key, schema version 3", numbered, []any{int64(-7), "é"}},
	}
}

// renderGolden writes the case's object as it is stored: its key, its
// metadata as sorted name=value lines and its body, with the random write
// token replaced by a placeholder.
func renderGolden(w *bytes.Buffer, c goldenCase, enc Encoded) {
	fmt.Fprintf(w, "== %s\n", c.title)
	fmt.Fprintf(w, "key: %s\n", Key(c.table.Name, c.row[c.table.PKIndex()]))
	names := make([]string, 0, len(enc.Meta))
	for k := range enc.Meta {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(w, "meta: %s=%s\n", k, enc.Meta[k])
	}
	body := string(enc.Body)
	switch {
	case bareToken.MatchString(body):
		body = tokenPlaceholder
	case tokenInBody.MatchString(body):
		body = tokenInBody.ReplaceAllString(body, `"_w":"`+tokenPlaceholder+`"`)
	}
	fmt.Fprintf(w, "body: %s\n\n", body)
}

// TestGolden pins the record format: a change of the format must change
// testdata/row.golden (go test ./storage/record -run TestGolden -update), and
// the objects in the golden file must still decode to their rows.
func TestGolden(t *testing.T) {
	path := filepath.Join("testdata", "row.golden")
	cases := goldenCases(t)
	var got bytes.Buffer
	got.WriteString("# Record format 2: each row's object key, metadata (sorted) and body.\n")
	got.WriteString("# Generated by TestGolden; rewrite with: go test ./storage/record -run TestGolden -update\n\n")
	for _, c := range cases {
		enc, err := Encode(c.table, c.row)
		if err != nil {
			t.Fatalf("%s: %v", c.title, err)
		}
		renderGolden(&got, c, enc)
	}
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got %q\nwant %q\n(if the format change is intended, run with -update)", path, i+1, schema.Truncate(g, 200), schema.Truncate(w, 200))
			}
		}
	}

	// The stored objects decode to their rows.
	objs := parseGolden(t, string(want))
	if len(objs) != len(cases) {
		t.Fatalf("%s holds %d objects, want %d", path, len(objs), len(cases))
	}
	for i, c := range cases {
		row, err := Decode(c.table, objs[i])
		if err != nil {
			t.Errorf("%s: decode the golden object: %v", c.title, err)
			continue
		}
		if Truncated(objs[i]) {
			checkTruncated(t, c.table, row, c.row)
			continue
		}
		if !sameRow(row, c.row) {
			t.Errorf("%s: golden object decodes to\n%#v\nwant\n%#v", c.title, row, c.row)
		}
	}
}

// TestGoldenV1: rows written by record format 1 still decode.
func TestGoldenV1(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "row_v1.golden"))
	if err != nil {
		t.Fatal(err)
	}
	cases := goldenCasesV1(t)
	objs := parseGolden(t, string(text))
	if len(objs) != len(cases) {
		t.Fatalf("row_v1.golden holds %d objects, want %d", len(objs), len(cases))
	}
	for i, c := range cases {
		if _, ok := objs[i].Meta["_f"]; ok {
			t.Fatalf("%s: a format 1 row has _f", c.title)
		}
		row, err := Decode(c.table, objs[i])
		if err != nil {
			t.Errorf("%s: %v", c.title, err)
			continue
		}
		if !sameRow(row, c.row) {
			t.Errorf("%s: decodes to\n%#v\nwant\n%#v", c.title, row, c.row)
		}
	}
}

// parseGolden reads back the objects of a golden file, with a fixed write token.
func parseGolden(t *testing.T, text string) []*storage.Object {
	var objs []*storage.Object
	var cur *storage.Object
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "== "):
			cur = &storage.Object{Meta: map[string]string{}}
			objs = append(objs, cur)
		case cur == nil:
		case strings.HasPrefix(line, "key: "):
			cur.Key = strings.TrimPrefix(line, "key: ")
		case strings.HasPrefix(line, "meta: "):
			k, v, ok := strings.Cut(strings.TrimPrefix(line, "meta: "), "=")
			if !ok {
				t.Fatalf("bad golden line %q", line)
			}
			cur.Meta[k] = v
		case strings.HasPrefix(line, "body: "):
			cur.Body = []byte(strings.ReplaceAll(strings.TrimPrefix(line, "body: "), tokenPlaceholder, "AAAAAAAAAAAAAAAA"))
		}
	}
	return objs
}
