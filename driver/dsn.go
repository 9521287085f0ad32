package driver

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrInvalidDSN is wrapped by every error of ParseDSN and Config.Validate.
var ErrInvalidDSN = errors.New("invalid dsn")

// dsnRedacted replaces secrets in Config.String and in errors.
const dsnRedacted = "xxxxx"

// dsnBehaviors are the values of the behavior parameter (the s3db.js behaviors
// for the 2 KB S3 metadata limit).
var dsnBehaviors = []string{"user-managed", "enforce-limits", "truncate-data", "body-overflow", "body-only"}

var dsnCASModes = []string{"require", "probe", "off"}

// A dsnParam is one DSN query parameter. The table is in canonical order
// (alphabetical): FormatDSN writes parameters in this order.
type dsnParam struct {
	name   string
	s3Only bool // only in the s3, http and https forms
	// set parses a raw (unescaped) value into c.
	set func(c *Config, v string) error
	// get returns the canonical value, or false when the field is at its zero
	// value (and the parameter is omitted).
	get func(c *Config) (string, bool)
}

var dsnParams = []dsnParam{
	{name: "behavior",
		set: func(c *Config, v string) error { c.Behavior = v; return dsnOneOf("behavior", v, dsnBehaviors) },
		get: func(c *Config) (string, bool) { return c.Behavior, c.Behavior != "" }},
	{name: "cas",
		set: func(c *Config, v string) error { c.CAS = v; return dsnOneOf("cas", v, dsnCASModes) },
		get: func(c *Config) (string, bool) { return c.CAS, c.CAS != "" }},
	{name: "concurrency",
		set: func(c *Config, v string) (err error) {
			c.Concurrency, err = parseDSNInt("concurrency", v, 1, "a positive integer")
			return err
		},
		get: func(c *Config) (string, bool) { return strconv.Itoa(c.Concurrency), c.Concurrency != 0 }},
	{name: "create_bucket", s3Only: true,
		set: func(c *Config, v string) (err error) {
			c.CreateBucket, err = parseDSNBool("create_bucket", v)
			return err
		},
		get: func(c *Config) (string, bool) { return "true", c.CreateBucket }},
	{name: "endpoint", s3Only: true,
		set: func(c *Config, v string) error {
			if c.Scheme != "s3" {
				return fmt.Errorf("parameter endpoint does not apply to %s DSNs (the endpoint is the DSN's origin)", c.Scheme)
			}
			c.Endpoint = strings.TrimSuffix(v, "/")
			return nil
		},
		get: func(c *Config) (string, bool) { return c.Endpoint, c.Scheme == "s3" && c.Endpoint != "" }},
	{name: "passphrase",
		set: func(c *Config, v string) error { c.Passphrase = v; return nil },
		get: func(c *Config) (string, bool) { return c.Passphrase, c.Passphrase != "" }},
	{name: "path_style", s3Only: true,
		set: func(c *Config, v string) (err error) {
			c.PathStyle, err = parseDSNBool("path_style", v)
			return err
		},
		get: func(c *Config) (string, bool) {
			if c.Scheme == "s3" {
				return "true", c.PathStyle
			}
			return "false", !c.PathStyle // implied by the http(s) forms
		}},
	{name: "region", s3Only: true,
		set: func(c *Config, v string) error { c.Region = v; return nil },
		get: func(c *Config) (string, bool) { return c.Region, c.Region != "" }},
	{name: "retries",
		set: func(c *Config, v string) error {
			n, err := parseDSNInt("retries", v, 0, "a non-negative integer")
			if n == 0 {
				n = NoRetries
			}
			c.Retries = n
			return err
		},
		get: func(c *Config) (string, bool) {
			if c.Retries == NoRetries {
				return "0", true
			}
			return strconv.Itoa(c.Retries), c.Retries != 0
		}},
	{name: "session_token", s3Only: true,
		set: func(c *Config, v string) error { c.SessionToken = v; return nil },
		get: func(c *Config) (string, bool) { return c.SessionToken, c.SessionToken != "" }},
	{name: "timeout",
		set: func(c *Config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return fmt.Errorf("invalid value %q for parameter timeout: want a non-negative duration such as 5s", v)
			}
			c.Timeout = d
			return nil
		},
		get: func(c *Config) (string, bool) { return c.Timeout.String(), c.Timeout != 0 }},
}

