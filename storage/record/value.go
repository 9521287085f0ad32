package record

import (
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/s3db-go/s3db/schema"
)

// This file is the value encoding of record format 2: the text that stands
// for each kind of value, before the metadata text layer (text.go). See
// docs/FORMAT.md for the table with examples.

// epochDay is 1970-01-01, day 0 of DATE values.
var epochDay = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// encodeValue renders a coerced value of type t.
func encodeValue(t schema.Type, v any) (string, error) {
	switch t.Kind {
	case schema.KindString, schema.KindJSON, schema.KindSecret: // SECRET: the sealed text (codec.go)
		return v.(string), nil
	case schema.KindInt:
		return formatInt(v.(int64)), nil
	case schema.KindUint:
		return formatUint(v.(uint64)), nil
	case schema.KindFloat:
		return formatFloat(v.(float64)), nil
	case schema.KindBool:
		if v.(bool) {
			return "1", nil
		}
		return "0", nil
	case schema.KindDecimal:
		return formatDecimal(v.(schema.Decimal), t.Scale)
	case schema.KindTime:
		tm := v.(time.Time).UTC()
		if t.Name == "DATE" { // whole days: DATE values are midnights
			return formatInt(floorDiv(tm.Unix(), 86400)), nil
		}
		return formatInstant(tm.Unix(), tm.Nanosecond(), t.Length)
	case schema.KindTimeOfDay:
		d, err := schema.ParseTimeOfDay(v.(string))
		if err != nil {
			return "", err
		}
		return formatInstant(int64(d/time.Second), int(d%time.Second), t.Length)
	case schema.KindEnum:
		for i, e := range t.Elems {
			if e == v.(string) {
				return formatUint(uint64(i + 1)), nil
			}
		}
		return "", fmt.Errorf("%s is not a member of %s", schema.Quote(v), t.SQL())
	case schema.KindBytes:
		return encodeBinary(v.([]byte)), nil
	case schema.KindUUID:
		u, err := schema.ParseUUID(v.(string))
		return encodeBinary(u[:]), err
	case schema.KindIP:
		a, err := netip.ParseAddr(v.(string))
		return encodeBinary(a.AsSlice()), err
	case schema.KindVector:
		vec, err := schema.ParseVector(v.(string))
		if err != nil {
			return "", err
		}
		return encodeVector(vec), nil
	}
	return "", fmt.Errorf("type %s cannot be stored", t.SQL())
}

