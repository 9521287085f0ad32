package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/s3db-go/s3db/schema"
)

// JSON values are carried as JSON text (string). Decoded, a document is
// map[string]any, []any, string, json.Number, bool or nil, and it is written
// back in MySQL's normal form: `{"a": 1, "b": [true, null]}` with object keys
// ordered by length, then bytes, as MySQL stores them.

func parseJSON(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the document has trailing content")
	}
	return v, nil
}

func jsonArgErr(name string, n int, err error) error {
	return fmt.Errorf("invalid JSON text in argument %d to function %s: %v", n, name, err)
}

func jsonText(v any) string {
	var b strings.Builder
	writeJSON(&b, v)
	return b.String()
}

func writeJSON(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		b.WriteString(jsonNumber(string(x)))
	case string:
		quoteJSON(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJSON(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		b.WriteByte('{')
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b.WriteString(", ")
			}
			quoteJSON(b, k)
			b.WriteString(": ")
			writeJSON(b, x[k])
		}
		b.WriteByte('}')
	}
}

// sortedKeys orders object keys as MySQL does: shorter first, then by bytes.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) < len(keys[j])
		}
		return keys[i] < keys[j]
	})
	return keys
}

// jsonNumber normalises a number: integers as written, doubles in their
// shortest form with at least one decimal (1.50 -> 1.5, 1E2 -> 100.0).
func jsonNumber(s string) string {
	if !strings.ContainsAny(s, ".eE") {
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			return s
		}
		if _, err := strconv.ParseUint(s, 10, 64); err == nil {
			return s
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return jsonFloat(f)
}

func jsonFloat(f float64) string {
	s := schema.FormatFloat(f)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func quoteJSON(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// toJSON converts an SQL value into a JSON value. A string is parsed as JSON
// text when parse is set (it came from a JSON expression, or CAST AS JSON),
// and is a JSON string otherwise.
func toJSON(v any, parse bool) (any, error) {
	switch x := v.(type) {
	case nil, bool:
		return x, nil
	case string:
		if parse {
			return parseJSON(x)
		}
		return x, nil
	case int64:
		return json.Number(strconv.FormatInt(x, 10)), nil
	case uint64:
		return json.Number(strconv.FormatUint(x, 10)), nil
	case schema.Decimal:
		return json.Number(x.Trim()), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("cannot convert %s to JSON", ToString(x))
		}
		return json.Number(jsonFloat(x)), nil
	case time.Time:
		return ToString(x), nil
	case []byte:
		return toJSON(string(x), parse)
	}
	return nil, fmt.Errorf("cannot convert a value of type %T to JSON", v)
}

// ---- paths ----

// pathLeg is one step of a JSON path.
type pathLeg struct {
	kind byte // 'k' member, 'i' index, 'l' index from the end ([last-N]), '*' any member, '#' any element
	key  string
	idx  int
}

type jsonPath struct {
	legs []pathLeg
	wild bool // may match several values: the result is an array
}

// parsePath parses MySQL's path syntax: $, .key, ."quoted key", .*, [N],
// [last], [last-N], [*]. The ** wildcard is not supported.
func parsePath(s string) (*jsonPath, error) {
	i := 0
	fail := func() (*jsonPath, error) {
		return nil, fmt.Errorf("invalid JSON path expression '%s': error around character position %d", s, i+1)
	}
	space := func() {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	space()
	if i == len(s) || s[i] != '$' {
		return fail()
	}
	i++
	p := &jsonPath{}
	for space(); i < len(s); space() {
		switch s[i] {
		case '.':
			i++
			space()
			switch {
			case i == len(s):
				return fail()
			case s[i] == '*':
				i++
				p.legs, p.wild = append(p.legs, pathLeg{kind: '*'}), true
			case s[i] == '"':
				j := i + 1
				for j < len(s) && s[j] != '"' {
					if s[j] == '\\' {
						j++
					}
					j++
				}
				var key string
				if j >= len(s) || json.Unmarshal([]byte(s[i:j+1]), &key) != nil {
					return fail()
				}
				i = j + 1
				p.legs = append(p.legs, pathLeg{kind: 'k', key: key})
			default:
				j := i
				for j < len(s) && isIdentRune(s, j) {
					j++
				}
				if j == i || isDigit(s[i]) {
					return fail()
				}
				p.legs = append(p.legs, pathLeg{kind: 'k', key: s[i:j]})
				i = j
			}
		case '[':
			i++
			space()
			leg := pathLeg{kind: 'i'}
			switch {
			case i < len(s) && s[i] == '*':
				i++
				leg.kind, p.wild = '#', true
			case strings.HasPrefix(s[i:], "last"):
				i += 4
				leg.kind = 'l'
				space()
				if i < len(s) && s[i] == '-' {
					i++
					space()
					n, ok := pathInt(s, &i)
					if !ok {
						return fail()
					}
					leg.idx = n
				}
			default:
				n, ok := pathInt(s, &i)
				if !ok {
					return fail()
				}
				leg.idx = n
			}
			space()
			if i == len(s) || s[i] != ']' {
				return fail()
			}
			i++
			p.legs = append(p.legs, leg)
		default:
			return fail()
		}
	}
	return p, nil
}

func pathInt(s string, i *int) (int, bool) {
	j := *i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	n, err := strconv.Atoi(s[*i:j])
	*i = j
	return n, err == nil
}

// isIdentRune reports whether s[j] may be part of an unquoted member name
// (an ECMAScript identifier: letters, digits, _ and $; any non-ASCII byte).
func isIdentRune(s string, j int) bool {
	c := s[j]
	return c >= 0x80 || c == '_' || c == '$' || isDigit(c) || unicode.IsLetter(rune(c))
}

// eval returns the values p selects in doc.
func (p *jsonPath) eval(doc any) []any {
	cur := []any{doc}
	for _, leg := range p.legs {
		var next []any
		for _, v := range cur {
			switch leg.kind {
			case 'k':
				if m, ok := v.(map[string]any); ok {
					if c, ok := m[leg.key]; ok {
						next = append(next, c)
					}
				}
			case '*':
				if m, ok := v.(map[string]any); ok {
					for _, k := range sortedKeys(m) {
						next = append(next, m[k])
					}
				}
			case '#':
				if a, ok := v.([]any); ok {
					next = append(next, a...)
				}
			default:
				a, ok := v.([]any)
				if !ok {
					a = []any{v} // a scalar or object is an array of one, as in MySQL
				}
				i := leg.idx
				if leg.kind == 'l' {
					i = len(a) - 1 - i
				}
				if i >= 0 && i < len(a) {
					next = append(next, a[i])
				}
			}
		}
		cur = next
	}
	return cur
}

// ---- functions ----

var jsonFuncs = map[string]*funcDef{
	"JSON_EXTRACT": {min: 2, max: -1, flags: fJSON, build: buildJSONExtract},
	"JSON_OBJECT": {min: 0, max: -1, flags: fJSON, build: func(name string, args []*Expr) (evalFn, error) {
		if len(args)%2 != 0 {
			return nil, fmt.Errorf("incorrect parameter count in the call to native function '%s'", name)
		}
		return func(env *Env) (any, error) {
			m := make(map[string]any, len(args)/2)
			for i := 0; i < len(args); i += 2 {
				k, err := args[i].fn(env)
				if err != nil {
					return nil, err
				}
				if k == nil {
					return nil, errors.New("JSON documents may not contain NULL member names")
				}
				v, err := jsonArg(env, args[i+1])
				if err != nil {
					return nil, err
				}
				m[ToString(k)] = v
			}
			return jsonText(m), nil
		}, nil
	}},
	"JSON_ARRAY": {min: 0, max: -1, flags: fJSON, build: func(_ string, args []*Expr) (evalFn, error) {
		return func(env *Env) (any, error) {
			a := make([]any, len(args))
			for i, x := range args {
				v, err := jsonArg(env, x)
				if err != nil {
					return nil, err
				}
				a[i] = v
			}
			return jsonText(a), nil
		}, nil
	}},
	"JSON_UNQUOTE": {min: 1, max: 1, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		s := ToString(a[0])
		if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
			return s, nil
		}
		var out string
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			return nil, jsonArgErr("JSON_UNQUOTE", 1, err)
		}
		return out, nil
	}},
	"JSON_VALID": {min: 1, max: 1, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		switch x := a[0].(type) {
		case string:
			return json.Valid([]byte(x)), nil
		case []byte:
			return json.Valid(x), nil
		}
		return false, nil
	}},
	"JSON_TYPE": {min: 1, max: 1, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		v, err := parseJSON(ToString(a[0]))
		if err != nil {
			return nil, jsonArgErr("JSON_TYPE", 1, err)
		}
		return jsonType(v), nil
	}},
}

