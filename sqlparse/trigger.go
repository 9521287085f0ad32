package sqlparse

import (
	"strings"

	"github.com/pingcap/tidb/pkg/parser"
)

// Triggers are not TiDB grammar. Before the pre-pass and TiDB see the text,
// Parse cuts every trigger statement (CREATE TRIGGER, DROP TRIGGER, SHOW
// TRIGGERS, SHOW CREATE TRIGGER) out of it, replacing it by spaces with
// newlines kept, as the pre-pass does, so that every offset stays valid;
// trigParser parses those statements with the lexer of lex.go and Parse puts
// them back among the others in text order.
//
// A trigger statement ends at the ';' after it, or at the end of the text;
// the ';'s inside its BEGIN ... END body are found by the parser, which knows
// where each body statement ends. The expressions of a body (parsed as the
// expression list of `DO expr, ...`) and its INSERT, UPDATE and DELETE
// statements go through TiDB and the translator one piece at a time, so that
// they mean what they mean everywhere else; the errors about a piece are
// moved back to their place in the original text (see piece).

// triggers are the trigger statements of one text, in text order, and the
// first error among them. The cut stops at a failing statement and blanks
// the rest of the text, so that an error in an earlier statement, found by
// TiDB or the translator, is reported first.
type triggers struct {
	stmts  []Statement
	offs   []int // where each statement starts
	err    *Error
	errOff int // where the failing statement starts
}

// none reports whether the text held no trigger statement at all.
func (tr *triggers) none() bool { return len(tr.stmts) == 0 && tr.err == nil }

// upTo appends to stmts the trigger statements that start before off, and
// returns the trigger error if its statement starts before off.
func (tr *triggers) upTo(stmts []Statement, off int) ([]Statement, error) {
	for len(tr.offs) > 0 && tr.offs[0] < off {
		stmts = append(stmts, tr.stmts[0])
		tr.stmts, tr.offs = tr.stmts[1:], tr.offs[1:]
	}
	if tr.err != nil && tr.errOff < off {
		return nil, tr.err
	}
	return stmts, nil
}

// cutTriggers parses the trigger statements of sql and returns the text
// without them, for the pre-pass and TiDB.
func cutTriggers(sql string) (string, *triggers) {
	tr := &triggers{}
	var buf []byte // the edited text, allocated on the first cut
	blank := func(from, to int) {
		if buf == nil {
			buf = []byte(sql)
		}
		for i := from; i < to; i++ {
			if buf[i] != '\n' {
				buf[i] = ' '
			}
		}
	}
	p := trigParser{sql: sql}
	defer p.release()
	for off := 0; ; {
		t := nextToken(sql, off)
		if t.kind == tEOF {
			break
		}
		if !startsTrigger(sql, t) {
			off = pastSemi(sql, t.off)
			continue
		}
		s, end, err := p.statement(t.off)
		if err != nil {
			blank(t.off, len(sql))
			tr.err, tr.errOff = err, t.off
			break
		}
		blank(t.off, end)
		tr.stmts, tr.offs = append(tr.stmts, s), append(tr.offs, t.off)
		off = end
	}
	if buf == nil {
		return sql, tr
	}
	return string(buf), tr
}

// semiAt returns the offset of the ';' that ends the statement starting at
// off, or len(sql).
func semiAt(sql string, off int) int {
	for t := nextToken(sql, off); t.kind != tEOF; t = nextToken(sql, t.end) {
		if t.is(sql, ";") {
			return t.off
		}
	}
	return len(sql)
}

// skipBlanks returns the offset of the first byte of s[from:to] that is not
// white space, or to.
func skipBlanks(s string, from, to int) int {
	for from < to && strings.IndexByte(" \t\n\r\f\v", s[from]) >= 0 {
		from++
	}
	return from
}

// pastSemi returns the offset just past the ';' that ends the statement
// starting at off, or len(sql).
func pastSemi(sql string, off int) int { return min(semiAt(sql, off)+1, len(sql)) }

// isAny reports whether t is one of the words or punctuation ws.
func (t token) isAny(s string, ws ...string) bool {
	for _, w := range ws {
		if t.is(s, w) {
			return true
		}
	}
	return false
}

// startsTrigger reports whether the statement starting with token t is one
// of the trigger statements.
func startsTrigger(sql string, t token) bool {
	n := nextToken(sql, t.end)
	switch {
	case t.is(sql, "CREATE"):
		if n.is(sql, "DEFINER") { // CREATE DEFINER = user TRIGGER: rejected by name
			for range 8 {
				if n = nextToken(sql, n.end); n.is(sql, "TRIGGER") {
					return true
				}
			}
		}
		return n.is(sql, "TRIGGER")
	case t.is(sql, "DROP"):
		return n.is(sql, "TRIGGER")
	case t.is(sql, "SHOW"):
		return n.is(sql, "TRIGGERS") || n.is(sql, "CREATE") && nextToken(sql, n.end).is(sql, "TRIGGER")
	}
	return false
}

// trigParser is a recursive-descent parser of the trigger statements over
// the tokens of the original text. Its methods report an error by panicking
// with an *Error, which statement recovers.
type trigParser struct {
	sql  string
	off  int            // where the next token is looked for
	lim  int            // where tokens end: the end of the text, or the ';' of the current simple statement
	last int            // the end of the last token taken: where the statement's text ends
	ct   *CreateTrigger // the trigger whose body is being parsed
	tidb *parser.Parser // for expressions and body statements, from the pool on first use
}

