package sqlparse

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
)

// The body of a trigger: one statement, or BEGIN stmt; stmt; ... END, where
// a statement is SET NEW.col = expr [, ...], IF ... END IF, SIGNAL, CALL,
// INSERT, UPDATE, DELETE or a nested BEGIN ... END (flattened: without
// DECLARE, a block is just its statements).

// stmt parses one body statement at p.off and appends it to list.
func (p *trigParser) stmt(list []TriggerStmt) []TriggerStmt {
	t := p.peek()
	if t.kind == tWord && nextToken(p.sql[:p.lim], t.end).is(p.sql, ":") {
		p.fail(t.off, "unsupported: label in a trigger body")
	}
	switch {
	case t.is(p.sql, "BEGIN"):
		p.take()
		list = p.stmts(list, "END")
		p.expect("END")
		return list
	case t.is(p.sql, "IF"):
		return append(list, p.ifStmt())
	}
	// A simple statement runs to the next ';'.
	lim := p.lim
	p.lim = semiAt(p.sql[:lim], t.off)
	switch {
	case t.is(p.sql, "SET"):
		list = p.set(list)
	case t.is(p.sql, "SIGNAL"):
		list = append(list, p.signal())
	case t.is(p.sql, "CALL"):
		list = append(list, p.call())
	case t.is(p.sql, "INSERT") || t.is(p.sql, "UPDATE") || t.is(p.sql, "DELETE") || t.is(p.sql, "REPLACE"):
		list = append(list, p.exec())
	case t.kind == tWord:
		p.fail(t.off, "unsupported: %s in a trigger body", strings.ToUpper(t.text(p.sql)))
	case t.is(p.sql, ";"):
		p.fail(t.off, "syntax error: empty statement")
	default:
		p.fail(t.off, "syntax error")
	}
	p.off, p.lim = p.lim, lim
	return list
}

// stmts parses statements, each ended by ';', up to the word stop (END,
// or the ELSEIF, ELSE or END of an IF).
func (p *trigParser) stmts(list []TriggerStmt, stop ...string) []TriggerStmt {
	for {
		t := p.peek()
		if t.isAny(p.sql, stop...) {
			return list
		}
		if t.kind == tEOF {
			p.fail(t.off, "syntax error: expected %s", strings.Join(stop, " or "))
		}
		list = p.stmt(list)
		p.expect(";")
	}
}

// ifStmt parses IF cond THEN stmts [ELSEIF cond THEN stmts]... [ELSE stmts]
// END IF. Each branch holds one statement at least, as in MySQL.
func (p *trigParser) ifStmt() *If {
	s := &If{}
	for again := true; again; again = p.peek().is(p.sql, "ELSEIF") {
		p.take() // IF or ELSEIF
		cond := p.expr(p.off, p.exprEnd("THEN"))
		p.expect("THEN")
		s.Branches = append(s.Branches, IfBranch{Cond: cond, Body: p.branch("ELSEIF", "ELSE", "END")})
	}
	if p.accept("ELSE") {
		s.Else = p.branch("END")
	}
	p.expect("END", "IF")
	return s
}

// branch parses the statements of an IF branch, up to one of stop.
func (p *trigParser) branch(stop ...string) []TriggerStmt {
	if t := p.peek(); t.kind == tEOF || t.is(p.sql, ";") || t.isAny(p.sql, stop...) {
		p.fail(t.off, "syntax error: expected a statement")
	}
	return p.stmts(nil, stop...)
}

// set parses SET NEW.col = expr [, NEW.col = expr]...: a SetNew each.
func (p *trigParser) set(list []TriggerStmt) []TriggerStmt {
	p.take() // SET
	for {
		t := p.peek()
		row := rowName(p.sql, t)
		if row == "" || !nextToken(p.sql[:p.lim], t.end).is(p.sql, ".") {
			p.fail(t.off, "unsupported: SET of anything but NEW.column in a trigger body")
		}
		switch {
		case row == "OLD":
			p.fail(t.off, "updating of OLD row is not allowed in trigger")
		case p.ct.Event == "DELETE":
			p.fail(t.off, "NEW is not available in a DELETE trigger")
		case p.ct.Timing == "AFTER":
			p.fail(t.off, "updating of NEW row is not allowed in after trigger")
		}
		p.take()
		p.take() // .
		col := p.name("a column name")
		if p.accept(":") { // :=
			if eq := p.peek(); !eq.is(p.sql, "=") || eq.off != p.last {
				p.fail(eq.off, "syntax error: expected =")
			}
		}
		p.expect("=")
		list = append(list, &SetNew{Column: col, Value: p.expr(p.off, p.exprEnd("")), Pos: posAt(p.sql, t.off)})
		if !p.accept(",") {
			p.end()
			return list
		}
	}
}

