package sqlparse

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the parser's output")

// corpusCase is one case of a testdata/*.sql file, where each case starts
// with a line `-- case: NAME` and runs to the next one.
type corpusCase struct{ name, sql string }

func loadCorpus(t testing.TB) map[string][]corpusCase {
	files, err := filepath.Glob("testdata/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	corpus := map[string][]corpusCase{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var cases []corpusCase
		for _, chunk := range strings.Split(string(data), "-- case: ")[1:] {
			name, sql, _ := strings.Cut(chunk, "\n")
			cases = append(cases, corpusCase{strings.TrimSpace(name), strings.TrimSpace(sql)})
		}
		corpus[file] = cases
	}
	return corpus
}

// TestGolden parses every case of testdata/*.sql and compares the dump of
// the IR, or the error, with testdata/*.golden. Run with -update to rewrite.
func TestGolden(t *testing.T) {
	for file, cases := range loadCorpus(t) {
		var b strings.Builder
		for _, c := range cases {
			b.WriteString("-- case: " + c.name + "\n" + c.sql + "\n=>\n")
			stmts, err := Parse(c.sql)
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Errorf("%s: %s: error %T is not *Error", file, c.name, err)
				}
				b.WriteString("error: " + err.Error() + "\n")
			} else {
				b.WriteString(dump(stmts))
				if n := NumParams(stmts); n > 0 {
					b.WriteString("params: " + itoa(n) + "\n")
				}
			}
			b.WriteString("\n")
		}
		golden := strings.TrimSuffix(file, ".sql") + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if got := b.String(); got != string(want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", file, golden, firstDiff(got, string(want)))
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + itoa(i+1) + ":\n got: " + g[i] + "\nwant: " + w[i]
		}
	}
	return "lengths differ"
}
