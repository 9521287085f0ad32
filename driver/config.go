package driver

import "time"

// Config is a parsed DSN. ParseDSN and FormatDSN are exact inverses:
// ParseDSN(FormatDSN(c)) == c for every valid Config, and FormatDSN(ParseDSN(s))
// is the canonical spelling of s.
type Config struct {
	// Scheme is the DSN form: "s3", "http", "https", "file" or "mem".
	Scheme string

	// S3 forms ("s3", "http", "https").
	Bucket       string
	Prefix       string // key prefix inside the bucket, without leading or trailing '/'
	Endpoint     string // "" = AWS; for http(s) forms the URL origin (scheme://host:port)
	Region       string // "" = the SDK default chain, else us-east-1
	AccessKey    string // "" = the AWS default credential chain
	SecretKey    string
	SessionToken string
	PathStyle    bool

	// Path is the folder of a "file" DSN, as written (relative or absolute).
	Path string
	// Name is the database name of a "mem" DSN.
	Name string

	// Query parameters (DIALECT.md "Connection strings").
	Passphrase   string
	Behavior     string        // default behavior for new tables; "" = the built-in default
	Concurrency  int           // parallel requests per statement; 0 = default (32)
	Timeout      time.Duration // per-request timeout; 0 = none
	Retries      int           // retries on 5xx/SlowDown/timeouts; -1 = default (3)... see dsn.go
	CreateBucket bool
	CAS          string // "require" | "probe" | "off"; "" = default (require)
}
