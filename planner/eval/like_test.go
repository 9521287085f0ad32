package eval

import (
	"testing"
	"unicode/utf8"
)

func TestLike(t *testing.T) {
	runCases(t, []tcase{
		{sql: "'abc' LIKE 'abc'", want: true},
		{sql: "'abc' LIKE 'ABC'", want: false},
		{sql: "'abc' LIKE 'ab'", want: false},
		{sql: "'abc' LIKE 'a%'", want: true},
		{sql: "'abc' LIKE 'b%'", want: false},
		{sql: "'abc' LIKE '%c'", want: true},
		{sql: "'abc' LIKE '%b'", want: false},
		{sql: "'abc' LIKE '%b%'", want: true},
		{sql: "'abc' LIKE '%x%'", want: false},
		{sql: "'abc' LIKE '%'", want: true},
		{sql: "'' LIKE '%'", want: true},
		{sql: "'' LIKE ''", want: true},
		{sql: "'' LIKE '_'", want: false},
		{sql: "'abc' LIKE 'a_c'", want: true},
		{sql: "'abc' LIKE '_b_'", want: true},
		{sql: "'abc' LIKE '__'", want: false},
		{sql: "'abc' LIKE '___'", want: true},
		{sql: "'héllo' LIKE 'h_llo'", want: true},
		{sql: "'héllo' LIKE 'h__llo'", want: false},
		{sql: "'a\nb' LIKE 'a_b'", want: true},
		{sql: "'a%b' LIKE 'a\\\\%b'", want: true},
		{sql: "'axb' LIKE 'a\\\\%b'", want: false},
		{sql: "'a_b' LIKE 'a\\\\_b'", want: true},
		{sql: "'axb' LIKE 'a\\\\_b'", want: false},
		{sql: "'a%b' LIKE 'a|%b' ESCAPE '|'", want: true},
		{sql: "'a|xb' LIKE 'a|%b' ESCAPE '|'", want: false},
		{sql: "'a\\\\b' LIKE 'a\\\\\\\\b'", want: true},
		{sql: "'ab\\\\' LIKE 'ab\\\\'", want: true},
		{sql: "'abcabc' LIKE '%bc%bc'", want: true},
		{sql: "'aaa' LIKE '%a%a%a%'", want: true},
		{sql: "'aa' LIKE '%a%a%a%'", want: false},
		{sql: "'mississippi' LIKE '%iss%ipp%'", want: true},
		{sql: "'mississippi' LIKE 'm%iss_ppi'", want: true},
		{sql: "'mississippi' LIKE 'm%iss_pp'", want: false},
		{sql: "'abc' LIKE 'a%%c'", want: true},
		{sql: "'ab' LIKE 'a%b%'", want: true},
		{sql: "'ab' LIKE '%_'", want: true},
		{sql: "n LIKE 'a%'", want: nil},
		{sql: "'a' LIKE n", want: nil},
		{sql: "'abc' NOT LIKE 'a%'", want: false},
		{sql: "'abc' NOT LIKE 'x%'", want: true},
		{sql: "n NOT LIKE 'a'", want: nil},
		{sql: "123 LIKE '1%'", want: true},
		{sql: "1.5 LIKE '1._'", want: true},
		{sql: "t LIKE '2024-01-%'", want: true},
		{sql: "b LIKE '1'", want: true},
		{sql: "bin LIKE 'x%'", want: true},
		{sql: "name LIKE ?", params: []any{"A%"}, want: true},
		{sql: "name LIKE ?", params: []any{"a%"}, want: false},
		{sql: "name LIKE ?", params: []any{nil}, want: nil},
		{sql: "name LIKE CONCAT(LEFT(name, 1), '%')", want: true},
		{sql: "s LIKE name", want: false},
	})
}

// refLike is a direct recursive (memoised) reading of LIKE over characters.
func refLike(s, p []rune, esc rune) bool {
	memo := map[[2]int]bool{}
	var m func(i, j int) bool
	m = func(i, j int) bool {
		if v, ok := memo[[2]int{i, j}]; ok {
			return v
		}
		var r bool
		switch {
		case j == len(p):
			r = i == len(s)
		case p[j] == esc && j+1 < len(p):
			r = i < len(s) && s[i] == p[j+1] && m(i+1, j+2)
		case p[j] == '%':
			r = m(i, j+1) || i < len(s) && m(i+1, j)
		case p[j] == '_':
			r = i < len(s) && m(i+1, j+1)
		default:
			r = i < len(s) && s[i] == p[j] && m(i+1, j+1)
		}
		memo[[2]int{i, j}] = r
		return r
	}
	return m(0, 0)
}

func FuzzLike(f *testing.F) {
	for _, c := range [][2]string{
		{"abc", "a%"}, {"abc", "%b%"}, {"abc", "_b_"}, {"mississippi", "%iss%ipp%"}, {"a%b", `a\%b`},
		{"héllo", "h_llo"}, {"aaa", "%a%a%a%"}, {"ab\\", "ab\\"}, {"", "%"}, {"x", "!_"},
	} {
		f.Add(c[0], c[1], false)
		f.Add(c[0], c[1], true)
	}
	f.Fuzz(func(t *testing.T, s, p string, bang bool) {
		if !utf8.ValidString(s) || !utf8.ValidString(p) || len(p) > 64 || len(s) > 256 {
			return
		}
		esc := '\\'
		if bang {
			esc = '!'
		}
		got := compileLike(p, esc).match(s)
		if want := refLike([]rune(s), []rune(p), esc); got != want {
			t.Fatalf("%q LIKE %q ESCAPE %q = %v, want %v", s, p, esc, got, want)
		}
	})
}
