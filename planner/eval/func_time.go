package eval

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// dateArg reads a date/time argument; false (the function returns NULL, as
// MySQL does with a warning) when it is not one.
func dateArg(v any) (time.Time, bool) {
	t, err := ToTime(v)
	return t, err == nil
}

func day(t time.Time) time.Time { return t.Truncate(24 * time.Hour) }

// datePart is a function of one date argument.
func datePart(f func(t time.Time) any) *funcDef {
	return &funcDef{min: 1, max: 1, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		t, ok := dateArg(a[0])
		if !ok {
			return nil, nil
		}
		return f(t), nil
	}}
}

func i64[T ~int](f func(time.Time) T) func(time.Time) any {
	return func(t time.Time) any { return int64(f(t)) }
}

// nowFn is NOW([fsp]) and its synonyms: the statement time (Env.Now) in UTC
// with fsp fractional digits (default 0).
var nowFn = &funcDef{min: 0, max: 1, flags: fNow, fn: func(env *Env, a []any) (any, error) {
	fsp := int64(0)
	if len(a) > 0 {
		if a[0] == nil {
			return nil, fmt.Errorf("NOW precision must not be NULL")
		}
		if fsp = intArg(a[0]); fsp < 0 || fsp > 6 {
			return nil, fmt.Errorf("too big precision %d specified for NOW: maximum is 6", fsp)
		}
	}
	d := time.Second
	for range fsp {
		d /= 10
	}
	return env.now().Truncate(d), nil
}}

var curdate = &funcDef{min: 0, max: 0, flags: fNow, fn: func(env *Env, _ []any) (any, error) { return day(env.now()), nil }}

var timeFuncs = merge(intervalFuncs, map[string]*funcDef{
	"NOW":               nowFn,
	"CURRENT_TIMESTAMP": nowFn,
	"LOCALTIME":         nowFn,
	"LOCALTIMESTAMP":    nowFn,
	"UTC_TIMESTAMP":     nowFn,
	"CURDATE":           curdate,
	"CURRENT_DATE":      curdate,
	"UTC_DATE":          curdate,
	"DATE":              datePart(func(t time.Time) any { return day(t) }),
	"TIMESTAMP":         datePart(func(t time.Time) any { return t }), // also TIMESTAMP 'literal'
	"YEAR":              datePart(i64(time.Time.Year)),
	"MONTH":             datePart(func(t time.Time) any { return int64(t.Month()) }),
	"QUARTER":           datePart(func(t time.Time) any { return int64(t.Month()+2) / 3 }),
	"DAY":               datePart(i64(time.Time.Day)),
	"DAYOFMONTH":        datePart(i64(time.Time.Day)),
	"DAYOFYEAR":         datePart(i64(time.Time.YearDay)),
	"DAYOFWEEK":         datePart(func(t time.Time) any { return int64(t.Weekday()) + 1 }),   // 1 = Sunday
	"WEEKDAY":           datePart(func(t time.Time) any { return int64(t.Weekday()+6) % 7 }), // 0 = Monday
	"HOUR":              datePart(i64(time.Time.Hour)),
	"MINUTE":            datePart(i64(time.Time.Minute)),
	"SECOND":            datePart(i64(time.Time.Second)),
	"MICROSECOND":       datePart(func(t time.Time) any { return int64(t.Nanosecond() / 1000) }),
	"MONTHNAME":         datePart(func(t time.Time) any { return t.Month().String() }),
	"DAYNAME":           datePart(func(t time.Time) any { return t.Weekday().String() }),
	"DATEDIFF": {min: 2, max: 2, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		t, ok1 := dateArg(a[0])
		u, ok2 := dateArg(a[1])
		if !ok1 || !ok2 {
			return nil, nil
		}
		return int64(day(t).Sub(day(u)) / (24 * time.Hour)), nil
	}},
	"UNIX_TIMESTAMP": {min: 0, max: 1, flags: fNow, fn: func(env *Env, a []any) (any, error) {
		t := env.now().Truncate(time.Second)
		if len(a) > 0 {
			var ok bool
			if t, ok = dateArg(a[0]); !ok {
				return nil, nil
			}
		}
		switch {
		case t.Unix() < 0:
			return int64(0), nil
		case t.Nanosecond()/1000 != 0:
			return float64(t.Unix()) + float64(t.Nanosecond()/1000)/1e6, nil
		}
		return t.Unix(), nil
	}},
	"FROM_UNIXTIME": {min: 1, max: 2, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		n, _, err := toNum(a[0])
		if err != nil {
			return nil, err
		}
		f := n.float()
		if f < 0 || f > 32536771199.999999 { // MySQL's range
			return nil, nil
		}
		sec, frac := math.Modf(f)
		t := time.Unix(int64(sec), int64(math.Round(frac*1e6))*1000).UTC()
		if len(a) > 1 {
			return dateFormat(t, ToString(a[1])), nil
		}
		return t, nil
	}},
	"DATE_FORMAT": {min: 2, max: 2, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		t, ok := dateArg(a[0])
		if !ok {
			return nil, nil
		}
		return dateFormat(t, ToString(a[1])), nil
	}},
	"UUID": {min: 0, max: 0, flags: fVolatile, fn: func(*Env, []any) (any, error) { return newUUID(), nil }},
})

