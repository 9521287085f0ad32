package driver

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// dsnTests are valid DSNs: what ParseDSN returns and the canonical spelling.
// canonical "" means the DSN is already canonical.
var dsnTests = []struct {
	name      string
	dsn       string
	want      Config
	canonical string
}{
	{"s3 bucket only", "s3://bucket",
		Config{Scheme: "s3", Bucket: "bucket"}, ""},
	{"s3 trailing slash", "s3://bucket/",
		Config{Scheme: "s3", Bucket: "bucket"}, "s3://bucket"},
	{"s3 prefix and region", "s3://bucket/prefix?region=us-east-1",
		Config{Scheme: "s3", Bucket: "bucket", Prefix: "prefix", Region: "us-east-1"}, ""},
	{"s3 credentials", "s3://AKIA:SECRET@bucket/prefix?region=us-east-1",
		Config{Scheme: "s3", Bucket: "bucket", Prefix: "prefix", Region: "us-east-1", AccessKey: "AKIA", SecretKey: "SECRET"}, ""},
	{"s3 multi-segment prefix", "s3://my.bucket-1/a/b/c/",
		Config{Scheme: "s3", Bucket: "my.bucket-1", Prefix: "a/b/c"}, "s3://my.bucket-1/a/b/c"},
	{"s3 escaped secret", "s3://AKIA:a%2Fb%2Bc%40d%3Ae@bucket",
		Config{Scheme: "s3", Bucket: "bucket", AccessKey: "AKIA", SecretKey: "a/b+c@d:e"}, ""},
	{"s3 unescaped aws secret", "s3://AKIA:wJal/rXUt+nFEMI:K7@MDENG@bucket/p",
		Config{Scheme: "s3", Bucket: "bucket", Prefix: "p", AccessKey: "AKIA", SecretKey: "wJal/rXUt+nFEMI:K7@MDENG"},
		"s3://AKIA:wJal%2FrXUt%2BnFEMI%3AK7%40MDENG@bucket/p"},
	{"s3 compatible", "s3://k:s@bucket/db?endpoint=http://127.0.0.1:7070&path_style=true",
		Config{Scheme: "s3", Bucket: "bucket", Prefix: "db", AccessKey: "k", SecretKey: "s", Endpoint: "http://127.0.0.1:7070", PathStyle: true}, ""},
	{"s3 endpoint escaped and trailing slash", "s3://bucket?endpoint=https%3A%2F%2Fminio.local%2F",
		Config{Scheme: "s3", Bucket: "bucket", Endpoint: "https://minio.local"}, "s3://bucket?endpoint=https://minio.local"},
	{"s3 path_style false is the default", "s3://bucket?path_style=false",
		Config{Scheme: "s3", Bucket: "bucket"}, "s3://bucket"},
	{"s3 uppercase scheme", "S3://bucket",
		Config{Scheme: "s3", Bucket: "bucket"}, "s3://bucket"},
	{"s3 prefix escapes", "s3://bucket/a%40b/c%20d/%C3%A9t%C3%A9",
		Config{Scheme: "s3", Bucket: "bucket", Prefix: "a@b/c d/été"}, "s3://bucket/a%40b/c%20d/été"},
	{"s3 all params", "s3://k:s@b/p?behavior=body-overflow&cas=probe&concurrency=8&create_bucket=true&endpoint=https://r2.example.com:443&passphrase=pa%26ss&path_style=true&region=auto&retries=5&session_token=tok&timeout=1m30s",
		Config{Scheme: "s3", Bucket: "b", Prefix: "p", AccessKey: "k", SecretKey: "s", Behavior: "body-overflow", CAS: "probe",
			Concurrency: 8, CreateBucket: true, Endpoint: "https://r2.example.com:443", Passphrase: "pa&ss", PathStyle: true,
			Region: "auto", Retries: 5, SessionToken: "tok", Timeout: 90 * time.Second}, ""},
	{"params reordered and empty pairs", "s3://b?&timeout=5s&&region=eu-west-1&",
		Config{Scheme: "s3", Bucket: "b", Region: "eu-west-1", Timeout: 5 * time.Second}, "s3://b?region=eu-west-1&timeout=5s"},
	{"bool spellings", "s3://b?create_bucket=1&path_style=T",
		Config{Scheme: "s3", Bucket: "b", CreateBucket: true, PathStyle: true}, "s3://b?create_bucket=true&path_style=true"},
	{"create_bucket false", "s3://b?create_bucket=false",
		Config{Scheme: "s3", Bucket: "b"}, "s3://b"},
	{"empty string params", "s3://b?region=&passphrase=&endpoint=",
		Config{Scheme: "s3", Bucket: "b"}, "s3://b"},
	{"explicit default concurrency kept", "s3://b?concurrency=32",
		Config{Scheme: "s3", Bucket: "b", Concurrency: 32}, ""},
	{"concurrency with plus sign", "s3://b?concurrency=%2B07",
		Config{Scheme: "s3", Bucket: "b", Concurrency: 7}, "s3://b?concurrency=7"},
	{"retries zero", "s3://b?retries=0",
		Config{Scheme: "s3", Bucket: "b", Retries: NoRetries}, ""},
	{"retries three", "s3://b?retries=3",
		Config{Scheme: "s3", Bucket: "b", Retries: 3}, ""},
	{"timeout zero", "s3://b?timeout=0",
		Config{Scheme: "s3", Bucket: "b"}, "s3://b"},
	{"timeout canonical", "s3://b?timeout=1500ms",
		Config{Scheme: "s3", Bucket: "b", Timeout: 1500 * time.Millisecond}, "s3://b?timeout=1.5s"},
	{"passphrase plus is space", "mem://x?passphrase=a+b%2Bc%20d",
		Config{Scheme: "mem", Name: "x", Passphrase: "a b+c d"}, "mem://x?passphrase=a%20b%2Bc%20d"},
	{"session token", "s3://k:s@b?session_token=FwoG%2Fz%3D%3D",
		Config{Scheme: "s3", Bucket: "b", AccessKey: "k", SecretKey: "s", SessionToken: "FwoG/z=="}, "s3://k:s@b?session_token=FwoG/z=="},

	{"http endpoint form", "http://KEY:SECRET@127.0.0.1:9000/bucket/prefix",
		Config{Scheme: "http", Endpoint: "http://127.0.0.1:9000", Bucket: "bucket", Prefix: "prefix", AccessKey: "KEY", SecretKey: "SECRET", PathStyle: true}, ""},
	{"https no credentials no prefix", "https://minio.example.com/bucket",
		Config{Scheme: "https", Endpoint: "https://minio.example.com", Bucket: "bucket", PathStyle: true}, ""},
	{"http multi-segment prefix", "http://localhost:7070/b/x/y/",
		Config{Scheme: "http", Endpoint: "http://localhost:7070", Bucket: "b", Prefix: "x/y", PathStyle: true}, "http://localhost:7070/b/x/y"},
	{"http ipv6 host", "http://[::1]:9000/b",
		Config{Scheme: "http", Endpoint: "http://[::1]:9000", Bucket: "b", PathStyle: true}, ""},
	{"http path_style off", "http://h/b?path_style=false",
		Config{Scheme: "http", Endpoint: "http://h", Bucket: "b"}, ""},
	{"http path_style true is implied", "http://h/b?path_style=true",
		Config{Scheme: "http", Endpoint: "http://h", Bucket: "b", PathStyle: true}, "http://h/b"},
	{"http region", "https://k:s@acct.r2.cloudflarestorage.com/b?region=auto",
		Config{Scheme: "https", Endpoint: "https://acct.r2.cloudflarestorage.com", Bucket: "b", AccessKey: "k", SecretKey: "s", Region: "auto", PathStyle: true}, ""},

	{"file absolute", "file:///abs/dir",
		Config{Scheme: "file", Path: "/abs/dir"}, ""},
	{"file absolute single slash", "file:/abs/dir",
		Config{Scheme: "file", Path: "/abs/dir"}, "file:///abs/dir"},
	{"file dot relative", "file:./rel/dir",
		Config{Scheme: "file", Path: "./rel/dir"}, ""},
	{"file relative", "file:rel/dir",
		Config{Scheme: "file", Path: "rel/dir"}, ""},
	{"file s3db.js relative", "file://./rel",
		Config{Scheme: "file", Path: "./rel"}, "file:./rel"},
	{"file s3db.js windows", "file://C:/data",
		Config{Scheme: "file", Path: "C:/data"}, "file:C:/data"},
	{"file double slash path", "file:////server/share",
		Config{Scheme: "file", Path: "//server/share"}, ""},
	{"file escapes", "file:./my%20data%3F%25/x@y",
		Config{Scheme: "file", Path: "./my data?%/x@y"}, ""},
	{"file params", "file:./d?behavior=body-only&cas=off&concurrency=4&passphrase=p&retries=1&timeout=2s",
		Config{Scheme: "file", Path: "./d", Behavior: "body-only", CAS: "off", Concurrency: 4, Passphrase: "p", Retries: 1, Timeout: 2 * time.Second}, ""},

	{"mem named", "mem://test",
		Config{Scheme: "mem", Name: "test"}, ""},
	{"mem anonymous", "mem://",
		Config{Scheme: "mem"}, ""},
	{"mem anonymous params", "mem://?behavior=truncate-data",
		Config{Scheme: "mem", Behavior: "truncate-data"}, ""},
	{"mem name with slash and unicode", "mem://a/b-ñ",
		Config{Scheme: "mem", Name: "a/b-ñ"}, ""},
}