// dsnParamNames lists the valid parameter names for error messages.
var dsnParamNames = func() string {
	names := make([]string, len(dsnParams))
	for i, p := range dsnParams {
		names[i] = p.name
	}
	return strings.Join(names, ", ")
}()

// ParseDSN parses a data source name:
//
//	s3://[KEY:SECRET@]bucket[/prefix][?params]   AWS S3 or, with endpoint=, any S3-compatible server
//	http(s)://[KEY:SECRET@]host[:port]/bucket[/prefix][?params]   endpoint form, path-style implied
//	file:///abs/dir, file:./rel/dir, file:rel/dir, file://./rel   a local folder
//	mem://[name]   in memory; "" is an anonymous database
//
// Credentials, paths and parameter values are URL-escaped. The credentials end
// at the last '@' before the '?', so a secret may hold '/', '+', ':' and '@'
// unescaped, but not '%' or '?'. The parameters are behavior, cas,
// concurrency, create_bucket, endpoint, passphrase, path_style, region,
// retries, session_token and timeout (see Config). Errors wrap ErrInvalidDSN
// and never show the secret key, the session token or the passphrase.
func ParseDSN(dsn string) (*Config, error) {
	c, err := parseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInvalidDSN, redactDSNError(err.Error(), dsn))
	}
	return c, nil
}

func parseDSN(dsn string) (*Config, error) {
	scheme, rest, ok := strings.Cut(dsn, ":")
	if !ok {
		return nil, errors.New("missing scheme (want s3://, http://, https://, file: or mem://)")
	}
	c := &Config{Scheme: strings.ToLower(scheme)}
	rest, query, _ := strings.Cut(rest, "?")
	var err error
	switch c.Scheme {
	case "s3", "http", "https":
		err = c.parseS3(rest)
	case "file":
		rest = strings.TrimPrefix(rest, "//")
		c.Path, err = dsnUnescape("path", rest)
	case "mem":
		rest, ok = strings.CutPrefix(rest, "//")
		if !ok {
			return nil, errors.New("mem DSN must start with mem://")
		}
		c.Name, err = dsnUnescape("name", rest)
	default:
		return nil, fmt.Errorf("unsupported scheme %q (want s3, http, https, file or mem)", scheme)
	}
	if err != nil {
		return nil, err
	}
	if err := c.parseParams(query); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// parseS3 parses what follows "s3:", "http:" or "https:" up to the '?'.
func (c *Config) parseS3(rest string) error {
	rest, ok := strings.CutPrefix(rest, "//")
	if !ok {
		return fmt.Errorf("%s DSN must start with %s://", c.Scheme, c.Scheme)
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		if err := c.parseCredentials(rest[:at]); err != nil {
			return err
		}
		rest = rest[at+1:]
	}
	authority, path, _ := strings.Cut(rest, "/")
	if c.Scheme == "s3" {
		c.Bucket = authority
	} else {
		if authority == "" {
			return fmt.Errorf("missing host in %s DSN", c.Scheme)
		}
		c.Endpoint = c.Scheme + "://" + authority
		c.PathStyle = true
		c.Bucket, path, _ = strings.Cut(path, "/")
	}
	if c.Bucket == "" {
		return errors.New("missing bucket")
	}
	var err error
	c.Prefix, err = dsnUnescape("prefix", strings.TrimSuffix(path, "/"))
	return err
}

// parseCredentials parses "KEY:SECRET" (both URL-escaped).
func (c *Config) parseCredentials(userinfo string) error {
	key, secret, ok := strings.Cut(userinfo, ":")
	var err error
	if c.AccessKey, err = dsnUnescape("access key", key); err != nil {
		return err
	}
	if c.SecretKey, err = url.PathUnescape(secret); err != nil {
		return errors.New("invalid URL escape in secret key") // never quote the secret
	}
	if !ok || c.AccessKey == "" || c.SecretKey == "" {
		return errors.New("credentials must be KEY:SECRET@ with both parts non-empty")
	}
	return nil
}

// parseParams parses the query string.
func (c *Config) parseParams(query string) error {
	seen := make(map[string]bool)
	for kv := range strings.SplitSeq(query, "&") {
		if kv == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(kv, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			return fmt.Errorf("invalid URL escape in parameter name %q", rawKey)
		}
		p := lookupDSNParam(key)
		if p == nil {
			return unknownDSNParamError(key)
		}
		if seen[key] {
			return fmt.Errorf("parameter %s given twice", key)
		}
		seen[key] = true
		if p.s3Only && !isS3Scheme(c.Scheme) {
			return fmt.Errorf("parameter %s does not apply to %s DSNs", key, c.Scheme)
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return fmt.Errorf("invalid URL escape in the value of parameter %s", key) // may be a secret
		}
		if err := p.set(c, value); err != nil {
			return err
		}
	}
	return nil
}

func lookupDSNParam(name string) *dsnParam {
	for i := range dsnParams {
		if dsnParams[i].name == name {
			return &dsnParams[i]
		}
	}
	return nil
}

// dsnParamHints maps spellings from other drivers and s3db.js to our names.
var dsnParamHints = map[string]string{
	"forcepathstyle": "path_style", "sessiontoken": "session_token", "parallelism": "concurrency",
	"createbucket": "create_bucket", "endpointurl": "endpoint", "maxretries": "retries", "retry": "retries",
}

func unknownDSNParamError(name string) error {
	if s := suggestDSNParam(name); s != "" {
		return fmt.Errorf("unknown parameter %q (did you mean %q?); valid: %s", name, s, dsnParamNames)
	}
	return fmt.Errorf("unknown parameter %q; valid: %s", name, dsnParamNames)
}

// suggestDSNParam returns the parameter name closest to name, or "".
func suggestDSNParam(name string) string {
	norm := func(s string) string {
		return strings.ToLower(strings.NewReplacer("_", "", "-", "", ".", "").Replace(s))
	}
	if s, ok := dsnParamHints[norm(name)]; ok {
		return s
	}
	best, bestDist := "", 3 // suggest at distance 2 at most
	for _, p := range dsnParams {
		d := min(dsnEditDistance(name, p.name), dsnEditDistance(norm(name), norm(p.name)))
		if d < bestDist && d < len(p.name)/2+1 {
			best, bestDist = p.name, d
		}
	}
	return best
}

// dsnEditDistance is the optimal string alignment distance (Levenshtein plus
// adjacent transpositions) between a and b.
func dsnEditDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return max(len(a), len(b))
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func dsnOneOf(name, v string, valid []string) error {
	if slices.Contains(valid, v) {
		return nil
	}
	return fmt.Errorf("invalid value %q for parameter %s: want %s", v, name, strings.Join(valid, ", "))
}

func parseDSNBool(name, v string) (bool, error) {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("invalid value %q for parameter %s: want true or false", v, name)
	}
	return b, nil
}

