package eval

import (
	"strings"
	"testing"
)

var jsonCases = []tcase{
	{sql: "JSON_EXTRACT(j, '$.a.b[1]')", want: "20"},
	{sql: "j->'$.a.b[0]'", want: "10"},
	{sql: "j->'$.s'", want: `"x"`},
	{sql: "j->>'$.s'", want: "x"},
	{sql: "j->'$.a'", want: `{"b": [10, 20]}`},
	{sql: "j->'$'", want: `{"a": {"b": [10, 20]}, "n": null, "s": "x"}`},
	{sql: "j->'$.n'", want: "null"},
	{sql: "j->>'$.n'", want: "null"},
	{sql: "j->'$.missing'", want: nil},
	{sql: "j->'$.a.b[5]'", want: nil},
	{sql: "j->'$.a.b[last]'", want: "20"},
	{sql: "j->'$.a.b[last-1]'", want: "10"},
	{sql: "j->'$.a.b[last - 2]'", want: nil},
	{sql: "j->'$.a.b[*]'", want: "[10, 20]"},
	{sql: "j->'$.*'", want: `[{"b": [10, 20]}, null, "x"]`},
	{sql: "j->'$.s[0]'", want: `"x"`},
	{sql: "j->'$.s.t'", want: nil},
	{sql: "j->'$ . a . b [ 0 ]'", want: "10"},
	{sql: "JSON_EXTRACT(j, '$.s', '$.a.b[0]')", want: `["x", 10]`},
	{sql: "JSON_EXTRACT(j, '$.s', '$.none')", want: `["x"]`},
	{sql: "JSON_EXTRACT('{\"a b\": 1}', '$.\"a b\"')", want: "1"},
	{sql: "JSON_EXTRACT('{\"a\\\\\"b\": 2}', '$.\"a\\\\\"b\"')", want: "2"},
	{sql: "JSON_EXTRACT('{\"é\": 3}', '$.é')", want: "3"},
	{sql: "JSON_EXTRACT('[1, [2, 3]]', '$[1][0]')", want: "2"},
	{sql: "JSON_EXTRACT('{\"x\": 1.50}', '$.x')", want: "1.5"},
	{sql: "JSON_EXTRACT('{\"x\": 1E2}', '$.x')", want: "100.0"},
	{sql: "JSON_EXTRACT('[18446744073709551615]', '$[0]')", want: "18446744073709551615"},
	{sql: "JSON_EXTRACT('[\"a\\\\nb<é\"]', '$[0]')", want: `"a\nb<é"`},
	{sql: "JSON_EXTRACT(n, '$.a')", want: nil},
	{sql: "JSON_EXTRACT(j, n)", want: nil},
	{sql: "JSON_EXTRACT(j, ?)", params: []any{"$.s"}, want: `"x"`},
	{sql: "JSON_EXTRACT(j, ?)", params: []any{"$."}, err: "invalid JSON path expression '$.': error around character position 3"},
	{sql: "JSON_EXTRACT(j, '$.')", err: "invalid JSON path expression '$.': error around character position 3"},
	{sql: "JSON_EXTRACT(j, 'a')", err: "invalid JSON path expression 'a': error around character position 1"},
	{sql: "JSON_EXTRACT(j, '$[')", err: "invalid JSON path expression"},
	{sql: "JSON_EXTRACT(j, '$.a[x]')", err: "invalid JSON path expression"},
	{sql: "JSON_EXTRACT(j, '$.a[1')", err: "invalid JSON path expression"},
	{sql: "JSON_EXTRACT(j, '$**.a')", err: "invalid JSON path expression"},
	{sql: "JSON_EXTRACT(j, '$.1a')", err: "invalid JSON path expression"},
	{sql: "JSON_EXTRACT(j, '$.\"open')", err: "invalid JSON path expression"},
	{sql: "JSON_EXTRACT(j, '$[last-]')", err: "invalid JSON path expression"},
	{sql: "JSON_EXTRACT('{bad', '$')", err: "invalid JSON text in argument 1 to function JSON_EXTRACT"},
	{sql: "JSON_EXTRACT('[1] x', '$')", err: "trailing content"},
	{sql: "JSON_EXTRACT(j)", err: "function JSON_EXTRACT takes at least 2 arguments, got 1"},
	{sql: "JSON_UNQUOTE('\"a\\\\tb\"')", want: "a\tb"},
	{sql: "JSON_UNQUOTE('abc')", want: "abc"},
	{sql: "JSON_UNQUOTE('[1]')", want: "[1]"},
	{sql: "JSON_UNQUOTE('\"bad\\\\x\"')", err: "invalid JSON text in argument 1 to function JSON_UNQUOTE"},
	{sql: "JSON_UNQUOTE(n)", want: nil},
	{sql: "JSON_OBJECT('a', 1, 'b', 'x', 'c', n, 'd', 2.5, 'e', TRUE)", want: `{"a": 1, "b": "x", "c": null, "d": 2.5, "e": true}`},
	{sql: "JSON_OBJECT()", want: "{}"},
	{sql: "JSON_OBJECT('b', 1, 'a', 2, 'aa', 3)", want: `{"a": 2, "b": 1, "aa": 3}`},
	{sql: "JSON_OBJECT('a', 1, 'a', 2)", want: `{"a": 2}`},
	{sql: "JSON_OBJECT('a')", err: "incorrect parameter count in the call to native function 'JSON_OBJECT'"},
	{sql: "JSON_OBJECT(n, 1)", err: "JSON documents may not contain NULL member names"},
	{sql: "JSON_OBJECT('j', j->'$.a')", want: `{"j": {"b": [10, 20]}}`},
	{sql: "JSON_OBJECT('j', CAST(j AS JSON))", want: `{"j": {"a": {"b": [10, 20]}, "n": null, "s": "x"}}`},
	{sql: "JSON_OBJECT('s', '[1]')", want: `{"s": "[1]"}`},
	{sql: "JSON_OBJECT('t', t, 'q', 'say \"hi\"')", want: `{"q": "say \"hi\"", "t": "2024-01-02 03:04:05"}`},
	{sql: "JSON_OBJECT('k', 1 / 0)", err: "division by 0"},
	{sql: "JSON_ARRAY(1, 'a', n, JSON_ARRAY(2))", want: `[1, "a", null, [2]]`},
	{sql: "JSON_ARRAY()", want: "[]"},
	{sql: "JSON_ARRAY(1.0, 1e20)", want: "[1.0, 1e20]"},
	{sql: "JSON_ARRAY(bin)", want: `["xyz"]`},
	{sql: "JSON_VALID('{\"a\": 1}')", want: true},
	{sql: "JSON_VALID('{a}')", want: false},
	{sql: "JSON_VALID(j)", want: true},
	{sql: "JSON_VALID(bin)", want: false},
	{sql: "JSON_VALID(1)", want: false},
	{sql: "JSON_VALID(n)", want: nil},
	{sql: "JSON_TYPE(j)", want: "OBJECT"},
	{sql: "JSON_TYPE('[1]')", want: "ARRAY"},
	{sql: "JSON_TYPE('\"s\"')", want: "STRING"},
	{sql: "JSON_TYPE('1')", want: "INTEGER"},
	{sql: "JSON_TYPE('18446744073709551615')", want: "UNSIGNED INTEGER"},
	{sql: "JSON_TYPE('1.5')", want: "DOUBLE"},
	{sql: "JSON_TYPE('true')", want: "BOOLEAN"},
	{sql: "JSON_TYPE('null')", want: "NULL"},
	{sql: "JSON_TYPE(j->'$.a.b[0]')", want: "INTEGER"},
	{sql: "JSON_TYPE('x')", err: "invalid JSON text in argument 1 to function JSON_TYPE"},
	{sql: "JSON_TYPE(n)", want: nil},
}

func TestJSON(t *testing.T) { runCases(t, jsonCases) }

// FuzzJSONPath checks that path parsing never panics and that a path that
// parses can be evaluated on any document.
func FuzzJSONPath(f *testing.F) {
	for _, s := range []string{"$", "$.a.b", "$.a[0]", `$."quoted key"`, "$[last-1]", "$.*", "$[*]", "$.", "$[", `$."\u00e9"`} {
		f.Add(s)
	}
	doc, _ := parseJSON(`{"a": {"b": [1, {"c": null}]}, "quoted key": [true], "é": "x"}`)
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parsePath(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "invalid JSON path expression") {
				t.Fatalf("%q: unexpected error %v", s, err)
			}
			return
		}
		for _, v := range p.eval(doc) {
			if _, err := parseJSON(jsonText(v)); err != nil {
				t.Fatalf("%q: result %q is not JSON: %v", s, jsonText(v), err)
			}
		}
	})
}