// decodeValue reads encodeValue's text for a column of type t.
func decodeValue(t schema.Type, s string) (any, error) {
	switch t.Kind {
	case schema.KindString, schema.KindJSON, schema.KindSecret: // SECRET: the sealed text (codec.go)
		return s, nil
	case schema.KindInt:
		return parseInt(s)
	case schema.KindUint:
		return parseUint(s)
	case schema.KindFloat:
		return parseFloat(s)
	case schema.KindBool:
		switch s {
		case "1":
			return true, nil
		case "0":
			return false, nil
		}
		return nil, fmt.Errorf("bad boolean %q", s)
	case schema.KindDecimal:
		return parseDecimal(s, t.Scale)
	case schema.KindTime:
		if t.Name == "DATE" {
			days, err := parseInt(s)
			if err != nil || days < -719162 || days > 2932896 { // 0001-01-01 .. 9999-12-31
				return nil, fmt.Errorf("bad date %q", s)
			}
			return epochDay.AddDate(0, 0, int(days)), nil
		}
		secs, ns, err := parseInstant(s, t.Length)
		if err != nil || secs < -62135596800 || secs > 253402300799 {
			return nil, fmt.Errorf("bad datetime %q", s)
		}
		return time.Unix(secs, int64(ns)).UTC(), nil
	case schema.KindTimeOfDay:
		secs, ns, err := parseInstant(s, t.Length)
		if err != nil || secs < 0 || secs >= 86400 {
			return nil, fmt.Errorf("bad time %q", s)
		}
		return schema.FormatTimeOfDay(time.Duration(secs)*time.Second + time.Duration(ns)), nil
	case schema.KindEnum:
		i, err := parseUint(s)
		if err != nil || i < 1 || i > uint64(len(t.Elems)) {
			return nil, fmt.Errorf("bad member index %q of %s", s, schema.Truncate(t.SQL(), 40))
		}
		return t.Elems[i-1], nil
	case schema.KindBytes:
		return decodeBinary(s)
	case schema.KindUUID:
		b, err := decodeBinary(s)
		if err != nil || len(b) != 16 {
			return nil, fmt.Errorf("bad UUID %q", s)
		}
		return schema.FormatUUID([16]byte(b)), nil
	case schema.KindIP:
		b, err := decodeBinary(s)
		if err != nil || t.Name == "IP4" && len(b) != 4 || t.Name == "IP6" && len(b) != 16 {
			return nil, fmt.Errorf("bad %s address %q", t.Name, s)
		}
		a, _ := netip.AddrFromSlice(b)
		return a.String(), nil
	case schema.KindVector:
		vec, err := decodeVector(s, t.Length)
		if err != nil {
			return nil, fmt.Errorf("bad vector of %d dimensions %q: %v", t.Length, schema.Truncate(s, 20), err)
		}
		return schema.FormatVector(vec), nil
	}
	return nil, fmt.Errorf("type %s cannot be stored", t.SQL())
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// formatFloat is the shortest text that reads back as f: plain or with a
// bare exponent, whichever is shorter ("0.1", "1e300", "-2.5e-10").
func formatFloat(f float64) string {
	p := strconv.FormatFloat(f, 'f', -1, 64)
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	exp = strings.TrimLeft(strings.TrimPrefix(exp, "+"), "0")
	if strings.HasPrefix(exp, "-") {
		exp = "-" + strings.TrimLeft(exp[1:], "0")
	}
	if exp == "" {
		return p
	}
	if e = mant + "e" + exp; len(e) < len(p) {
		return e
	}
	return p
}

// parseFloat accepts formatFloat's canonical text only.
func parseFloat(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || formatFloat(f) != s {
		return 0, fmt.Errorf("bad number %q", s)
	}
	return f, nil
}

// timeUnit is the number of units per second in which times of a type with
// fsp fractional digits are stored: seconds, milliseconds or microseconds.
func timeUnit(fsp int) int64 {
	switch {
	case fsp == 0:
		return 1
	case fsp <= 3:
		return 1e3
	}
	return 1e6
}

// formatInstant renders a time (seconds since the epoch, or since midnight
// for TIME, plus ns nanoseconds) as a base62 count of its type's unit
// (timeUnit): "1Rkv4x" for 2024-01-02 03:04:05 in a DATETIME, "u0aFbhc" for
// 2024-01-02 03:04:05.678 in a DATETIME(3).
func formatInstant(secs int64, ns int, fsp int) (string, error) {
	unit := timeUnit(fsp)
	per := int(1e9 / unit)
	if ns%per != 0 {
		return "", fmt.Errorf("time with %d nanoseconds is finer than its precision (%d digits)", ns, fsp)
	}
	return formatInt(secs*unit + int64(ns/per)), nil
}

// parseInstant reverses formatInstant.
func parseInstant(s string, fsp int) (secs int64, ns int, err error) {
	unit := timeUnit(fsp)
	n, err := parseInt(s)
	if err != nil {
		return 0, 0, err
	}
	secs = floorDiv(n, unit)
	return secs, int((n - secs*unit) * (1e9 / unit)), nil
}

// formatDecimal renders a DECIMAL(p,s) value as its unscaled integer (the
// value times 10^s) in base62, "-" first when negative: 19.99 in a
// DECIMAL(10,2) is "wf" (1999), 12345.67 is "5ban".
func formatDecimal(d schema.Decimal, scale int) (string, error) {
	if r := d.Round(scale, false); r.Cmp(d) != 0 {
		return "", fmt.Errorf("%s has more than %d decimals", d, scale)
	} else {
		d = r
	}
	s := string(d)
	var b strings.Builder
	if strings.HasPrefix(s, "-") {
		b.WriteByte('-')
	}
	digits := strings.TrimLeft(strings.NewReplacer("-", "", ".", "").Replace(s), "0")
	if u, err := strconv.ParseUint(digits, 10, 64); err == nil || digits == "" {
		b.WriteString(formatUint(u))
	} else { // beyond 64 bits: math/big speaks base62 with the same alphabet
		b.WriteString(bigBase62(digits))
	}
	return b.String(), nil
}

// parseDecimal reverses formatDecimal, accepting only its canonical text.
func parseDecimal(s string, scale int) (schema.Decimal, error) {
	neg := strings.HasPrefix(s, "-")
	whole := strings.TrimPrefix(s, "-")
	digits := ""
	if u, err := parseUint(whole); err == nil {
		digits = strconv.FormatUint(u, 10)
	} else if err == errBase62Overflow {
		digits = bigDecimal(whole)
	}
	text := digits + "e-" + strconv.Itoa(scale)
	if neg {
		text = "-" + text
	}
	d, err := schema.ParseDecimal(text)
	if digits == "" || err != nil {
		return "", fmt.Errorf("bad decimal %q", s)
	}
	if back, _ := formatDecimal(d, scale); back != s {
		return "", fmt.Errorf("bad decimal %q", s)
	}
	return d, nil
}
