package schema

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// This file holds the text forms of values: how they print, and how text
// reads back as a time.

// ValueText is the canonical text of a value: what DEFAULT stores and what a
// string conversion shows (times as 'YYYY-MM-DD HH:MM:SS', bools as 1/0).
func ValueText(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case Decimal:
		return string(x)
	case float64:
		return FormatFloat(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case time.Time:
		return FormatTime(x)
	}
	return fmt.Sprint(v)
}

// FormatFloat prints a DOUBLE as MySQL 8 does (sqlparse.FormatFloat).
func FormatFloat(f float64) string { return sqlparse.FormatFloat(f, 64) }

// FormatTime renders a time as MySQL does: 'YYYY-MM-DD HH:MM:SS[.ffffff]'.
func FormatTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04:05.999999")
}

// FormatTimeOfDay renders a TIME value, a duration since midnight, as
// 'HH:MM:SS[.ffffff]' (fraction digits without trailing zeros).
func FormatTimeOfDay(d time.Duration) string {
	s := int64(d / time.Second)
	out := fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
	if us := int64(d%time.Second) / 1000; us != 0 {
		out += strings.TrimRight(fmt.Sprintf(".%06d", us), "0")
	}
	return out
}

// ParseTimeOfDay reads a time of day: 'HH:MM[:SS[.fraction]]' (one-digit
// fields allowed), 'HHMMSS[.fraction]', or a datetime, whose clock is taken.
// The result is in [0, 24h); the fraction is kept to the nanosecond.
func ParseTimeOfDay(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	p := &scanner{s: s}
	var h, mi, sec, ns int
	ok := false
	if allDigitsFrac(s) && len(strings.SplitN(s, ".", 2)[0]) == 6 {
		h, _ = p.int(2, 2)
		mi, _ = p.int(2, 2)
		sec, _ = p.int(2, 2)
		ok = true
	} else if hh, okh := p.int(1, 2); okh && p.sep(":") {
		var okm bool
		h = hh
		if mi, okm = p.int(1, 2); okm {
			ok = true
			if p.sep(":") {
				sec, ok = p.int(1, 2)
			}
		}
	}
	if ok && p.sep(".") {
		start := p.i
		f, okf := p.int(1, 9)
		for k := p.i - start; k < 9; k++ {
			f *= 10
		}
		ns, ok = f, okf
	}
	if !ok || !p.done() {
		if t, err := ParseTime(s); err == nil && strings.ContainsAny(s, " T") {
			return t.Sub(t.Truncate(24 * time.Hour)), nil
		}
		return 0, fmt.Errorf("invalid time %s", Quote(s))
	}
	if h > 23 || mi > 59 || sec > 59 {
		return 0, fmt.Errorf("invalid time %s: a time of day is 00:00:00 to 23:59:59.999999", Quote(s))
	}
	return time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second + time.Duration(ns), nil
}

// allDigitsFrac reports whether s is digits with an optional '.' and more digits.
func allDigitsFrac(s string) bool {
	i, f, _ := strings.Cut(s, ".")
	return allDigits(i) && (f == "" || allDigits(f)) && !strings.HasSuffix(s, ".")
}

// TimeFromNumber reads a number as MySQL reads a datetime: YYYYMMDD or
// YYYYMMDDHHMMSS[.ffffff].
func TimeFromNumber(f float64) (time.Time, bool) {
	if f < 0 || f >= 1e14 {
		return time.Time{}, false
	}
	ip, frac := math.Modf(f)
	n := int64(ip)
	switch {
	case n >= 1000_01_01 && n <= 9999_12_31 && frac == 0:
		return mkTime(int(n/1e4), int(n/100%100), int(n%100), 0, 0, 0, 0)
	case n >= 1000_01_01_00_00_00:
		d, c := n/1e6, n%1e6
		return mkTime(int(d/1e4), int(d/100%100), int(d%100), int(c/1e4), int(c/100%100), int(c%100),
			int(math.Round(frac*1e6))*1000)
	}
	return time.Time{}, false
}

func mkTime(y, mo, d, h, mi, s, ns int) (time.Time, bool) {
	if y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC)
	if t.Day() != d { // 2024-02-30 would normalise to March
		return time.Time{}, false
	}
	return t, true
}

// ParseTime parses the datetime forms s3db accepts: 'YYYY-MM-DD',
// 'YYYY-MM-DD HH:MM[:SS[.fraction]]' (also with 'T' and '/' separators and
// one-digit month, day and time fields), RFC 3339 with a zone ('Z' or
// ±HH:MM, converted to UTC), and the compact 'YYYYMMDD' and
// 'YYYYMMDDHHMMSS'. Invalid dates such as '2024-02-30' and the zero date are
// errors.
func ParseTime(s string) (time.Time, error) {
	t, ok := parseTime(strings.TrimSpace(s))
	if !ok {
		return time.Time{}, fmt.Errorf("invalid date/time %s", Quote(s))
	}
	return t, nil
}

func parseTime(s string) (time.Time, bool) {
	if allDigits(s) && (len(s) == 8 || len(s) == 14) {
		n, _ := strconv.ParseInt(s, 10, 64)
		return TimeFromNumber(float64(n))
	}
	p := &scanner{s: s}
	y, ok1 := p.int(4, 4)
	ok2 := p.sep("-/")
	mo, ok3 := p.int(1, 2)
	ok4 := p.sep("-/")
	d, ok5 := p.int(1, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return time.Time{}, false
	}
	var h, mi, sec, ns int
	if !p.done() {
		if !p.sep(" T") {
			return time.Time{}, false
		}
		var okh, okc, okm bool
		h, okh = p.int(1, 2)
		okc = p.sep(":")
		mi, okm = p.int(1, 2)
		if !(okh && okc && okm) {
			return time.Time{}, false
		}
		if p.sep(":") {
			if sec, ok1 = p.int(1, 2); !ok1 {
				return time.Time{}, false
			}
			if p.sep(".") {
				start := p.i
				f, ok := p.int(1, 9)
				if !ok {
					return time.Time{}, false
				}
				for k := p.i - start; k < 9; k++ {
					f *= 10
				}
				ns = f
			}
		}
	}
	t, ok := mkTime(y, mo, d, h, mi, sec, ns)
	if !ok {
		return time.Time{}, false
	}
	if p.done() {
		return t, true
	}
	// zone: Z or ±HH:MM / ±HHMM
	if p.s[p.i:] == "Z" || p.s[p.i:] == "z" {
		return t, true
	}
	sign := 0
	switch p.s[p.i] {
	case '+':
		sign = 1
	case '-':
		sign = -1
	default:
		return time.Time{}, false
	}
	p.i++
	zh, okh := p.int(2, 2)
	p.sep(":")
	zm, okm := p.int(2, 2)
	if !okh || !okm || !p.done() || zh > 14 || zm > 59 {
		return time.Time{}, false
	}
	return t.Add(-time.Duration(sign) * (time.Duration(zh)*time.Hour + time.Duration(zm)*time.Minute)), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

type scanner struct {
	s string
	i int
}

func (p *scanner) done() bool { return p.i == len(p.s) }

func (p *scanner) int(min, max int) (int, bool) {
	n, k := 0, 0
	for p.i < len(p.s) && k < max && isDigit(p.s[p.i]) {
		n = n*10 + int(p.s[p.i]-'0')
		p.i, k = p.i+1, k+1
	}
	return n, k >= min
}

func (p *scanner) sep(set string) bool {
	if p.i < len(p.s) && strings.IndexByte(set, p.s[p.i]) >= 0 {
		p.i++
		return true
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