// newUUID returns a random (version 4) UUID in its 36-character text form.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand documents it)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// dateFormat is MySQL's DATE_FORMAT. An unknown specifier %x yields x, as in
// MySQL.
func dateFormat(t time.Time, f string) string {
	var b strings.Builder
	pad := func(n, w int) {
		s := strconv.Itoa(n)
		for i := len(s); i < w; i++ {
			b.WriteByte('0')
		}
		b.WriteString(s)
	}
	h12 := func() int {
		if h := t.Hour() % 12; h != 0 {
			return h
		}
		return 12
	}
	ampm := func() string {
		if t.Hour() < 12 {
			return "AM"
		}
		return "PM"
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 == len(f) {
			b.WriteByte(f[i])
			continue
		}
		i++
		switch f[i] {
		case 'Y':
			pad(t.Year(), 4)
		case 'y':
			pad(t.Year()%100, 2)
		case 'm':
			pad(int(t.Month()), 2)
		case 'c':
			pad(int(t.Month()), 1)
		case 'M':
			b.WriteString(t.Month().String())
		case 'b':
			b.WriteString(t.Month().String()[:3])
		case 'd':
			pad(t.Day(), 2)
		case 'e':
			pad(t.Day(), 1)
		case 'D':
			pad(t.Day(), 1)
			b.WriteString(ordinal(t.Day()))
		case 'j':
			pad(t.YearDay(), 3)
		case 'H':
			pad(t.Hour(), 2)
		case 'k':
			pad(t.Hour(), 1)
		case 'h', 'I':
			pad(h12(), 2)
		case 'l':
			pad(h12(), 1)
		case 'i':
			pad(t.Minute(), 2)
		case 's', 'S':
			pad(t.Second(), 2)
		case 'f':
			pad(t.Nanosecond()/1000, 6)
		case 'p':
			b.WriteString(ampm())
		case 'r':
			pad(h12(), 2)
			b.WriteByte(':')
			pad(t.Minute(), 2)
			b.WriteByte(':')
			pad(t.Second(), 2)
			b.WriteString(" " + ampm())
		case 'T':
			pad(t.Hour(), 2)
			b.WriteByte(':')
			pad(t.Minute(), 2)
			b.WriteByte(':')
			pad(t.Second(), 2)
		case 'W':
			b.WriteString(t.Weekday().String())
		case 'a':
			b.WriteString(t.Weekday().String()[:3])
		case 'w':
			pad(int(t.Weekday()), 1)
		default: // includes %%
			b.WriteByte(f[i])
		}
	}
	return b.String()
}

func ordinal(d int) string {
	switch {
	case d/10 == 1:
		return "th"
	case d%10 == 1:
		return "st"
	case d%10 == 2:
		return "nd"
	case d%10 == 3:
		return "rd"
	}
	return "th"
}

// ---- intervals: DATE_ADD(d, n, unit), DATE_SUB, TIMESTAMPADD, TIMESTAMPDIFF, EXTRACT ----

// unitArg reads a time unit (a sqlparse.Keyword, compiled to its name).
// Only the simple units are supported; composite ones (DAY_HOUR, ...) are not
// yet.
func unitArg(v any) (string, error) {
	u := strings.ToUpper(ToString(v))
	switch u {
	case "MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR":
		return u, nil
	}
	return "", fmt.Errorf("time unit %s is not supported", u)
}

var unitDuration = map[string]time.Duration{
	"MICROSECOND": time.Microsecond, "SECOND": time.Second, "MINUTE": time.Minute,
	"HOUR": time.Hour, "DAY": 24 * time.Hour, "WEEK": 7 * 24 * time.Hour,
}

