package eval

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// A tiny SQL expression parser, for tests only, so that cases read as SQL.
// MySQL precedence: OR < XOR < AND < NOT < predicates < + - < * / DIV % < unary.

type ttok struct {
	kind byte // 'n' number, 's' string, 'i' identifier, 'o' operator, '?' placeholder, 0 end
	text string
	val  any
}

func lexSQL(s string) ([]ttok, error) {
	var toks []ttok
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			n, _ := numPrefix(s[i:])
			lit := s[i : i+n]
			var v any
			if strings.ContainsAny(lit, ".eE") {
				v, _ = strconv.ParseFloat(lit, 64)
			} else if x, err := strconv.ParseInt(lit, 10, 64); err == nil {
				v = x
			} else if u, err := strconv.ParseUint(lit, 10, 64); err == nil {
				v = u
			} else {
				return nil, fmt.Errorf("bad number %s", lit)
			}
			toks = append(toks, ttok{kind: 'n', text: lit, val: v})
			i += n
		case c == '\'':
			var b strings.Builder
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == '\\' && j+1 < len(s) {
					j++
					switch s[j] {
					case 'n':
						b.WriteByte('\n')
					case 't':
						b.WriteByte('\t')
					case '0':
						b.WriteByte(0)
					default:
						b.WriteByte(s[j])
					}
					continue
				}
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						b.WriteByte('\'')
						j++
						continue
					}
					break
				}
				b.WriteByte(s[j])
			}
			if j >= len(s) {
				return nil, fmt.Errorf("unterminated string")
			}
			toks = append(toks, ttok{kind: 's', val: b.String()})
			i = j + 1
		case c == '`':
			j := strings.IndexByte(s[i+1:], '`')
			toks = append(toks, ttok{kind: 'i', text: s[i+1 : i+1+j], val: "quoted"})
			i += j + 2
		case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '$' || isDigit(s[j]) || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			toks = append(toks, ttok{kind: 'i', text: s[i:j]})
			i = j
		case c == '?':
			toks = append(toks, ttok{kind: '?'})
			i++
		case c == '#': // #DAY: a sqlparse.Keyword argument
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			toks = append(toks, ttok{kind: 'k', text: s[i+1 : j]})
			i = j
		default:
			op := ""
			for _, o := range []string{"<=>", "<=", ">=", "<>", "!=", "||", "&&", "->>", "->", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", ".", "~", "!"} {
				if strings.HasPrefix(s[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				return nil, fmt.Errorf("unexpected %q", c)
			}
			toks = append(toks, ttok{kind: 'o', text: op})
			i += len(op)
		}
	}
	return append(toks, ttok{}), nil
}

type tparser struct {
	toks   []ttok
	i      int
	params int
}

// parseSQL parses one expression, panicking on a syntax error (tests only).
func parseSQL(s string) sqlparse.Expr {
	toks, err := lexSQL(s)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", s, err))
	}
	p := &tparser{toks: toks}
	e := p.expr()
	if p.peek().kind != 0 {
		panic(fmt.Sprintf("%s: trailing %q", s, p.peek().text))
	}
	return e
}

func (p *tparser) peek() ttok { return p.toks[p.i] }
func (p *tparser) next() ttok { t := p.toks[p.i]; p.i++; return t }

func (p *tparser) kw(words ...string) bool {
	save := p.i
	for _, w := range words {
		t := p.peek()
		if t.kind != 'i' || t.val != nil || !strings.EqualFold(t.text, w) {
			p.i = save
			return false
		}
		p.i++
	}
	return true
}

func (p *tparser) op(ops ...string) string {
	t := p.peek()
	if t.kind == 'o' {
		for _, o := range ops {
			if t.text == o {
				p.i++
				return o
			}
		}
	}
	return ""
}

func (p *tparser) expect(o string) {
	if p.op(o) == "" {
		panic(fmt.Sprintf("expected %s at token %d (%q)", o, p.i, p.peek().text))
	}
}

func (p *tparser) expr() sqlparse.Expr {
	l := p.xor()
	for p.kw("OR") || p.op("||") != "" {
		l = &sqlparse.Binary{Op: sqlparse.OpOr, L: l, R: p.xor()}
	}
	return l
}

func (p *tparser) xor() sqlparse.Expr {
	l := p.and()
	for p.kw("XOR") {
		l = &sqlparse.Binary{Op: sqlparse.OpXor, L: l, R: p.and()}
	}
	return l
}

func (p *tparser) and() sqlparse.Expr {
	l := p.not()
	for p.kw("AND") || p.op("&&") != "" {
		l = &sqlparse.Binary{Op: sqlparse.OpAnd, L: l, R: p.not()}
	}
	return l
}

func (p *tparser) not() sqlparse.Expr {
	if p.kw("NOT") {
		return &sqlparse.Unary{Op: "NOT", X: p.not()}
	}
	return p.predicate()
}

