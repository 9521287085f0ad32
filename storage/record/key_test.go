package record

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// mustTable builds a table from CREATE TABLE text.
func mustTable(t testing.TB, sql string) *schema.Table {
	t.Helper()
	stmts, err := sqlparse.Parse(sql)
	if err != nil {
		t.Fatalf("parse %q: %v", sql, err)
	}
	tb, err := schema.NewTable(stmts[0].(*sqlparse.CreateTable), "", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("NewTable(%s): %v", sql, err)
	}
	return tb
}

func TestPrefixes(t *testing.T) {
	if got := TablePrefix("users"); got != "resource=users/" {
		t.Errorf("TablePrefix = %q", got)
	}
	if got := DataPrefix("users"); got != "resource=users/data/" {
		t.Errorf("DataPrefix = %q", got)
	}
	if strings.HasPrefix(DataPrefix("users"), DataPrefix("user")) {
		t.Error("the prefix of table user matches the rows of table users")
	}
	tests := []struct {
		id   any
		want string
	}{
		{"abc", "resource=t/data/id=abc"},
		{"a/b=c%d", "resource=t/data/id=a%2Fb%3Dc%25d"},
		{"", "resource=t/data/id="},
		{".", "resource=t/data/id=%2E"},
		{"..", "resource=t/data/id=%2E%2E"},
		{"...", "resource=t/data/id=..."},
		{"é 😀", "resource=t/data/id=%C3%A9%20%F0%9F%98%80"},
		{int64(-42), "resource=t/data/id=-42"},
		{int64(math.MinInt64), "resource=t/data/id=-9223372036854775808"},
	}
	for _, tt := range tests {
		if got := Key("t", tt.id); got != tt.want {
			t.Errorf("Key(t, %#v) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestEscapeValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abcXYZ019-_.~", "abcXYZ019-_.~"},
		{"/", "%2F"},
		{"=", "%3D"},
		{"%", "%25"},
		{" ", "%20"},
		{"+", "%2B"},
		{".", "%2E"},
		{"..", "%2E%2E"},
		{"./..", ".%2F.."},
		{"\x00\xff", "%00%FF"},
		{"ü", "%C3%BC"},
	}
	for _, tt := range tests {
		if got := EscapeValue(tt.in); got != tt.want {
			t.Errorf("EscapeValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back, err := UnescapeValue(tt.want); err != nil || back != tt.in {
			t.Errorf("UnescapeValue(%q) = %q, %v; want %q", tt.want, back, err, tt.in)
		}
	}
	// Lower-case hex digits are read too.
	if got, err := UnescapeValue("a%2fb"); err != nil || got != "a/b" {
		t.Errorf("UnescapeValue(a%%2fb) = %q, %v", got, err)
	}
	for _, bad := range []string{"%", "a%", "%4", "a%4", "%GG", "%4G", "%-1", "%+1", "% 1", "%%"} {
		if got, err := UnescapeValue(bad); err == nil {
			t.Errorf("UnescapeValue(%q) = %q, want an error", bad, got)
		}
	}
}

// randomValue builds a string from pieces that are special in keys.
func randomValue(r *rand.Rand) string {
	pieces := []string{"/", "=", "%", ".", "..", "a", "Z", "0", "-", "_", "~", " ", "+", "é", "日", "😀", "\x00", "\x7f", "\xff", "%2F", "id=", "resource=", "\n"}
	var b strings.Builder
	for range r.IntN(8) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// TestEscapeRoundTrip is a property test: every string survives
// Escape/Unescape, and its escaped form is one safe key segment.
func TestEscapeRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	check := func(s string) {
		e := EscapeValue(s)
		if strings.Contains(e, "/") {
			t.Fatalf("EscapeValue(%q) = %q contains '/'", s, e)
		}
		if e == "." || e == ".." {
			t.Fatalf("EscapeValue(%q) = %q is a dot segment", s, e)
		}
		for i := 0; i < len(e); i++ {
			if !unreserved(e[i]) && e[i] != '%' {
				t.Fatalf("EscapeValue(%q) = %q has byte %q", s, e, e[i])
			}
		}
		back, err := UnescapeValue(e)
		if err != nil || back != s {
			t.Fatalf("UnescapeValue(EscapeValue(%q)) = %q, %v", s, back, err)
		}
	}
	for range 20000 {
		check(randomValue(r))
	}
	// Random bytes too.
	for range 5000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		check(string(b))
	}
}

func TestParseKey(t *testing.T) {
	strTable := mustTable(t, "CREATE TABLE t (v INT)") // implicit id VARCHAR(22)
	intTable := mustTable(t, "CREATE TABLE n (k BIGINT PRIMARY KEY, v INT)")

	// Round trips.
	for _, id := range []string{"abc", "a/b", "=", "%", ".", "..", "", "é😀", " x ", "id=1"} {
		got, err := ParseKey(strTable, Key("t", id))
		if err != nil || got != id {
			t.Errorf("ParseKey(Key(%q)) = %#v, %v", id, got, err)
		}
	}
	for _, id := range []int64{0, 1, -1, math.MaxInt64, math.MinInt64} {
		got, err := ParseKey(intTable, Key("n", id))
		if err != nil || got != id {
			t.Errorf("ParseKey(Key(%d)) = %#v (%T), %v", id, got, got, err)
		}
	}
	// A digit string is a string for a VARCHAR key.
	if got, err := ParseKey(strTable, "resource=t/data/id=42"); err != nil || got != "42" {
		t.Errorf("VARCHAR key 42 = %#v, %v", got, err)
	}

	tests := []struct {
		name string
		tb   *schema.Table
		key  string
		want string
	}{
		{"other table", strTable, "resource=u/data/id=1", "corrupt row resource=u/data/id=1: not a row key of table t"},
		{"table name prefix", strTable, "resource=tt/data/id=1", "corrupt row resource=tt/data/id=1: not a row key of table t"},
		{"partition entry", strTable, "resource=t/partition=p/v=1/id=1", "corrupt row resource=t/partition=p/v=1/id=1: not a row key of table t"},
		{"no id=", strTable, "resource=t/data/1", "corrupt row resource=t/data/1: not a row key of table t"},
		{"catalog", strTable, "s3db.json", "corrupt row s3db.json: not a row key of table t"},
		{"bad escape", strTable, "resource=t/data/id=%ZZ", `corrupt row resource=t/data/id=%ZZ: bad key: invalid escape "%ZZ" in "%ZZ"`},
		{"truncated escape", strTable, "resource=t/data/id=a%2", `corrupt row resource=t/data/id=a%2: bad key: truncated escape in "a%2"`},
		{"nested segment", strTable, "resource=t/data/id=a/b", "corrupt row resource=t/data/id=a/b: not a row key (the key of 'a/b' is resource=t/data/id=a%2Fb)"},
		{"lower-case escape", strTable, "resource=t/data/id=a%2fb", "corrupt row resource=t/data/id=a%2fb: not a row key (the key of 'a/b' is resource=t/data/id=a%2Fb)"},
		{"needless escape", strTable, "resource=t/data/id=%41", "corrupt row resource=t/data/id=%41: not a row key (the key of 'A' is resource=t/data/id=A)"},
		{"unescaped space", strTable, "resource=t/data/id=a b", "corrupt row resource=t/data/id=a b: not a row key (the key of 'a b' is resource=t/data/id=a%20b)"},
		{"dot segment", strTable, "resource=t/data/id=..", "corrupt row resource=t/data/id=..: not a row key (the key of '..' is resource=t/data/id=%2E%2E)"},
		{"not an integer", intTable, "resource=n/data/id=abc", `corrupt row resource=n/data/id=abc: key "abc" is not an integer`},
		{"empty integer", intTable, "resource=n/data/id=", `corrupt row resource=n/data/id=: key "" is not an integer`},
		{"integer out of range", intTable, "resource=n/data/id=9223372036854775808", `corrupt row resource=n/data/id=9223372036854775808: key "9223372036854775808" is not an integer`},
		{"leading zero", intTable, "resource=n/data/id=05", "corrupt row resource=n/data/id=05: not a row key (the key of 5 is resource=n/data/id=5)"},
		{"plus sign", intTable, "resource=n/data/id=+5", "corrupt row resource=n/data/id=+5: not a row key (the key of 5 is resource=n/data/id=5)"},
		{"minus zero", intTable, "resource=n/data/id=-0", "corrupt row resource=n/data/id=-0: not a row key (the key of 0 is resource=n/data/id=0)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKey(tt.tb, tt.key)
			if err == nil {
				t.Fatalf("ParseKey(%q) = %#v, want an error", tt.key, got)
			}
			if err.Error() != tt.want {
				t.Errorf("ParseKey(%q) error\n got %q\nwant %q", tt.key, err, tt.want)
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("ParseKey(%q) error %q does not wrap ErrCorrupt", tt.key, err)
			}
		})
	}
}
