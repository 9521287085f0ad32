package sqlparse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A small lexer over the original SQL text. TiDB's own lexer is not exported,
// and TiDB's AST keeps few positions, so this one serves the extension
// pre-pass and finds positions and source text for the translation. It only
// needs to agree with TiDB on what is a comment, a quoted string, a quoted
// identifier and a word; everything else is a one-byte punctuation token.

type tokKind uint8

const (
	tEOF    tokKind = iota
	tWord           // unquoted identifier, keyword or number
	tIdent          // `quoted identifier`
	tString         // 'string' or "string"
	tPunct          // any other single byte
)

type token struct {
	kind     tokKind
	off, end int // byte offsets of the token in the text
}

// text returns the token as written.
func (t token) text(s string) string { return s[t.off:t.end] }

// is reports whether t is the unquoted word w (case-insensitive) or the
// punctuation w.
func (t token) is(s, w string) bool {
	return (t.kind == tWord || t.kind == tPunct) && strings.EqualFold(s[t.off:t.end], w)
}

// unquoted returns a word as written, and a quoted identifier or string
// without its quotes (a doubled quote stands for one; backslash escapes are
// kept as written).
func (t token) unquoted(s string) string {
	if t.kind != tIdent && t.kind != tString {
		return s[t.off:t.end]
	}
	q := s[t.off : t.off+1]
	end := t.end
	if end-t.off > 1 && s[end-1] == q[0] {
		end--
	}
	return strings.ReplaceAll(s[t.off+1:end], q+q, q)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '$' || c >= utf8.RuneSelf
}

// nextToken returns the first token at or after byte offset i, skipping
// white space and comments. Unterminated strings, identifiers and comments
// run to the end of the text: TiDB reports those.
func nextToken(s string, i int) token {
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '#' || c == '-' && strings.HasPrefix(s[i:], "--") &&
			(i+2 == len(s) || unicode.IsSpace(rune(s[i+2]))):
			if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
				i += j + 1
			} else {
				i = len(s)
			}
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(s)
			}
		case c == '\'' || c == '"' || c == '`':
			end, _ := skipQuoted(s, i)
			return token{kind: quoteKind(c), off: i, end: end}
		case isWordByte(c):
			j := i + 1
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			return token{kind: tWord, off: i, end: j}
		default:
			return token{kind: tPunct, off: i, end: i + 1}
		}
	}
	return token{kind: tEOF, off: len(s), end: len(s)}
}

func quoteKind(q byte) tokKind {
	if q == '`' {
		return tIdent
	}
	return tString
}

// skipQuoted returns the offset just past the quoted token starting at s[i],
// and false if the closing quote is missing. A doubled quote stands for
// itself; in strings a backslash escapes the next byte.
func skipQuoted(s string, i int) (int, bool) {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if q != '`' {
				j++
			}
		case q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1, true
		}
	}
	return len(s), false
}

// tokens returns the tokens of s[from:to].
func tokens(s string, from, to int) []token {
	var ts []token
	for t := nextToken(s[:to], from); t.kind != tEOF; t = nextToken(s[:to], t.end) {
		ts = append(ts, t)
	}
	return ts
}

// findWord returns the offset of the first unquoted word (case-insensitive)
// or punctuation w in s[from:to], or -1.
func findWord(s string, from, to int, w string) int {
	for t := nextToken(s[:to], from); t.kind != tEOF; t = nextToken(s[:to], t.end) {
		if t.is(s, w) {
			return t.off
		}
	}
	return -1
}
