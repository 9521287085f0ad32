package eval

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// maxStringLen bounds the results of REPEAT, LPAD and RPAD; longer results are
// NULL, as MySQL does beyond max_allowed_packet (64 MiB by default).
const maxStringLen = 64 << 20

// str1 is a string -> string function of one argument.
func str1(f func(string) string) *funcDef {
	return &funcDef{min: 1, max: 1, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		return f(ToString(a[0])), nil
	}}
}

func strFn(min, max int, f func(a []any) any) *funcDef {
	return &funcDef{min: min, max: max, nullIn: true, fn: func(_ *Env, a []any) (any, error) { return f(a), nil }}
}

var stringFuncs = map[string]*funcDef{
	"LOWER":   str1(strings.ToLower),
	"LCASE":   str1(strings.ToLower),
	"UPPER":   str1(strings.ToUpper),
	"UCASE":   str1(strings.ToUpper),
	"REVERSE": str1(reverse),
	"LTRIM":   str1(func(s string) string { return trimStr(s, " ", true, false) }),
	"RTRIM":   str1(func(s string) string { return trimStr(s, " ", false, true) }),
	"LENGTH": strFn(1, 1, func(a []any) any {
		if b, ok := a[0].([]byte); ok {
			return int64(len(b))
		}
		return int64(len(ToString(a[0])))
	}),
	"CHAR_LENGTH":      strFn(1, 1, charLength),
	"CHARACTER_LENGTH": strFn(1, 1, charLength),
	"CONCAT": strFn(1, -1, func(a []any) any {
		var b strings.Builder
		for _, v := range a {
			b.WriteString(ToString(v))
		}
		return b.String()
	}),
	"CONCAT_WS": {min: 2, max: -1, fn: func(_ *Env, a []any) (any, error) {
		if a[0] == nil {
			return nil, nil
		}
		var parts []string
		for _, v := range a[1:] {
			if v != nil {
				parts = append(parts, ToString(v))
			}
		}
		return strings.Join(parts, ToString(a[0])), nil
	}},
	"SUBSTRING": strFn(2, 3, substring),
	"SUBSTR":    strFn(2, 3, substring),
	"MID":       strFn(3, 3, substring),
	// TRIM(s), TRIM(s, remstr) and TRIM(s, remstr, 'BOTH'|'LEADING'|'TRAILING')
	// carry TRIM([BOTH|LEADING|TRAILING] [remstr] FROM s).
	"TRIM": strFn(1, 3, func(a []any) any {
		rem, lead, trail := " ", true, true
		if len(a) > 1 {
			rem = ToString(a[1])
		}
		if len(a) > 2 {
			switch strings.ToUpper(ToString(a[2])) {
			case "LEADING":
				trail = false
			case "TRAILING":
				lead = false
			}
		}
		return trimStr(ToString(a[0]), rem, lead, trail)
	}),
	"REPLACE": strFn(3, 3, func(a []any) any {
		s, from := ToString(a[0]), ToString(a[1])
		if from == "" {
			return s
		}
		return strings.ReplaceAll(s, from, ToString(a[2]))
	}),
	"LEFT": strFn(2, 2, func(a []any) any {
		rs, n := []rune(ToString(a[0])), intArg(a[1])
		return string(rs[:max(0, min(n, int64(len(rs))))])
	}),
	"RIGHT": strFn(2, 2, func(a []any) any {
		rs, n := []rune(ToString(a[0])), intArg(a[1])
		return string(rs[int64(len(rs))-max(0, min(n, int64(len(rs)))):])
	}),
	"INSTR":       strFn(2, 2, func(a []any) any { return locate(ToString(a[1]), ToString(a[0]), 1) }),
	"LOCATE":      locateFn,
	"POSITION":    locateFn, // POSITION(sub IN s) arrives as POSITION(sub, s)
	"REGEXP_LIKE": {min: 2, max: 3, build: buildRegexpLike},
	"LPAD":        strFn(3, 3, func(a []any) any { return pad(ToString(a[0]), intArg(a[1]), ToString(a[2]), true) }),
	"RPAD":        strFn(3, 3, func(a []any) any { return pad(ToString(a[0]), intArg(a[1]), ToString(a[2]), false) }),
	"REPEAT": strFn(2, 2, func(a []any) any {
		s, n := ToString(a[0]), intArg(a[1])
		switch {
		case n <= 0 || s == "":
			return ""
		case n > maxStringLen/int64(len(s)):
			return nil
		}
		return strings.Repeat(s, int(n))
	}),
}

var locateFn = strFn(2, 3, func(a []any) any {
	pos := int64(1)
	if len(a) > 2 {
		pos = intArg(a[2])
	}
	return locate(ToString(a[0]), ToString(a[1]), pos)
})

