package sqlparse

import (
	"slices"
	"strings"
	"sync"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	_ "github.com/pingcap/tidb/pkg/parser/test_driver" // literal and placeholder nodes
)

// TiDB parsers are not safe for concurrent use and cost some allocations to
// make: keep a pool.
var parsers = sync.Pool{New: func() any { return parser.New() }}

// Parse parses one or more ';'-separated statements. Placeholders are numbered
// across the whole text. Errors are *Error with line and column; an empty
// text (only blanks and comments) is an error too.
//
// Parse is safe for concurrent use: TiDB parsers are pooled.
func Parse(sql string) ([]Statement, error) {
	rest, trigs := cutTriggers(sql) // trigger statements are not TiDB grammar (trigger.go)
	src, creates, err := prepass(rest)
	if err != nil {
		return nil, err
	}
	p := parsers.Get().(*parser.Parser)
	nodes, err := parseTiDB(p, sql, src)
	if err != nil {
		return nil, err // and p is dropped: it may be in any state
	}
	defer parsers.Put(p) // not before the translation: nodes is p's buffer
	if len(nodes) == 0 && trigs.none() {
		return nil, &Error{Pos: Pos{Line: 1, Col: 1}, Msg: "empty query"}
	}
	t := translator{sql: sql, creates: creates}
	stmts := make([]Statement, 0, len(nodes))
	for _, n := range nodes {
		// A statement's text is the slice of src after the previous one.
		text := n.OriginalText()
		t.start = t.end + max(strings.Index(src[t.end:], text), 0)
		t.end = min(t.start+len(text), len(src))
		t.start = skipBlanks(src, t.start, t.end) // a cut trigger is blanks, not part of this statement
		if stmts, err = trigs.upTo(stmts, t.start); err != nil {
			return nil, err
		}
		stmts = append(stmts, t.statement(n))
		if t.err != nil {
			return nil, t.err
		}
	}
	if stmts, err = trigs.upTo(stmts, len(sql)+1); err != nil {
		return nil, err
	}
	slices.SortFunc(t.params, func(a, b paramAt) int { return a.off - b.off })
	for i, p := range t.params {
		p.p.Index = i
	}
	return stmts, nil
}

// parseTiDB runs p on src, the pre-passed sql. The literal driver that TiDB
// ships for tools panics on decimal literals of more than about 80 digits:
// that becomes an error too.
func parseTiDB(p *parser.Parser, sql, src string) (nodes []ast.StmtNode, err error) {
	defer func() {
		if recover() != nil {
			nodes, err = nil, errAt(sql, longestNumber(src), "syntax error: number too long")
		}
	}()
	nodes, _, err = p.ParseSQL(src)
	if err != nil {
		return nil, tidbError(sql, src, err)
	}
	return nodes, nil
}

// longestNumber returns the offset of the longest run of digits and dots in s.
func longestNumber(s string) int {
	best, bestLen := 0, 0
	for i := 0; i < len(s); i++ {
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	return best
}

// NumParams reports how many `?` placeholders the statements of one Parse
// hold (for driver.Stmt.NumInput): one more than the highest Param.Index.
func NumParams(stmts []Statement) int {
	n := 0
	for _, s := range stmts {
		walkStmt(s, func(e Expr) {
			if p, ok := e.(*Param); ok {
				n = max(n, p.Index+1)
			}
		})
	}
	return n
}

// Error is a parse or validation error at a position in the SQL text. Pos
// is 1-based; Col counts characters. Its message reads
// `sql: syntax error at line 1, column 10 near "FORM users"` or
// `sql: unsupported: JOIN at line 1, column 17 near "JOIN u ON t.id = u.id"`.
type Error struct {
	Pos  Pos
	Near string // up to 40 characters of the text at Pos, to the end of its line
	Msg  string
}

func (e *Error) Error() string {
	s := "sql: " + e.Msg
	if e.Pos.Line > 0 {
		s += " at line " + itoa(e.Pos.Line) + ", column " + itoa(e.Pos.Col)
	}
	if e.Near != "" {
		s += " near \"" + e.Near + "\""
	}
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