// rowName returns "NEW" or "OLD" if t is that word or quoted identifier.
func rowName(sql string, t token) string {
	if t.kind != tWord && t.kind != tIdent {
		return ""
	}
	switch name := t.unquoted(sql); {
	case strings.EqualFold(name, "NEW"):
		return "NEW"
	case strings.EqualFold(name, "OLD"):
		return "OLD"
	}
	return ""
}

// signal parses SIGNAL SQLSTATE [VALUE] 'xxxxx' [SET MESSAGE_TEXT = expr].
func (p *trigParser) signal() *Signal {
	p.take() // SIGNAL
	if t := p.peek(); !t.is(p.sql, "SQLSTATE") {
		if t.kind == tWord || t.kind == tIdent {
			p.fail(t.off, "unsupported: SIGNAL of a named condition")
		}
		p.fail(t.off, "syntax error: expected SQLSTATE")
	}
	p.take()
	p.accept("VALUE")
	v := p.peek()
	if v.kind != tString {
		p.fail(v.off, "syntax error: expected a SQLSTATE string such as '45000'")
	}
	p.take()
	s := &Signal{SQLState: v.unquoted(p.sql)}
	switch {
	case !validSQLState(s.SQLState):
		p.fail(v.off, "bad SQLSTATE %s: want 5 digits or capital letters", v.text(p.sql))
	case strings.HasPrefix(s.SQLState, "00"):
		p.fail(v.off, "bad SQLSTATE %s: class '00' means success", v.text(p.sql))
	case strings.HasPrefix(s.SQLState, "01"):
		p.fail(v.off, "unsupported: SIGNAL of a warning (SQLSTATE class '01')")
	}
	if p.accept("SET") {
		for {
			item := p.peek()
			switch {
			case item.is(p.sql, "MESSAGE_TEXT"):
				if s.Message != nil {
					p.fail(item.off, "duplicate MESSAGE_TEXT in SIGNAL")
				}
			case item.kind == tWord:
				p.fail(item.off, "unsupported: %s in SIGNAL", strings.ToUpper(item.text(p.sql)))
			default:
				p.fail(item.off, "syntax error: expected MESSAGE_TEXT")
			}
			p.take()
			p.expect("=")
			s.Message = p.expr(p.off, p.exprEnd(""))
			if !p.accept(",") {
				break
			}
		}
	}
	p.end()
	return s
}

