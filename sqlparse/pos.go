package sqlparse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nearLen is how many characters of text an Error quotes.
const nearLen = 40

// posAt converts a byte offset in sql to a 1-based line and column; columns
// count characters (a tab is one), not bytes.
func posAt(sql string, off int) Pos {
	off = min(max(off, 0), len(sql))
	start := strings.LastIndexByte(sql[:off], '\n') + 1
	return Pos{
		Line: 1 + strings.Count(sql[:start], "\n"),
		Col:  1 + utf8.RuneCountInString(sql[start:off]),
	}
}

// nearAt returns up to nearLen characters of sql from off to the end of its line.
func nearAt(sql string, off int) string {
	s := sql[min(max(off, 0), len(sql)):]
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	n := 0
	for i := range s {
		if n == nearLen {
			s = s[:i]
			break
		}
		n++
	}
	return strings.TrimRightFunc(s, unicode.IsSpace)
}

// errAt returns an *Error at byte offset off of sql.
func errAt(sql string, off int, format string, args ...any) *Error {
	return &Error{Pos: posAt(sql, off), Near: nearAt(sql, off), Msg: fmt.Sprintf(format, args...)}
}

var (
	// TiDB's lexer reports `line L column C near "REST"MSG (total length N)`,
	// where REST is the text from the offending token to the end (at most
	// 2048 bytes, then N is the length of the whole rest) and C is where the
	// lexer stopped, past the token. REST gives the token's offset exactly.
	reScanErr  = regexp.MustCompile(`^line \d+ column \d+ near "`)
	reTotalLen = regexp.MustCompile(` ?\(total length (\d+)\)$`)
	// An unterminated comment: `near 'COMMENT' at line L`.
	reCommentErr = regexp.MustCompile(`(?s)^near '(.*)' at line \d+$`)
	// Other errors carry no position and may start with `[class:code]`.
	reErrCode = regexp.MustCompile(`^\[\w+:\d+\]\s*`)
	reQuoted  = regexp.MustCompile(`'([^']+)'`)
)

// tidbError converts an error of TiDB's parser on src (the text after the
// pre-pass, with the same offsets as sql) into an *Error positioned in sql.
func tidbError(sql, src string, err error) *Error {
	msg := err.Error()
	if loc := reScanErr.FindStringIndex(msg); loc != nil {
		off, detail := scanErrOffset(src, msg[loc[1]:])
		if off >= 0 {
			if detail == "" {
				detail = unexpected(src, off)
			}
			if detail != "" {
				return errAt(sql, off, "syntax error: %s", lowerFirst(detail))
			}
			return errAt(sql, off, "syntax error")
		}
	}
	if m := reCommentErr.FindStringSubmatch(msg); m != nil {
		off := len(src) - len(m[1])
		if !strings.HasSuffix(src, m[1]) {
			off = strings.Index(src, m[1])
		}
		return errAt(sql, off, "syntax error: unterminated comment")
	}
	e := &Error{Pos: Pos{Line: 1, Col: 1}, Msg: "syntax error: " + lowerFirst(reErrCode.ReplaceAllString(msg, ""))}
	if m := reQuoted.FindStringSubmatch(e.Msg); m != nil {
		if off := strings.Index(src, m[1]); off >= 0 {
			e.Pos, e.Near = posAt(sql, off), nearAt(sql, off)
		}
	}
	return e
}

// scanErrOffset finds the offset in src of the REST quoted by a lexer error,
// given the message after `near "`, and returns it with the message's detail.
// It returns -1 if REST is not found.
func scanErrOffset(src, rest string) (off int, detail string) {
	if m := reTotalLen.FindStringSubmatchIndex(rest); m != nil {
		n, _ := strconv.Atoi(rest[m[2]:m[3]])
		off = len(src) - n
		if off < 0 || off+2048 > len(src) || len(rest) < 2049 {
			return -1, ""
		}
		return off, strings.TrimSpace(rest[2049:m[0]])
	}
	// rest is REST + `"` + detail; the detail may hold quotes too.
	for j := strings.LastIndexByte(rest, '"'); j >= 0; j = strings.LastIndexByte(rest[:j], '"') {
		if strings.HasSuffix(src, rest[:j]) {
			return len(src) - j, strings.TrimSpace(rest[j+1:])
		}
	}
	return -1, ""
}

// unexpected describes a token that TiDB's lexer could not finish.
func unexpected(src string, off int) string {
	t := nextToken(src, off)
	switch {
	case t.kind == tEOF:
		return "unexpected end of input"
	case t.kind == tString || t.kind == tIdent:
		if _, ok := skipQuoted(src, t.off); !ok {
			return "unterminated quoted " + map[tokKind]string{tString: "string", tIdent: "identifier"}[t.kind]
		}
	}
	return ""
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) || len(s) > n && unicode.IsUpper(rune(s[n])) {
		return s // keep acronyms such as "ESCAPE" or "DECIMAL"
	}
	return string(unicode.ToLower(r)) + s[n:]
}