func jsonType(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return "OBJECT"
	case []any:
		return "ARRAY"
	case string:
		return "STRING"
	case bool:
		return "BOOLEAN"
	case json.Number:
		if _, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return "INTEGER"
		}
		if _, err := strconv.ParseUint(string(x), 10, 64); err == nil {
			return "UNSIGNED INTEGER"
		}
		return "DOUBLE"
	}
	return "NULL"
}

// jsonArg evaluates a value argument of JSON_OBJECT/JSON_ARRAY: the result of
// a JSON expression nests as JSON, any other string is a JSON string.
func jsonArg(env *Env, x *Expr) (any, error) {
	v, err := x.fn(env)
	if err != nil {
		return nil, err
	}
	return toJSON(v, x.flags&fJSON != 0)
}

func buildJSONExtract(name string, args []*Expr) (evalFn, error) {
	paths := make([]*jsonPath, len(args)-1)
	for i, a := range args[1:] {
		if a.konst && a.val != nil {
			p, err := parsePath(ToString(a.val))
			if err != nil {
				return nil, err
			}
			paths[i] = p
		}
	}
	return func(env *Env) (any, error) {
		dv, err := args[0].fn(env)
		if dv == nil || err != nil {
			return nil, err
		}
		doc, err := parseJSON(ToString(dv))
		if err != nil {
			return nil, jsonArgErr(name, 1, err)
		}
		var found []any
		wrap := len(paths) > 1
		for i, a := range args[1:] {
			p := paths[i]
			if p == nil {
				pv, err := a.fn(env)
				if pv == nil || err != nil {
					return nil, err
				}
				if p, err = parsePath(ToString(pv)); err != nil {
					return nil, err
				}
			}
			wrap = wrap || p.wild
			found = append(found, p.eval(doc)...)
		}
		switch {
		case len(found) == 0:
			return nil, nil
		case wrap:
			return jsonText(found), nil
		}
		return jsonText(found[0]), nil
	}, nil
}
