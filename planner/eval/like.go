package eval

import (
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/s3db-go/s3db/sqlparse"
)

// likeTok is one token of a LIKE pattern: a literal run, `_` or `%`.
type likeTok struct {
	kind byte // 'l' literal, '_' one character, '%' any run
	lit  string
}

// likeMatcher is a compiled LIKE pattern. Matching is case-sensitive and
// works on UTF-8 characters (`_` matches one character, not one byte).
type likeMatcher struct {
	toks []likeTok
	mode byte // 'e' equal, 'p' prefix, 's' suffix, 'c' contains, 'a' any, 'g' generic
	lit  string
}

// compileLike compiles pattern with escape character esc: esc followed by any
// character is that character literally; a trailing esc is itself.
func compileLike(pattern string, esc rune) *likeMatcher {
	var toks []likeTok
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, likeTok{kind: 'l', lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(pattern); {
		r, n := utf8.DecodeRuneInString(pattern[i:])
		i += n
		switch {
		case r == esc && i < len(pattern):
			r, n = utf8.DecodeRuneInString(pattern[i:])
			i += n
			lit.WriteRune(r)
		case r == '%':
			flush()
			if len(toks) == 0 || toks[len(toks)-1].kind != '%' {
				toks = append(toks, likeTok{kind: '%'})
			}
		case r == '_':
			flush()
			toks = append(toks, likeTok{kind: '_'})
		default:
			lit.WriteRune(r)
		}
	}
	flush()
	m := &likeMatcher{toks: toks, mode: 'g'}
	kinds := ""
	for _, t := range toks {
		kinds += string(t.kind)
	}
	switch kinds {
	case "":
		m.mode = 'e'
	case "%":
		m.mode = 'a'
	case "l":
		m.mode, m.lit = 'e', toks[0].lit
	case "l%":
		m.mode, m.lit = 'p', toks[0].lit
	case "%l":
		m.mode, m.lit = 's', toks[1].lit
	case "%l%":
		m.mode, m.lit = 'c', toks[1].lit
	}
	return m
}

func (m *likeMatcher) match(s string) bool {
	switch m.mode {
	case 'e':
		return s == m.lit
	case 'p':
		return strings.HasPrefix(s, m.lit)
	case 's':
		return strings.HasSuffix(s, m.lit)
	case 'c':
		return strings.Contains(s, m.lit)
	case 'a':
		return true
	}
	// Greedy matching with backtracking to the last '%' only: the segments
	// between wildcards have a fixed length, so the leftmost match of each is
	// always a valid choice. O(len(s) * len(pattern)) at worst.
	toks := m.toks
	ti, si := 0, 0
	star, starS := -1, 0
	for si < len(s) {
		if ti < len(toks) {
			switch t := toks[ti]; t.kind {
			case '%':
				star, starS = ti, si
				ti++
				continue
			case '_':
				_, n := utf8.DecodeRuneInString(s[si:])
				si += n
				ti++
				continue
			default:
				if strings.HasPrefix(s[si:], t.lit) {
					si += len(t.lit)
					ti++
					continue
				}
			}
		}
		if star < 0 {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[starS:])
		starS += n
		ti, si = star+1, starS
	}
	for ti < len(toks) && toks[ti].kind == '%' {
		ti++
	}
	return ti == len(toks)
}

// likeCache remembers the last pattern compiled at run time, for patterns
// that are placeholders or columns (usually the same for every row).
type likeCache struct {
	pattern string
	m       *likeMatcher
}

func (c *compiler) like(e *sqlparse.Like) (*Expr, error) {
	xs, fl, err := c.list([]sqlparse.Expr{e.X, e.Pattern})
	if err != nil {
		return nil, err
	}
	x, p, not := xs[0], xs[1], e.Not
	esc := e.Escape
	if esc == 0 {
		esc = '\\'
	}
	var fixed *likeMatcher
	if p.konst && p.val != nil {
		fixed = compileLike(ToString(p.val), esc)
	}
	var last atomic.Pointer[likeCache]
	return &Expr{flags: fl, fn: func(env *Env) (any, error) {
		v, err := x.fn(env)
		if v == nil || err != nil {
			return nil, err
		}
		m := fixed
		if m == nil {
			pv, err := p.fn(env)
			if pv == nil || err != nil {
				return nil, err
			}
			ps := ToString(pv)
			if lc := last.Load(); lc != nil && lc.pattern == ps {
				m = lc.m
			} else {
				m = compileLike(ps, esc)
				last.Store(&likeCache{ps, m})
			}
		}
		s, ok := v.(string)
		if !ok {
			s = ToString(v)
		}
		return m.match(s) != not, nil
	}}, nil
}
