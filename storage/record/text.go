package record

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/schema"
)

// The metadata text layer: S3 user metadata values must be printable ASCII
// without leading or trailing blanks, and some servers drop empty values.

// encodeText makes any UTF-8 text a valid S3 metadata value (printable ASCII,
// no leading or trailing blank). Safe text is kept as is; other text becomes
// "~u" + percent-escapes or "~b" + base64, whichever is shorter. Text that
// itself starts with '~' is escaped so decoding is unambiguous.
func encodeText(s string) string {
	if safeText(s) {
		return s
	}
	var u strings.Builder
	u.WriteString("~u")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' && c < 0x7f && c != '%' {
			u.WriteByte(c)
		} else {
			u.WriteByte('%')
			u.WriteByte(hexDigits[c>>4])
			u.WriteByte(hexDigits[c&15])
		}
	}
	b := "~b" + base64.RawStdEncoding.EncodeToString([]byte(s))
	if len(b) < u.Len() {
		return b
	}
	return u.String()
}

func safeText(s string) bool {
	if s == "" { // S3 servers may drop empty header values: encode as "~u"
		return false
	}
	if s[0] == '~' || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func decodeText(s string) (string, error) {
	switch {
	case !strings.HasPrefix(s, "~"):
		return s, nil
	case strings.HasPrefix(s, "~u"):
		return UnescapeValue(s[2:])
	case strings.HasPrefix(s, "~b"):
		b, err := base64.RawStdEncoding.DecodeString(s[2:])
		return string(b), err
	}
	return "", fmt.Errorf("unknown text encoding %q", schema.Truncate(s, 8))
}