// release returns the TiDB parser to the pool.
func (p *trigParser) release() {
	if p.tidb != nil {
		parsers.Put(p.tidb)
	}
	p.tidb = nil
}

// statement parses the trigger statement starting at off and returns it with
// the offset just past it (past its ';', if any).
func (p *trigParser) statement(off int) (s Statement, end int, err *Error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			s, end, err = nil, 0, e
		}
	}()
	p.off, p.lim, p.last, p.ct = off, len(p.sql), off, nil
	switch first := p.take(); {
	case first.is(p.sql, "CREATE"):
		s = p.createTrigger(first.off)
	case first.is(p.sql, "DROP"):
		s = p.dropTrigger()
	default:
		s = p.show()
	}
	switch t := p.peek(); {
	case t.kind == tEOF:
		return s, len(p.sql), nil
	case t.is(p.sql, ";"):
		return s, t.end, nil
	default:
		p.fail(t.off, "syntax error: expected ';'")
		return nil, 0, nil
	}
}

// ---- tokens ----

func (p *trigParser) fail(off int, format string, args ...any) {
	panic(errAt(p.sql, off, format, args...))
}

// peek returns the next token before lim.
func (p *trigParser) peek() token { return nextToken(p.sql[:p.lim], p.off) }

// take consumes the next token.
func (p *trigParser) take() token {
	t := p.peek()
	p.off = t.end
	if t.kind != tEOF {
		p.last = t.end
	}
	return t
}

// accept consumes the next token if it is the word or punctuation w.
func (p *trigParser) accept(w string) bool {
	if p.peek().is(p.sql, w) {
		p.take()
		return true
	}
	return false
}

// expect consumes the words (or punctuation) ws, in order.
func (p *trigParser) expect(ws ...string) {
	for _, w := range ws {
		if t := p.peek(); !t.is(p.sql, w) {
			p.fail(t.off, "syntax error: expected %s", w)
		}
		p.take()
	}
}

// oneOf consumes one of the words ws and returns it upper-cased.
func (p *trigParser) oneOf(ws ...string) string {
	t := p.peek()
	for _, w := range ws {
		if t.is(p.sql, w) {
			p.take()
			return w
		}
	}
	last := len(ws) - 1
	p.fail(t.off, "syntax error: expected %s or %s", strings.Join(ws[:last], ", "), ws[last])
	return ""
}

// name consumes a name (a word or a `quoted identifier`); what names it in
// an error. A database-qualified name is not supported.
func (p *trigParser) name(what string) string {
	t := p.peek()
	if t.kind != tWord && t.kind != tIdent {
		p.fail(t.off, "syntax error: expected %s", what)
	}
	p.take()
	if p.peek().is(p.sql, ".") {
		p.fail(t.off, "unsupported: database-qualified name")
	}
	return t.unquoted(p.sql)
}

// end checks that the current simple statement has no more tokens.
func (p *trigParser) end() {
	if t := p.peek(); t.kind != tEOF {
		p.fail(t.off, "syntax error: expected ';'")
	}
}

// ---- statements ----

// createTrigger parses CREATE TRIGGER [IF NOT EXISTS] name {BEFORE|AFTER}
// {INSERT|UPDATE|DELETE} ON table FOR EACH ROW [{FOLLOWS|PRECEDES} other]
// body, after CREATE (at offset start).
func (p *trigParser) createTrigger(start int) *CreateTrigger {
	if t := p.peek(); t.is(p.sql, "DEFINER") {
		p.fail(t.off, "unsupported: DEFINER")
	}
	p.expect("TRIGGER")
	ct := &CreateTrigger{}
	if p.accept("IF") {
		p.expect("NOT", "EXISTS")
		ct.IfNotExists = true
	}
	ct.Name = p.name("a trigger name")
	ct.Timing = p.oneOf("BEFORE", "AFTER")
	ct.Event = p.oneOf("INSERT", "UPDATE", "DELETE")
	p.expect("ON")
	ct.Table = p.name("a table name")
	p.expect("FOR", "EACH", "ROW")
	switch {
	case p.accept("FOLLOWS"):
		ct.Follows = p.name("a trigger name")
	case p.accept("PRECEDES"):
		ct.Precedes = p.name("a trigger name")
	}
	p.ct = ct
	if t := p.peek(); t.kind == tEOF || t.is(p.sql, ";") {
		p.fail(t.off, "syntax error: expected the trigger body")
	}
	ct.Body = p.stmt(nil)
	ct.Text = p.sql[start:p.last]
	return ct
}

// dropTrigger parses DROP TRIGGER [IF EXISTS] name, after DROP.
func (p *trigParser) dropTrigger() *DropTrigger {
	p.expect("TRIGGER")
	d := &DropTrigger{}
	if p.accept("IF") {
		p.expect("EXISTS")
		d.IfExists = true
	}
	d.Name = p.name("a trigger name")
	return d
}

// show parses SHOW TRIGGERS and SHOW CREATE TRIGGER name, after SHOW.
func (p *trigParser) show() Statement {
	if !p.accept("TRIGGERS") {
		p.expect("CREATE", "TRIGGER")
		return &ShowCreateTrigger{Name: p.name("a trigger name")}
	}
	switch t := p.peek(); {
	case t.is(p.sql, "FROM") || t.is(p.sql, "IN"):
		p.fail(t.off, "unsupported: database name")
	case t.is(p.sql, "LIKE") || t.is(p.sql, "WHERE"):
		p.fail(t.off, "unsupported: %s in SHOW", strings.ToUpper(t.text(p.sql)))
	}
	return &ShowTriggers{}
}