func parseDSNInt(name, v string, minimum int, want string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < minimum {
		return 0, fmt.Errorf("invalid value %q for parameter %s: want %s", v, name, want)
	}
	return n, nil
}

func dsnUnescape(what, s string) (string, error) {
	u, err := url.PathUnescape(s)
	if err != nil {
		return "", fmt.Errorf("invalid URL escape in %s %q", what, s)
	}
	return u, nil
}

// Validate reports whether c is a valid Config: one that FormatDSN can spell
// and ParseDSN would return. Errors wrap ErrInvalidDSN.
func (c *Config) Validate() error {
	if err := c.validate(); err != nil {
		return fmt.Errorf("%w: %s", ErrInvalidDSN, err)
	}
	return nil
}

func (c *Config) validate() error {
	s3 := isS3Scheme(c.Scheme)
	switch {
	case c.Scheme == "":
		return errors.New("missing scheme")
	case !s3 && c.Scheme != "file" && c.Scheme != "mem":
		return fmt.Errorf("unsupported scheme %q (want s3, http, https, file or mem)", c.Scheme)
	case c.Scheme == "file" && c.Path == "":
		return errors.New("missing path in file DSN")
	case c.Scheme != "file" && c.Path != "":
		return fmt.Errorf("path is only for file DSNs, not %s", c.Scheme)
	case c.Scheme != "mem" && c.Name != "":
		return fmt.Errorf("name is only for mem DSNs, not %s", c.Scheme)
	case !s3 && (c.Bucket != "" || c.Prefix != "" || c.Endpoint != "" || c.AccessKey != "" || c.SecretKey != "" ||
		c.SessionToken != "" || c.Region != "" || c.PathStyle || c.CreateBucket):
		return fmt.Errorf("bucket, prefix, endpoint, credentials, region, path_style and create_bucket are only for S3 DSNs, not %s", c.Scheme)
	case c.Concurrency < 0:
		return fmt.Errorf("invalid concurrency %d: want a positive integer", c.Concurrency)
	case c.Retries < NoRetries:
		return fmt.Errorf("invalid retries %d: want a non-negative integer, or NoRetries", c.Retries)
	case c.Timeout < 0:
		return fmt.Errorf("invalid timeout %s: want a non-negative duration", c.Timeout)
	}
	if c.Behavior != "" {
		if err := dsnOneOf("behavior", c.Behavior, dsnBehaviors); err != nil {
			return err
		}
	}
	if c.CAS != "" {
		if err := dsnOneOf("cas", c.CAS, dsnCASModes); err != nil {
			return err
		}
	}
	if !s3 {
		return nil
	}
	if !validBucketName(c.Bucket) {
		hint := ""
		if c.Scheme == "s3" && strings.Contains(c.Bucket, ":") {
			hint = " (for a server at host:port, use http://host:port/bucket or s3://bucket?endpoint=http://host:port)"
		}
		return fmt.Errorf("invalid bucket name %q: want letters, digits, '.', '-' and '_'%s", c.Bucket, hint)
	}
	if c.Prefix != "" {
		for seg := range strings.SplitSeq(c.Prefix, "/") {
			if seg == "" {
				return fmt.Errorf("invalid prefix %q: empty path segment", c.Prefix)
			}
		}
	}
	if (c.AccessKey == "") != (c.SecretKey == "") {
		return errors.New("access key and secret key must be given together")
	}
	if c.SessionToken != "" && c.AccessKey == "" {
		return errors.New("session_token needs an access key and a secret key")
	}
	if c.Endpoint != "" || c.Scheme != "s3" {
		if err := validEndpointOrigin(c.Endpoint, c.Scheme); err != nil {
			return err
		}
	}
	return nil
}

