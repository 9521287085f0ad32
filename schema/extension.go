package schema

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/s3db-go/s3db/sqlparse"
)

// This file holds the dialect's extension types (EMAIL, URL, UUID, IP4,
// IP6, EMBEDDING/VECTOR, SECRET): their validation and text forms.

// checkEmail accepts local@domain: a local part of at most 64 characters
// without blanks, quotes, '@' or leading, trailing or doubled dots, and a
// domain of dot-separated labels (letters, digits, '-', non-ASCII), at least
// two of them. Display names ("Ann <a@b.c>") are not addresses.
func checkEmail(s string) error {
	local, domain, ok := strings.Cut(s, "@")
	switch {
	case !ok || strings.Contains(domain, "@"):
		return errors.New("not an email address: want exactly one '@'")
	case local == "" || utf8.RuneCountInString(local) > 64:
		return errors.New("not an email address: the part before '@' must be 1 to 64 characters")
	case strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, ".."):
		return errors.New("not an email address: misplaced '.' before '@'")
	case strings.ContainsAny(local, " \t\r\n\"(),:;<>[\\]"):
		return errors.New("not an email address: blank or special character before '@'")
	}
	if err := checkHost(domain); err != nil {
		return fmt.Errorf("not an email address: %w", err)
	}
	if !strings.Contains(domain, ".") {
		return errors.New("not an email address: the domain needs a dot")
	}
	return nil
}

// checkHost accepts a DNS name of labels of letters, digits, '-' and
// non-ASCII letters, each 1 to 63 characters, not starting or ending with '-'.
func checkHost(h string) error {
	if h == "" || len(h) > 253 {
		return errors.New("the domain must be 1 to 253 characters")
	}
	for _, l := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("bad domain label %s", Quote(l))
		}
		for _, r := range l {
			if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80) {
				return fmt.Errorf("bad character %q in domain", r)
			}
		}
	}
	return nil
}

// checkURL accepts an absolute URL: a scheme, then a host for the
// hierarchical form (https://host/...) or an opaque part (mailto:a@b.c),
// without blanks or control characters.
func checkURL(s string) error {
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return errors.New("not a URL: blank or control character")
		}
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("not a URL: %v", err)
	case u.Scheme == "":
		return errors.New("not a URL: no scheme (such as https:)")
	case u.Opaque == "" && u.Host == "":
		return errors.New("not a URL: no host")
	}
	return nil
}

// ParseUUID reads a UUID as 8-4-4-4-12 hexadecimal digits, 32 digits without
// dashes, in braces or as urn:uuid:..., in any case.
func ParseUUID(s string) ([16]byte, error) {
	var u [16]byte
	t := strings.TrimSpace(s)
	if len(t) > 9 && strings.EqualFold(t[:9], "urn:uuid:") {
		t = t[9:]
	} else if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
		t = t[1 : len(t)-1]
	}
	if len(t) == 36 {
		if t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-' {
			return u, errors.New("not a UUID: want 8-4-4-4-12 hexadecimal digits")
		}
		t = t[:8] + t[9:13] + t[14:18] + t[19:23] + t[24:]
	}
	if len(t) != 32 {
		return u, errors.New("not a UUID: want 32 hexadecimal digits")
	}
	if _, err := hex.Decode(u[:], []byte(t)); err != nil {
		return u, errors.New("not a UUID: want hexadecimal digits")
	}
	return u, nil
}

// FormatUUID renders a UUID in its canonical form: lower-case 8-4-4-4-12.
func FormatUUID(u [16]byte) string {
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// coerceUUID stores the canonical text; 16 raw bytes are a UUID too.
func coerceUUID(t Type, v any) (any, error) {
	switch x := v.(type) {
	case []byte:
		if len(x) == 16 {
			return FormatUUID([16]byte(x)), nil
		}
		return coerceUUID(t, string(x))
	case string:
		u, err := ParseUUID(x)
		if err != nil {
			return nil, &ConversionError{v, t.SQL(), err.Error()}
		}
		return FormatUUID(u), nil
	}
	return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
}

// ParseIP reads an address for an IP4 (v6 false) or IP6 column: IP4 takes
// dotted IPv4 (or its IPv4-mapped IPv6 form), IP6 takes IPv6 text (RFC
// 4291, IPv4-mapped included). Zones are rejected.
func ParseIP(s string, v6 bool) (netip.Addr, error) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return a, fmt.Errorf("not an IP address")
	}
	return checkIP(a, v6)
}

func checkIP(a netip.Addr, v6 bool) (netip.Addr, error) {
	switch {
	case a.Zone() != "":
		return a, errors.New("IP addresses with a zone (%eth0) cannot be stored")
	case !v6:
		if a = a.Unmap(); !a.Is4() {
			return a, errors.New("not an IPv4 address (use IP6)")
		}
	case a.Is4():
		return a, errors.New("an IPv4 address: use an IP4 column, or write it as ::ffff:a.b.c.d")
	}
	return a, nil
}

// coerceIP stores the canonical text of the address (RFC 5952 for IPv6);
// raw bytes of 4 or 16 bytes (net.IP) are addresses too.
func coerceIP(t Type, v any) (any, error) {
	v6 := t.Name == "IP6"
	var a netip.Addr
	var err error
	switch x := v.(type) {
	case []byte:
		if ip, ok := netip.AddrFromSlice(x); ok && (len(x) == 4 || len(x) == 16) {
			a, err = checkIP(ip, v6)
		} else {
			a, err = ParseIP(string(x), v6)
		}
	case string:
		a, err = ParseIP(x, v6)
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	if err != nil {
		return nil, &ConversionError{v, t.SQL(), err.Error()}
	}
	return a.String(), nil
}

// ParseVector reads a vector's JSON text: an array of finite numbers, each
// rounded to float32.
func ParseVector(s string) ([]float32, error) {
	var fs []float64
	if err := json.Unmarshal([]byte(s), &fs); err != nil || fs == nil {
		return nil, errors.New("not a vector: want a JSON array of numbers such as [0.1,-2,3e-5]")
	}
	out := make([]float32, len(fs))
	for i, f := range fs {
		out[i] = float32(f)
		if math.IsInf(float64(out[i]), 0) {
			return nil, fmt.Errorf("element %d (%v) is out of the float32 range", i, f)
		}
	}
	return out, nil
}

// FormatVector renders a vector as its canonical JSON text: each element in
// the shortest form that reads back as the same float32, as FormatFloat
// prints it: [0.1,-2,0.00003,1e20].
func FormatVector(v []float32) string {
	var b strings.Builder
	b.Grow(2 + len(v)*11)
	b.WriteByte('[')
	for i, f := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(sqlparse.FormatFloat(float64(f), 32))
	}
	b.WriteByte(']')
	return b.String()
}

// coerceVector checks the dimension and stores the canonical text.
func coerceVector(t Type, v any) (any, error) {
	var vec []float32
	switch x := v.(type) {
	case string, []byte:
		var err error
		if vec, err = ParseVector(toStr(x)); err != nil {
			return nil, &ConversionError{v, t.SQL(), err.Error()}
		}
	case []float32:
		vec = x
	case []float64:
		vec = make([]float32, len(x))
		for i, f := range x {
			vec[i] = float32(f)
		}
	default:
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("unsupported Go type %T", v)}
	}
	if len(vec) != t.Length {
		return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("%d dimensions, want %d", len(vec), t.Length)}
	}
	for i, f := range vec {
		if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
			return nil, &ConversionError{v, t.SQL(), fmt.Sprintf("element %d is not a finite number", i)}
		}
	}
	return FormatVector(vec), nil
}
