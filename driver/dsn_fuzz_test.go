package driver

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzDSN checks that ParseDSN never panics, that FormatDSN is an exact
// inverse of ParseDSN and a canonical form (a fixed point), and that String
// hides the secrets.
func FuzzDSN(f *testing.F) {
	for _, tt := range dsnTests {
		f.Add(tt.dsn)
	}
	for _, s := range []string{"", "s3://", "file:", "mem://", "s3://k:s@b?regoin=1", "http://k:s?x@h/b", "s3://b/a%zz",
		"https://[::1]:9000/b/p?path_style=false", "file:////x?timeout=2562047h47m16.854775807s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		c, err := ParseDSN(dsn)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("ParseDSN(%q) returned an invalid Config: %v", dsn, err)
		}
		canonical := c.FormatDSN()
		c2, err := ParseDSN(canonical)
		if err != nil {
			t.Fatalf("ParseDSN(FormatDSN(ParseDSN(%q))) = ParseDSN(%q): %v", dsn, canonical, err)
		}
		if !reflect.DeepEqual(c, c2) {
			t.Fatalf("round trip of %q via %q:\n got %s\nwant %s", dsn, canonical, dsnFields(*c2), dsnFields(*c))
		}
		if again := c2.FormatDSN(); again != canonical {
			t.Fatalf("not a fixed point: %q -> %q -> %q", dsn, canonical, again)
		}
		// Long enough secrets that occur nowhere else must not show.
		public := *c
		public.SecretKey, public.SessionToken, public.Passphrase = "", "", ""
		shown, rest := c.String(), public.FormatDSN()
		for _, s := range []string{c.SecretKey, c.SessionToken, c.Passphrase} {
			if len(s) >= 8 && !strings.Contains(rest, s) && !strings.Contains(dsnRedacted, s) && strings.Contains(shown, s) {
				t.Fatalf("String() = %q shows a secret", shown)
			}
		}
	})
}