func isS3Scheme(scheme string) bool { return scheme == "s3" || scheme == "http" || scheme == "https" }

func validBucketName(b string) bool {
	if b == "" {
		return false
	}
	for i := 0; i < len(b); i++ {
		switch ch := b[i]; {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9', ch == '.', ch == '-', ch == '_':
		default:
			return false
		}
	}
	return true
}

// validEndpointOrigin checks that e is exactly a URL origin: http(s)://host[:port].
// In the http(s) forms its scheme must be the DSN's scheme.
func validEndpointOrigin(e, scheme string) error {
	u, err := url.Parse(e)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" ||
		strings.HasSuffix(u.Host, ":") || e != u.Scheme+"://"+u.Host {
		return fmt.Errorf("invalid endpoint %q: want http://host[:port] or https://host[:port]", e)
	}
	if scheme != "s3" && u.Scheme != scheme {
		return fmt.Errorf("endpoint %q does not match the %s scheme of the DSN", e, scheme)
	}
	return nil
}

// FormatDSN returns the canonical DSN of c; see Config.FormatDSN.
func FormatDSN(c *Config) string { return c.FormatDSN() }

// FormatDSN returns the canonical DSN of c: ParseDSN(c.FormatDSN()) equals c
// for every valid c. Credentials come before the bucket, parameters follow in
// alphabetical order, and parameters at their zero value are omitted (an
// explicit default such as concurrency=32 is kept). The result holds secrets
// in clear: log c.String() instead.
func (c *Config) FormatDSN() string {
	var b strings.Builder
	switch c.Scheme {
	case "s3", "http", "https":
		b.WriteString(c.Scheme + "://")
		if c.AccessKey != "" || c.SecretKey != "" {
			b.WriteString(dsnEscape(c.AccessKey, dsnUserinfoChar) + ":" + dsnEscape(c.SecretKey, dsnUserinfoChar) + "@")
		}
		if c.Scheme != "s3" {
			b.WriteString(strings.TrimPrefix(c.Endpoint, c.Scheme+"://") + "/")
		}
		b.WriteString(c.Bucket)
		if c.Prefix != "" {
			b.WriteString("/" + dsnEscape(c.Prefix, dsnPrefixChar))
		}
	case "file":
		if strings.HasPrefix(c.Path, "/") {
			b.WriteString("file://")
		} else {
			b.WriteString("file:")
		}
		b.WriteString(dsnEscape(c.Path, dsnPathChar))
	case "mem":
		b.WriteString("mem://" + dsnEscape(c.Name, dsnPathChar))
	default:
		b.WriteString(c.Scheme + ":")
	}
	sep := "?"
	for _, p := range dsnParams {
		if p.s3Only && !isS3Scheme(c.Scheme) {
			continue
		}
		if v, ok := p.get(c); ok {
			b.WriteString(sep + p.name + "=" + dsnEscape(v, dsnValueChar))
			sep = "&"
		}
	}
	return b.String()
}