// validSQLState reports whether s is 5 digits or capital letters, as MySQL
// wants.
func validSQLState(s string) bool {
	if len(s) != 5 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// call parses CALL name[(args)].
func (p *trigParser) call() *Call {
	kw := p.take()
	c := &Call{Name: p.name("a hook name"), Pos: posAt(p.sql, kw.off)}
	if p.accept("(") {
		closing := p.closing()
		if nextToken(p.sql[:closing], p.off).kind != tEOF {
			c.Args = p.exprs(p.off, closing)
		}
		p.off = closing
		p.take()
	}
	p.end()
	return c
}

// closing returns the offset of the ')' that closes the '(' just taken.
func (p *trigParser) closing() int {
	depth := 1
	for t := p.peek(); t.kind != tEOF; t = nextToken(p.sql[:p.lim], t.end) {
		switch {
		case t.is(p.sql, "("):
			depth++
		case t.is(p.sql, ")"):
			if depth--; depth == 0 {
				return t.off
			}
		}
	}
	p.fail(p.lim, "syntax error: expected )")
	return 0
}

// exec parses the INSERT, UPDATE or DELETE that fills the current simple
// statement with TiDB and translates it.
func (p *trigParser) exec() *Exec {
	pc := p.piece(p.peek().off, p.lim, "")
	if len(pc.nodes) != 1 {
		p.fail(pc.from, "syntax error")
	}
	s := pc.t.statement(pc.nodes[0])
	pc.check()
	p.rows(pc.from, pc.to, func(f func(Expr)) { walkStmt(s, f) })
	p.off, p.last = p.lim, lastEnd(p.sql, pc.from, pc.to)
	return &Exec{Stmt: s, Pos: posAt(p.sql, pc.from)}
}

// ---- expressions ----

// exprEnd returns where the expression starting at p.off ends: at the word
// stop (if any) or a ',' outside parentheses and CASE ... END, or else at
// the next ';' or lim.
func (p *trigParser) exprEnd(stop string) int {
	depth, cases := 0, 0
	for t := p.peek(); ; t = nextToken(p.sql[:p.lim], t.end) {
		switch {
		case t.kind == tEOF || t.is(p.sql, ";"):
			return t.off
		case t.is(p.sql, "("):
			depth++
		case t.is(p.sql, ")"):
			depth--
		case t.is(p.sql, "CASE"):
			cases++
		case t.is(p.sql, "END") && cases > 0:
			cases--
		case depth == 0 && cases == 0 && (t.is(p.sql, ",") || stop != "" && t.is(p.sql, stop)):
			return t.off
		}
	}
}

// expr parses the expression sql[from:to] and moves past it.
func (p *trigParser) expr(from, to int) Expr {
	es := p.exprs(from, to)
	p.off, p.last = to, lastEnd(p.sql, from, to)
	return es[0] // exprEnd stops at a top-level ','
}

// exprs parses the comma-separated expressions sql[from:to] as TiDB parses
// `DO exprs`, and translates them.
func (p *trigParser) exprs(from, to int) []Expr {
	if t := nextToken(p.sql[:to], from); t.kind == tEOF {
		p.fail(nextToken(p.sql, from).off, "syntax error: expected an expression")
	}
	pc := p.piece(from, to, "DO ")
	do, ok := pc.nodes[0].(*ast.DoStmt)
	if !ok {
		p.fail(from, "syntax error")
	}
	es := pc.t.exprs(do.Exprs)
	pc.check()
	p.rows(from, to, func(f func(Expr)) {
		for _, e := range es {
			walkExpr(e, f)
		}
	})
	return es
}

// A piece is a part sql[from:to] of a trigger body that TiDB parses alone,
// after the keyword kw (`DO ` before expressions), and the translator for
// it. TiDB and the translator see the piece only, so that a body costs time
// in proportion to its length; their errors are moved back into the text.
type piece struct {
	p        *trigParser
	from, to int
	src      string // kw + sql[from:to]
	nodes    []ast.StmtNode
	t        *translator
}

func (p *trigParser) piece(from, to int, kw string) *piece {
	if off := findWord(p.sql, from, to, "?"); off >= 0 {
		p.fail(off, "a trigger body cannot hold placeholders: it is stored and runs later, with no arguments to bind")
	}
	pc := &piece{p: p, from: from, to: to, src: kw + p.sql[from:to]}
	if p.tidb == nil {
		p.tidb = parsers.Get().(*parser.Parser)
	}
	nodes, err := parseTiDB(p.tidb, pc.src, pc.src)
	if err != nil {
		p.tidb = nil // it may be in any state: drop it
		panic(pc.remap(err))
	}
	if len(nodes) == 0 {
		p.fail(from, "syntax error")
	}
	pc.nodes, pc.t = nodes, &translator{sql: pc.src, start: len(kw), end: len(pc.src)}
	return pc
}

// check reports the translator's error, if any.
func (pc *piece) check() {
	if pc.t.err != nil {
		panic(pc.remap(pc.t.err))
	}
}

// remap moves an *Error about src to the same place in the text. At the end
// of the piece, "unexpected end of input" is not true when the text goes on
// (with THEN, a ';', ...): the error is then a plain syntax error there.
func (pc *piece) remap(err error) *Error {
	var e *Error
	if !errors.As(err, &e) {
		return errAt(pc.p.sql, pc.from, "syntax error")
	}
	kw := len(pc.src) - (pc.to - pc.from)
	off := pc.from + max(offAt(pc.src, e.Pos)-kw, 0)
	if off >= pc.to && pc.to < len(pc.p.sql) {
		return errAt(pc.p.sql, pc.to, "syntax error")
	}
	return errAt(pc.p.sql, off, "%s", e.Msg)
}

// offAt is the inverse of posAt: the byte offset of pos in s.
func offAt(s string, pos Pos) int {
	off := 0
	for range pos.Line - 1 {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return len(s)
		}
		off += i + 1
	}
	for col := 1; col < pos.Col && off < len(s); col++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}

// rows checks the NEW and OLD references among the expressions walk visits,
// which sql[from:to] holds: OLD is not available in an INSERT trigger, NEW
// not in a DELETE trigger. It writes their qualifier upper-case.
func (p *trigParser) rows(from, to int, walk func(func(Expr))) {
	walk(func(e Expr) {
		c, ok := e.(*ColumnRef)
		if !ok {
			return
		}
		switch {
		case strings.EqualFold(c.Table, "NEW"):
			c.Table = "NEW"
		case strings.EqualFold(c.Table, "OLD"):
			c.Table = "OLD"
		default:
			return
		}
		switch {
		case c.Table == "OLD" && p.ct.Event == "INSERT":
			p.fail(rowRefOff(p.sql, from, to, "OLD"), "OLD is not available in an INSERT trigger")
		case c.Table == "NEW" && p.ct.Event == "DELETE":
			p.fail(rowRefOff(p.sql, from, to, "NEW"), "NEW is not available in a DELETE trigger")
		}
	})
}

// rowRefOff returns the offset of the first `row.` in sql[from:to], or from.
func rowRefOff(sql string, from, to int, row string) int {
	for t := nextToken(sql[:to], from); t.kind != tEOF; t = nextToken(sql[:to], t.end) {
		if rowName(sql, t) == row && nextToken(sql[:to], t.end).is(sql, ".") {
			return t.off
		}
	}
	return from
}

// lastEnd returns the end of the last token in sql[from:to], or from.
func lastEnd(sql string, from, to int) int {
	end := from
	for t := nextToken(sql[:to], from); t.kind != tEOF; t = nextToken(sql[:to], t.end) {
		end = t.end
	}
	return end
}