func (p *tparser) predicate() sqlparse.Expr {
	l := p.add()
	for {
		if o := p.op("<=>", "<=", ">=", "<>", "!=", "=", "<", ">"); o != "" {
			if o == "<>" {
				o = sqlparse.OpNE
			}
			l = &sqlparse.Binary{Op: o, L: l, R: p.add()}
			continue
		}
		if p.kw("IS") {
			not := p.kw("NOT")
			switch {
			case p.kw("NULL"):
				l = &sqlparse.IsNull{X: l, Not: not}
			case p.kw("TRUE"):
				l = &sqlparse.IsBool{X: l, Value: true, Not: not}
			case p.kw("FALSE"):
				l = &sqlparse.IsBool{X: l, Value: false, Not: not}
			default:
				panic("bad IS")
			}
			continue
		}
		save := p.i
		not := p.kw("NOT")
		switch {
		case p.kw("IN"):
			p.expect("(")
			l = &sqlparse.In{X: l, List: p.list(), Not: not}
			p.expect(")")
		case p.kw("BETWEEN"):
			lo := p.add()
			if !p.kw("AND") {
				panic("BETWEEN without AND")
			}
			l = &sqlparse.Between{X: l, Lo: lo, Hi: p.add(), Not: not}
		case p.kw("LIKE"):
			lk := &sqlparse.Like{X: l, Pattern: p.add(), Escape: '\\', Not: not}
			if p.kw("ESCAPE") {
				lk.Escape = []rune(p.next().val.(string))[0]
			}
			l = lk
		default:
			p.i = save
			return l
		}
	}
}

func (p *tparser) list() []sqlparse.Expr {
	var xs []sqlparse.Expr
	if p.peek().kind == 'o' && p.peek().text == ")" {
		return nil
	}
	for {
		xs = append(xs, p.expr())
		if p.op(",") == "" {
			return xs
		}
	}
}

func (p *tparser) add() sqlparse.Expr {
	l := p.mul()
	for {
		o := p.op("+", "-")
		if o == "" {
			return l
		}
		if p.kw("INTERVAL") { // d + INTERVAL n unit, as the parser rewrites it
			n := p.primary()
			unit := &sqlparse.Keyword{Name: strings.ToUpper(p.next().text)}
			name := map[string]string{"+": "DATE_ADD", "-": "DATE_SUB"}[o]
			l = &sqlparse.Func{Name: name, Args: []sqlparse.Expr{l, n, unit}}
			continue
		}
		l = &sqlparse.Binary{Op: o, L: l, R: p.mul()}
	}
}

func (p *tparser) mul() sqlparse.Expr {
	l := p.unary()
	for {
		o := p.op("*", "/", "%")
		switch {
		case o != "":
		case p.kw("DIV"):
			o = sqlparse.OpIntDiv
		case p.kw("MOD"):
			o = sqlparse.OpMod
		default:
			return l
		}
		l = &sqlparse.Binary{Op: o, L: l, R: p.unary()}
	}
}

func (p *tparser) unary() sqlparse.Expr {
	switch p.op("-", "+", "~", "!") {
	case "-":
		x := p.unary()
		if lit, ok := x.(*sqlparse.Literal); ok {
			switch v := lit.Value.(type) {
			case int64:
				return &sqlparse.Literal{Value: -v}
			case uint64:
				if v == 1<<63 {
					return &sqlparse.Literal{Value: int64(math.MinInt64)}
				}
			case float64:
				return &sqlparse.Literal{Value: -v}
			}
		}
		return &sqlparse.Unary{Op: "-", X: x}
	case "+":
		return &sqlparse.Unary{Op: "+", X: p.unary()}
	case "~":
		return &sqlparse.Unary{Op: "~", X: p.unary()}
	case "!":
		return &sqlparse.Unary{Op: "NOT", X: p.unary()}
	}
	return p.postfix()
}

// postfix handles col->'path' and col->>'path' as TiDB rewrites them.
func (p *tparser) postfix() sqlparse.Expr {
	x := p.primary()
	for {
		switch p.op("->>", "->") {
		case "->":
			x = &sqlparse.Func{Name: "JSON_EXTRACT", Args: []sqlparse.Expr{x, p.primary()}}
		case "->>":
			x = &sqlparse.Func{Name: "JSON_UNQUOTE", Args: []sqlparse.Expr{
				&sqlparse.Func{Name: "JSON_EXTRACT", Args: []sqlparse.Expr{x, p.primary()}}}}
		default:
			return x
		}
	}
}