var unitMonths = map[string]int64{"MONTH": 1, "QUARTER": 3, "YEAR": 12}

// addInterval adds n units to t. Adding months keeps the day, clamped to the
// length of the target month ('2024-01-31' + 1 MONTH = '2024-02-29'), as
// MySQL does; a result outside years 1..9999 is NULL.
func addInterval(t time.Time, n num, unit string) any {
	var r time.Time
	if m, ok := unitMonths[unit]; ok {
		k := numInt(n)
		if k > 120000 || k < -120000 { // beyond years 1..9999 whatever t is
			return nil
		}
		months := int64(t.Year())*12 + int64(t.Month()) - 1 + k*m
		if months < 12 || months >= 10000*12 {
			return nil
		}
		y, mo := int(months/12), time.Month(months%12+1)
		d := min(t.Day(), time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC).Day())
		r = time.Date(y, mo, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	} else {
		unit := unitDuration[unit]
		f := float64(numInt(n))
		if unit == time.Second { // INTERVAL 1.5 SECOND keeps its fraction
			f = n.float()
		}
		if math.Abs(f*float64(unit)) > 1e4*365*24*float64(time.Hour) {
			return nil
		}
		r = t.Add(time.Duration(f * float64(unit)))
	}
	if r.Year() < 1 || r.Year() > 9999 {
		return nil
	}
	return r
}

func intervalFn(sign int64, dateAt, numAt, unitAt int) *funcDef {
	return &funcDef{min: 3, max: 3, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		unit, err := unitArg(a[unitAt])
		if err != nil {
			return nil, err
		}
		t, ok := dateArg(a[dateAt])
		n, _, err := toNum(a[numAt])
		if !ok || err != nil {
			return nil, err
		}
		if sign < 0 {
			n.i, n.f = -n.i, -n.f
		}
		return addInterval(t, n, unit), nil
	}}
}

// monthsBetween counts whole months from a to b, as TIMESTAMPDIFF(MONTH).
func monthsBetween(a, b time.Time) int64 {
	m := int64(b.Year()-a.Year())*12 + int64(b.Month()-a.Month())
	rest := func(t time.Time) time.Duration { return t.Sub(t.AddDate(0, 0, 1-t.Day()).Truncate(24 * time.Hour)) }
	switch {
	case m > 0 && rest(b) < rest(a):
		m--
	case m < 0 && rest(b) > rest(a):
		m++
	}
	return m
}

var intervalFuncs = map[string]*funcDef{
	"DATE_ADD":     intervalFn(1, 0, 1, 2),
	"ADDDATE":      intervalFn(1, 0, 1, 2),
	"DATE_SUB":     intervalFn(-1, 0, 1, 2),
	"SUBDATE":      intervalFn(-1, 0, 1, 2),
	"TIMESTAMPADD": intervalFn(1, 2, 1, 0),
	"TIMESTAMPDIFF": {min: 3, max: 3, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		unit, err := unitArg(a[0])
		if err != nil {
			return nil, err
		}
		t, ok1 := dateArg(a[1])
		u, ok2 := dateArg(a[2])
		if !ok1 || !ok2 {
			return nil, nil
		}
		if m, ok := unitMonths[unit]; ok {
			return monthsBetween(t, u) / m, nil
		}
		return int64(u.Sub(t) / unitDuration[unit]), nil
	}},
	"EXTRACT": {min: 2, max: 2, nullIn: true, fn: func(_ *Env, a []any) (any, error) {
		unit, err := unitArg(a[0])
		if err != nil {
			return nil, err
		}
		t, ok := dateArg(a[1])
		if !ok {
			return nil, nil
		}
		switch unit {
		case "YEAR":
			return int64(t.Year()), nil
		case "QUARTER":
			return int64(t.Month()+2) / 3, nil
		case "MONTH":
			return int64(t.Month()), nil
		case "DAY":
			return int64(t.Day()), nil
		case "HOUR":
			return int64(t.Hour()), nil
		case "MINUTE":
			return int64(t.Minute()), nil
		case "SECOND":
			return int64(t.Second()), nil
		case "MICROSECOND":
			return int64(t.Nanosecond() / 1000), nil
		}
		return nil, fmt.Errorf("EXTRACT(%s FROM ...) is not supported", unit)
	}},
}