// String returns the DSN with the secret key, the session token and the
// passphrase replaced by "xxxxx". It has a value receiver so that both Config
// and *Config values print redacted.
func (c Config) String() string {
	for _, s := range []*string{&c.SecretKey, &c.SessionToken, &c.Passphrase} {
		if *s != "" {
			*s = dsnRedacted
		}
	}
	return c.FormatDSN()
}

// GoString keeps %#v from printing secrets.
func (c Config) GoString() string { return "driver.Config(" + strconv.Quote(c.String()) + ")" }

// Characters kept unescaped by FormatDSN, per DSN component. Everything else
// is percent-encoded, except that valid UTF-8 beyond ASCII is kept.
func dsnUnreserved(ch byte) bool {
	return 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' ||
		ch == '-' || ch == '.' || ch == '_' || ch == '~'
}

func dsnUserinfoChar(ch byte) bool { return dsnUnreserved(ch) }

func dsnPathChar(ch byte) bool {
	return ch > ' ' && ch < 0x7f && !strings.ContainsRune(`%?#"`, rune(ch))
}

func dsnPrefixChar(ch byte) bool { return dsnPathChar(ch) && ch != '@' }

func dsnValueChar(ch byte) bool { return dsnPathChar(ch) && ch != '&' && ch != '+' }

func dsnEscape(s string, keep func(byte) bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if ch := s[i]; ch < utf8.RuneSelf {
			if keep(ch) {
				b.WriteByte(ch)
			} else {
				fmt.Fprintf(&b, "%%%02X", ch)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && unicode.IsPrint(r) {
			b.WriteString(s[i : i+size])
		} else {
			for _, ch := range []byte(s[i : i+size]) {
				fmt.Fprintf(&b, "%%%02X", ch)
			}
		}
		i += size
	}
	return b.String()
}

var dsnQuotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// redactDSNError hides the quoted strings of an error message that are, or may
// be pieces of, secrets of dsn. Quoted strings that contain the secret key, a
// session token or a passphrase (or are part of one) become "xxxxx". So do,
// when the DSN has a ':' between "://" and its last '@', quoted strings found
// before that '@': they may be pieces of a secret written without escaping (a
// '?' in a secret ends the path early and its tail reads as a parameter).
func redactDSNError(msg, dsn string) string {
	secrets := dsnSecrets(dsn)
	var zones []string
	if _, rest, ok := strings.Cut(dsn, "://"); ok {
		if at := strings.LastIndexByte(rest, '@'); at >= 0 && strings.Contains(rest[:at], ":") {
			zones = dsnVariants(rest)
		}
	}
	return dsnQuotedRE.ReplaceAllStringFunc(msg, func(q string) string {
		s, err := strconv.Unquote(q)
		if err != nil || s == "" {
			return q
		}
		for _, z := range zones {
			if i := strings.Index(z, s); i >= 0 && i < strings.LastIndexByte(z, '@') {
				return strconv.Quote(dsnRedacted)
			}
		}
		for _, secret := range secrets {
			if s == secret || len(secret) >= 4 && strings.Contains(s, secret) || len(s) >= 4 && strings.Contains(secret, s) {
				return strconv.Quote(dsnRedacted)
			}
		}
		return q
	})
}

// dsnSecrets returns the secret key, session tokens and passphrases of a
// possibly malformed DSN, raw and unescaped.
func dsnSecrets(dsn string) []string {
	var secrets []string
	rest, query, _ := strings.Cut(dsn, "?")
	if _, rest, ok := strings.Cut(rest, "://"); ok {
		if at := strings.LastIndexByte(rest, '@'); at >= 0 {
			if _, secret, ok := strings.Cut(rest[:at], ":"); ok && secret != "" {
				secrets = append(secrets, dsnVariants(secret)...)
			}
		}
	}
	for kv := range strings.SplitSeq(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k, _ := url.QueryUnescape(k); (k == "passphrase" || k == "session_token") && v != "" {
			secrets = append(secrets, dsnVariants(v)...)
		}
	}
	return secrets
}

// dsnVariants returns s and its path- and query-unescaped forms.
func dsnVariants(s string) []string {
	vs := []string{s}
	if u, err := url.PathUnescape(s); err == nil && u != s {
		vs = append(vs, u)
	}
	if u, err := url.QueryUnescape(s); err == nil && u != s {
		vs = append(vs, u)
	}
	return vs
}