func (p *tparser) primary() sqlparse.Expr {
	switch t := p.peek(); t.kind {
	case 'n', 's':
		p.i++
		return &sqlparse.Literal{Value: t.val}
	case '?':
		p.i++
		p.params++
		return &sqlparse.Param{Index: p.params - 1}
	case 'k':
		p.i++
		return &sqlparse.Keyword{Name: t.text}
	case 'o':
		p.expect("(")
		e := p.expr()
		p.expect(")")
		return e
	}
	switch {
	case p.kw("NULL"):
		return &sqlparse.Literal{}
	case p.kw("TRUE"):
		return &sqlparse.Literal{Value: true}
	case p.kw("FALSE"):
		return &sqlparse.Literal{Value: false}
	case p.kw("CASE"):
		c := &sqlparse.Case{}
		if !p.kw("WHEN") {
			c.Operand = p.expr()
			if !p.kw("WHEN") {
				panic("CASE without WHEN")
			}
		}
		for {
			cond := p.expr()
			if !p.kw("THEN") {
				panic("WHEN without THEN")
			}
			c.Whens = append(c.Whens, sqlparse.When{Cond: cond, Result: p.expr()})
			if !p.kw("WHEN") {
				break
			}
		}
		if p.kw("ELSE") {
			c.Else = p.expr()
		}
		if !p.kw("END") {
			panic("CASE without END")
		}
		return c
	case p.kw("EXTRACT"):
		p.expect("(")
		unit := &sqlparse.Keyword{Name: strings.ToUpper(p.next().text)}
		if !p.kw("FROM") {
			panic("EXTRACT without FROM")
		}
		x := p.expr()
		p.expect(")")
		return &sqlparse.Func{Name: "EXTRACT", Args: []sqlparse.Expr{unit, x}}
	case p.kw("CAST"):
		p.expect("(")
		x := p.expr()
		if !p.kw("AS") {
			panic("CAST without AS")
		}
		ts := sqlparse.TypeSpec{Name: strings.ToUpper(p.next().text), Length: -1, Scale: -1}
		if ts.Name == "UNSIGNED" || ts.Name == "SIGNED" {
			if p.kw("INTEGER") || p.kw("INT") {
				ts.Name += " INTEGER"
			}
		}
		if p.op("(") != "" {
			ts.Length = int(p.next().val.(int64))
			if p.op(",") != "" {
				ts.Scale = int(p.next().val.(int64))
			}
			p.expect(")")
		}
		p.expect(")")
		return &sqlparse.Cast{X: x, Type: ts}
	}
	t := p.next()
	if t.kind != 'i' {
		panic(fmt.Sprintf("unexpected token %q", t.text))
	}
	if p.op("(") != "" {
		f := &sqlparse.Func{Name: strings.ToUpper(t.text)}
		if p.op("*") != "" {
			f.Star = true
		} else {
			f.Distinct = p.kw("DISTINCT")
			f.Args = p.list()
		}
		p.expect(")")
		return f
	}
	if p.op(".") != "" {
		return &sqlparse.ColumnRef{Table: t.text, Name: p.next().text}
	}
	return &sqlparse.ColumnRef{Name: t.text}
}

// ---- evaluation harness ----

// testScope resolves the columns of testRow.
type testScope []string

func (s testScope) Resolve(table, column string) (int, error) {
	for i, c := range s {
		if strings.EqualFold(c, column) && (table == "" || table == "t") {
			return i, nil
		}
	}
	if table != "" {
		column = table + "." + column
	}
	return 0, fmt.Errorf("unknown column '%s' in 'where clause'", column)
}

var (
	cols     = testScope{"i", "f", "s", "n", "t", "b", "j", "name", "age", "big", "neg", "bin"}
	testTime = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	testNow  = time.Date(2025, 6, 7, 8, 9, 10, 123456789, time.UTC)
)

func testRow() []any {
	return []any{int64(7), 2.5, "abc", nil, testTime, true, `{"a": {"b": [10, 20]}, "s": "x", "n": null}`,
		"Alice", int64(30), int64(math.MaxInt64), int64(math.MinInt64), []byte("xyz")}
}

func evalSQL(sql string, params ...any) (any, error) {
	x, err := Compile(parseSQL(sql), cols)
	if err != nil {
		return nil, err
	}
	return x.Eval(&Env{Row: testRow(), Params: params, Now: testNow})
}

// tcase is one expression, its placeholder values and its expected value (an
// untyped integer means int64) or error substring.
type tcase struct {
	sql    string
	want   any
	err    string
	params []any
}

func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.sql, func(t *testing.T) {
			got, err := evalSQL(c.sql, c.params...)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("%s: got (%#v, %v), want error containing %q", c.sql, got, err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: unexpected error: %v", c.sql, err)
			}
			if !sameValue(got, c.want) {
				t.Fatalf("%s = %#v (%T), want %#v (%T)", c.sql, got, got, c.want, c.want)
			}
		})
	}
}

func sameValue(got, want any) bool {
	if w, ok := want.(int); ok {
		want = int64(w)
	}
	switch w := want.(type) {
	case time.Time:
		g, ok := got.(time.Time)
		return ok && g.Equal(w)
	case []byte:
		g, ok := got.([]byte)
		return ok && bytes.Equal(g, w)
	case float64:
		g, ok := got.(float64)
		return ok && (g == w || math.IsNaN(g) && math.IsNaN(w))
	}
	return reflect.DeepEqual(got, want)
}

func TestParseSQLHarness(t *testing.T) {
	got := Format(parseSQL("a + 1 * 2 = 3 AND NOT b IS NULL OR c LIKE 'x%' ESCAPE '|'"))
	if want := "((((a + (1 * 2)) = 3) AND NOT (b IS NULL)) OR (c LIKE 'x%' ESCAPE '|'))"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}