func charLength(a []any) any {
	if b, ok := a[0].([]byte); ok {
		return int64(len(b))
	}
	return int64(utf8.RuneCountInString(ToString(a[0])))
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}

// trimStr removes repeated occurrences of rem from the start and/or end of s.
func trimStr(s, rem string, lead, trail bool) string {
	if rem == "" {
		return s
	}
	for lead && strings.HasPrefix(s, rem) {
		s = s[len(rem):]
	}
	for trail && strings.HasSuffix(s, rem) {
		s = s[:len(s)-len(rem)]
	}
	return s
}

// substring is SUBSTRING(s, pos[, len]) on characters: pos is 1-based,
// negative counts from the end, 0 gives the empty string.
func substring(a []any) any {
	rs := []rune(ToString(a[0]))
	n, pos := int64(len(rs)), intArg(a[1])
	switch {
	case pos > 0:
		pos--
	case pos < 0:
		pos += n
	}
	if intArg(a[1]) == 0 || pos < 0 || pos >= n {
		return ""
	}
	end := n
	if len(a) > 2 {
		l := intArg(a[2])
		if l <= 0 {
			return ""
		}
		if l < n-pos {
			end = pos + l
		}
	}
	return string(rs[pos:end])
}

// locate is the 1-based character position of sub in s at or after pos, 0
// when absent.
func locate(sub, s string, pos int64) int64 {
	rs := []rune(s)
	if pos < 1 || pos-1 > int64(len(rs)) {
		return 0
	}
	rest := string(rs[pos-1:])
	i := strings.Index(rest, sub)
	if i < 0 {
		return 0
	}
	return pos + int64(utf8.RuneCountInString(rest[:i]))
}

// pad is LPAD/RPAD: s cut or padded with p to n characters; NULL for a
// negative n, an empty pad that is needed, or a result beyond maxStringLen.
func pad(s string, n int64, p string, left bool) any {
	rs := []rune(s)
	switch {
	case n < 0:
		return nil
	case n <= int64(len(rs)):
		return string(rs[:n])
	case p == "" || n > maxStringLen:
		return nil
	}
	pr := []rune(p)
	fill := make([]rune, int(n)-len(rs))
	for i := range fill {
		fill[i] = pr[i%len(pr)]
	}
	if left {
		return string(fill) + s
	}
	return s + string(fill)
}

// ---- REGEXP_LIKE (also `x [NOT] REGEXP p`) ----

// regexpCache remembers the last pattern compiled at run time.
type regexpCache struct {
	key string
	re  *regexp.Regexp
}

// compileRegexp compiles pattern with MySQL match_type flags: c
// case-sensitive (the default here), i case-insensitive, m multi-line, n '.'
// matches newlines, u (Unix line endings, a no-op).
func compileRegexp(pattern, matchType string) (*regexp.Regexp, error) {
	flags := ""
	for _, c := range matchType {
		switch c {
		case 'c':
			flags = strings.ReplaceAll(flags, "i", "")
		case 'i', 'm':
			flags += string(c)
		case 'n':
			flags += "s"
		case 'u':
		default:
			return nil, fmt.Errorf("invalid match type '%s' for REGEXP_LIKE", matchType)
		}
	}
	if flags != "" {
		pattern = "(?" + flags + ")" + pattern
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("invalid regular expression: %v", err)
	}
	return re, nil
}

func buildRegexpLike(_ string, args []*Expr) (evalFn, error) {
	var fixed *regexp.Regexp
	constant := true
	for _, a := range args[1:] {
		constant = constant && a.konst && a.val != nil
	}
	if constant {
		mt := ""
		if len(args) > 2 {
			mt = ToString(args[2].val)
		}
		var err error
		if fixed, err = compileRegexp(ToString(args[1].val), mt); err != nil {
			return nil, err
		}
	}
	var last atomic.Pointer[regexpCache]
	return func(env *Env) (any, error) {
		vals := make([]any, len(args))
		for i, a := range args {
			v, err := a.fn(env)
			if v == nil || err != nil {
				return nil, err
			}
			vals[i] = v
		}
		re := fixed
		if re == nil {
			mt := ""
			if len(vals) > 2 {
				mt = ToString(vals[2])
			}
			key := mt + "/" + ToString(vals[1])
			if c := last.Load(); c != nil && c.key == key {
				re = c.re
			} else {
				var err error
				if re, err = compileRegexp(ToString(vals[1]), mt); err != nil {
					return nil, err
				}
				last.Store(&regexpCache{key, re})
			}
		}
		return re.MatchString(ToString(vals[0])), nil
	}, nil
}