func TestParseDSN(t *testing.T) {
	for _, tt := range dsnTests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseDSN(tt.dsn)
			if err != nil {
				t.Fatalf("ParseDSN(%q): %v", tt.dsn, err)
			}
			if !reflect.DeepEqual(*c, tt.want) {
				t.Fatalf("ParseDSN(%q)\n got %#v\nwant %#v", tt.dsn, dsnFields(*c), dsnFields(tt.want))
			}
			want := tt.canonical
			if want == "" {
				want = tt.dsn
			}
			if got := FormatDSN(c); got != want {
				t.Errorf("FormatDSN = %q, want %q", got, want)
			}
			if err := c.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			c2, err := ParseDSN(c.FormatDSN())
			if err != nil || !reflect.DeepEqual(c, c2) {
				t.Errorf("round trip: %v, %v", c2, err)
			}
		})
	}
}

// dsnFields prints a Config with its secrets, for test failures only.
func dsnFields(c Config) string { type plain Config; return fmt.Sprintf("%+v", plain(c)) }

func TestParseDSNErrors(t *testing.T) {
	const valid = "valid: behavior, cas, concurrency, create_bucket, endpoint, passphrase, path_style, region, retries, session_token, timeout"
	tests := []struct {
		name, dsn, want string // want is the whole message, or a substring when it starts with "~"
	}{
		{"empty", "", "invalid dsn: missing scheme (want s3://, http://, https://, file: or mem://)"},
		{"no scheme", "bucket/prefix", "~missing scheme"},
		{"unknown scheme", "postgres://u@h/db", `invalid dsn: unsupported scheme "postgres" (want s3, http, https, file or mem)`},
		{"memory scheme", "memory://x", `~unsupported scheme "memory"`},
		{"s3 without slashes", "s3:bucket", "invalid dsn: s3 DSN must start with s3://"},
		{"mem without slashes", "mem:x", "invalid dsn: mem DSN must start with mem://"},
		{"s3 missing bucket", "s3://", "invalid dsn: missing bucket"},
		{"s3 missing bucket with creds", "s3://k:s@/p", "invalid dsn: missing bucket"},
		{"s3 bad bucket", "s3://bu%20cket", `invalid dsn: invalid bucket name "bu%20cket": want letters, digits, '.', '-' and '_'`},
		{"s3 host and port", "s3://localhost:9000/bucket", `invalid dsn: invalid bucket name "localhost:9000": want letters, digits, '.', '-' and '_' (for a server at host:port, use http://host:port/bucket or s3://bucket?endpoint=http://host:port)`},
		{"s3 empty prefix segment", "s3://b/a//c", `invalid dsn: invalid prefix "a//c": empty path segment`},
		{"s3 leading slash in prefix", "s3://b//a", `~invalid prefix "/a"`},
		{"s3 bad prefix escape", "s3://b/a%zz", `invalid dsn: invalid URL escape in prefix "a%zz"`},
		{"key without secret", "s3://AKIA@b", "invalid dsn: credentials must be KEY:SECRET@ with both parts non-empty"},
		{"empty secret", "s3://AKIA:@b", "~credentials must be KEY:SECRET@"},
		{"empty key", "s3://:secret@b", "~credentials must be KEY:SECRET@"},
		{"empty userinfo", "s3://@b", "~credentials must be KEY:SECRET@"},
		{"bad secret escape", "s3://k:s%zz@b", "invalid dsn: invalid URL escape in secret key"},
		{"session token without creds", "s3://b?session_token=t", "invalid dsn: session_token needs an access key and a secret key"},
		{"http missing host", "http:///b", "invalid dsn: missing host in http DSN"},
		{"http missing bucket", "http://h:9000", "invalid dsn: missing bucket"},
		{"http missing bucket slash", "http://h:9000/", "invalid dsn: missing bucket"},
		{"http bad port", "http://h:port/b", `~invalid endpoint "http://h:port"`},
		{"http empty port", "http://h:/b", `~invalid endpoint "http://h:"`},
		{"http endpoint param", "http://h/b?endpoint=http://x", "invalid dsn: parameter endpoint does not apply to http DSNs (the endpoint is the DSN's origin)"},
		{"endpoint not a url", "s3://b?endpoint=localhost:9000", `invalid dsn: invalid endpoint "localhost:9000": want http://host[:port] or https://host[:port]`},
		{"endpoint with path", "s3://b?endpoint=http://h/x", `~invalid endpoint "http://h/x"`},
		{"endpoint ftp", "s3://b?endpoint=ftp://h", `~invalid endpoint "ftp://h"`},
		{"file missing path", "file:", "invalid dsn: missing path in file DSN"},
		{"file missing path slashes", "file://", "invalid dsn: missing path in file DSN"},
		{"file bad escape", "file:./a%2", `invalid dsn: invalid URL escape in path "./a%2"`},
		{"file region", "file:./d?region=x", "invalid dsn: parameter region does not apply to file DSNs"},
		{"mem create_bucket", "mem://x?create_bucket=true", "invalid dsn: parameter create_bucket does not apply to mem DSNs"},
		{"typo region", "s3://b?regoin=us-east-1", `invalid dsn: unknown parameter "regoin" (did you mean "region"?); ` + valid},
		{"typo concurency", "s3://b?concurency=3", `~(did you mean "concurrency"?)`},
		{"camel path style", "s3://b?forcePathStyle=true", `~(did you mean "path_style"?)`},
		{"dash path style", "s3://b?path-style=true", `~(did you mean "path_style"?)`},
		{"camel session token", "s3://b?sessionToken=x", `~(did you mean "session_token"?)`},
		{"case region", "s3://b?Region=x", `~(did you mean "region"?)`},
		{"unknown no suggestion", "s3://b?sslmode=disable", `invalid dsn: unknown parameter "sslmode"; ` + valid},
		{"duplicate", "s3://b?region=a&region=b", "invalid dsn: parameter region given twice"},
		{"bad behavior", "mem://?behavior=overflow", `invalid dsn: invalid value "overflow" for parameter behavior: want user-managed, enforce-limits, truncate-data, body-overflow, body-only`},
		{"empty behavior", "mem://?behavior=", `~invalid value "" for parameter behavior`},
		{"bad cas", "mem://?cas=maybe", `invalid dsn: invalid value "maybe" for parameter cas: want require, probe, off`},
		{"zero concurrency", "mem://?concurrency=0", `invalid dsn: invalid value "0" for parameter concurrency: want a positive integer`},
		{"negative concurrency", "mem://?concurrency=-2", `~invalid value "-2" for parameter concurrency`},
		{"word concurrency", "mem://?concurrency=lots", `~invalid value "lots" for parameter concurrency`},
		{"huge concurrency", "mem://?concurrency=99999999999999999999", `~invalid value "99999999999999999999" for parameter concurrency`},
		{"negative retries", "mem://?retries=-1", `invalid dsn: invalid value "-1" for parameter retries: want a non-negative integer`},
		{"bad timeout", "mem://?timeout=5", `invalid dsn: invalid value "5" for parameter timeout: want a non-negative duration such as 5s`},
		{"negative timeout", "mem://?timeout=-1s", `~invalid value "-1s" for parameter timeout`},
		{"bad bool", "s3://b?create_bucket=yes", `invalid dsn: invalid value "yes" for parameter create_bucket: want true or false`},
		{"bare bool", "s3://b?path_style", `~invalid value "" for parameter path_style`},
		{"bad value escape", "mem://?passphrase=%zz", "invalid dsn: invalid URL escape in the value of parameter passphrase"},
		{"bad name escape", "mem://?%zz=1", `invalid dsn: invalid URL escape in parameter name "%zz"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseDSN(tt.dsn)
			if err == nil {
				t.Fatalf("ParseDSN(%q) = %v, want error", tt.dsn, c)
			}
			if !errors.Is(err, ErrInvalidDSN) {
				t.Errorf("error %v does not wrap ErrInvalidDSN", err)
			}
			if sub, ok := strings.CutPrefix(tt.want, "~"); ok {
				if !strings.Contains(err.Error(), sub) {
					t.Errorf("error %q does not contain %q", err, sub)
				}
			} else if err.Error() != tt.want {
				t.Errorf("error\n got %q\nwant %q", err, tt.want)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		c    Config
		want string
	}{
		{"zero", Config{}, "invalid dsn: missing scheme"},
		{"bad scheme", Config{Scheme: "ftp"}, `~unsupported scheme "ftp"`},
		{"file without path", Config{Scheme: "file"}, "~missing path"},
		{"file with bucket", Config{Scheme: "file", Path: "x", Bucket: "b"}, "~only for S3 DSNs, not file"},
		{"mem with region", Config{Scheme: "mem", Region: "r"}, "~only for S3 DSNs, not mem"},
		{"mem with path", Config{Scheme: "mem", Path: "p"}, "~path is only for file DSNs"},
		{"s3 with name", Config{Scheme: "s3", Bucket: "b", Name: "n"}, "~name is only for mem DSNs"},
		{"prefix leading slash", Config{Scheme: "s3", Bucket: "b", Prefix: "/p"}, "~empty path segment"},
		{"prefix trailing slash", Config{Scheme: "s3", Bucket: "b", Prefix: "p/"}, "~empty path segment"},
		{"secret without key", Config{Scheme: "s3", Bucket: "b", SecretKey: "s"}, "~must be given together"},
		{"key without secret", Config{Scheme: "s3", Bucket: "b", AccessKey: "k"}, "~must be given together"},
		{"http without endpoint", Config{Scheme: "http", Bucket: "b"}, `~invalid endpoint ""`},
		{"http scheme mismatch", Config{Scheme: "http", Bucket: "b", Endpoint: "https://h"}, `~endpoint "https://h" does not match the http scheme`},
		{"endpoint trailing slash", Config{Scheme: "s3", Bucket: "b", Endpoint: "http://h/"}, `~invalid endpoint "http://h/"`},
		{"endpoint with user", Config{Scheme: "s3", Bucket: "b", Endpoint: "http://u@h"}, `~invalid endpoint`},
		{"negative concurrency", Config{Scheme: "mem", Concurrency: -1}, "~invalid concurrency -1"},
		{"retries below NoRetries", Config{Scheme: "mem", Retries: -2}, "~invalid retries -2"},
		{"negative timeout", Config{Scheme: "mem", Timeout: -time.Second}, "~invalid timeout -1s"},
		{"bad behavior", Config{Scheme: "mem", Behavior: "x"}, `~invalid value "x" for parameter behavior`},
		{"bad cas", Config{Scheme: "mem", CAS: "x"}, `~invalid value "x" for parameter cas`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			if err == nil {
				t.Fatalf("Validate(%v) = nil, want error", tt.c)
			}
			if sub, ok := strings.CutPrefix(tt.want, "~"); ok {
				if !strings.Contains(err.Error(), sub) {
					t.Errorf("error %q does not contain %q", err, sub)
				}
			} else if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
}

// TestFormatDSNRoundTrip checks ParseDSN(FormatDSN(c)) == c for Configs built
// in Go, including values that need escaping.
func TestFormatDSNRoundTrip(t *testing.T) {
	configs := []Config{
		{Scheme: "s3", Bucket: "b", AccessKey: "AK:@/?%#&+ é", SecretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+/=:@?#%&",
			SessionToken: "t?&=+ %", Passphrase: "p?&=+ %#\x00\xff", Prefix: "a b/c?d/e@f/%g/h#i/\xff\xfe"},
		{Scheme: "s3", Bucket: "b", Retries: NoRetries, Concurrency: DefaultConcurrency, Timeout: time.Nanosecond},
		{Scheme: "s3", Bucket: "b", Timeout: time.Duration(1<<63 - 1)},
		{Scheme: "http", Bucket: "b", Endpoint: "http://h:1", PathStyle: false, Region: "r"},
		{Scheme: "https", Bucket: "b", Endpoint: "https://[fe80::1]:443", PathStyle: true, CreateBucket: true},
		{Scheme: "file", Path: "/"},
		{Scheme: "file", Path: "//"},
		{Scheme: "file", Path: "rel?x#y%z"},
		{Scheme: "file", Path: `C:\Users\me\data`},
		{Scheme: "file", Path: " "},
		{Scheme: "mem", Name: "?&#%/"},
		{Scheme: "mem", Name: "\u2028\u00a0zero\u200bwidth"},
	}
	for _, c := range configs {
		if err := c.Validate(); err != nil {
			t.Errorf("Validate(%s): %v", dsnFields(c), err)
			continue
		}
		dsn := c.FormatDSN()
		got, err := ParseDSN(dsn)
		if err != nil {
			t.Errorf("ParseDSN(%q): %v", dsn, err)
			continue
		}
		if !reflect.DeepEqual(*got, c) {
			t.Errorf("round trip of %q\n got %s\nwant %s", dsn, dsnFields(*got), dsnFields(c))
		}
	}
}

func TestDSNRedaction(t *testing.T) {
	const secret, token, pass = "wJalrXUtnFEMI/K7MDENG+bPxRfi", "FwoGZXIvYXdzEJr", "correct horse battery"
	c := &Config{Scheme: "s3", Bucket: "b", AccessKey: "AKIAEXAMPLE", SecretKey: secret, SessionToken: token, Passphrase: pass}
	want := "s3://AKIAEXAMPLE:xxxxx@b?passphrase=xxxxx&session_token=xxxxx"
	for _, got := range []string{c.String(), fmt.Sprint(c), fmt.Sprint(*c), fmt.Sprintf("%v %+v", c, *c), fmt.Sprintf("%#v", *c)} {
		if !strings.Contains(got, want) {
			t.Errorf("printed %q, want it to contain %q", got, want)
		}
	}
	// Every error of a DSN holding secrets must hide them, even when the
	// DSN is malformed in a way that spills a secret into another part.
	dsns := []string{
		"s3://AKIAEXAMPLE:" + secret + "@b?regoin=x",
		"s3://AKIAEXAMPLE:" + secret + "@b?passphrase=" + pass + "&cas=no",
		"s3://AKIAEXAMPLE:" + secret + "%zz@b",
		"s3://AKIAEXAMPLE:" + secret + "@b?session_token=" + token + "%zz",
		"s3://AKIAEXAMPLE:" + secret + "@b?session_token=" + token + "&create_bucket=" + token,
		"s3://AKIAEXAMPLE:" + secret + "@",
		"s3://AKIAEXAMPLE:" + secret + "@b/a//b",
		"http://AKIAEXAMPLE:" + secret + "@h:x/b",
		"s3://AKIAEXAMPLE:" + secret + "?@b",                    // unescaped '?': the secret's tail reads as a parameter
		"s3://AKIAEXAMPLE:wJalrXU?tnFEMI=K7MDENG@b",             // ... even one that looks like name=value
		"s3://AKIAEXAMPLE:wJalrXU?region=tnFEMIK7MDENG@b",       // ... or a valid one: then the bucket is wrong
		"http://AKIAEXAMPLE:wJalrXU?tnFEMIK7MDENG@localhost/b",  // ...
		"http://AKIAEXAMPLE:wJalrXU?tnFEMIK7MDENG@local#host/b", // ...
		"file:./d?passphrase=" + pass + "&region=x",
		"mem://?passphrase=" + pass + "&timeout=" + pass,
	}
	pieces := []string{secret, token, pass, "wJalrXU", "tnFEMI", "K7MDENG", "correct", "horse"}
	for _, dsn := range dsns {
		_, err := ParseDSN(dsn)
		if err == nil {
			t.Errorf("ParseDSN(%q) succeeded", dsn)
			continue
		}
		for _, p := range pieces {
			if strings.Contains(err.Error(), p) {
				t.Errorf("error %q shows %q", err, p)
			}
		}
	}
}

func TestSuggestDSNParam(t *testing.T) {
	for in, want := range map[string]string{
		"regoin": "region", "regin": "region", "timout": "timeout", "retry": "retries", "cass": "cas",
		"createBucket": "create_bucket", "parallelism": "concurrency", "x": "", "tls": "", "behaviour": "behavior",
		"passphrse": "passphrase", "pathstyle": "path_style", "endpoint_url": "endpoint",
	} {
		if got := suggestDSNParam(in); got != want {
			t.Errorf("suggestParam(%q) = %q, want %q", in, got, want)
		}
	}
}
