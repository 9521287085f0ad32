package driver

import "time"

// Defaults applied when the corresponding Config field is zero.
const (
	DefaultConcurrency = 32 // parallel requests per statement
	DefaultRetries     = 3  // retries on 5xx, SlowDown and timeouts
)

// NoRetries is the Config.Retries value meaning "do not retry" (retries=0 in a
// DSN). It exists because the zero value of Retries means DefaultRetries.
const NoRetries = -1

// Config is a parsed DSN. ParseDSN and FormatDSN are exact inverses:
// ParseDSN(FormatDSN(c)) == c for every valid Config (see Validate), and
// FormatDSN(ParseDSN(s)) is the canonical spelling of s. The zero value of
// every optional field means "default", so FormatDSN omits zero fields.
//
// Config's String method redacts SecretKey, SessionToken and Passphrase; log
// that, never the output of FormatDSN.
type Config struct {
	// Scheme is the DSN form: "s3", "http", "https", "file" or "mem".
	Scheme string

	// S3 forms ("s3", "http", "https"). Bucket is required.
	Bucket string
	Prefix string // key prefix inside the bucket, without leading or trailing '/'
	// Endpoint is "" for AWS, or the URL origin "http(s)://host[:port]" of an
	// S3-compatible server. For the http and https forms it is the DSN's own
	// origin and its scheme equals Scheme.
	Endpoint     string
	Region       string // "" = the SDK default chain (AWS_REGION, profile), else us-east-1
	AccessKey    string // "" = the AWS default credential chain (then SecretKey is "" too)
	SecretKey    string
	SessionToken string // needs AccessKey
	// PathStyle selects path-style addressing (endpoint/bucket/key). The
	// http(s) forms imply it: ParseDSN sets it to true there and FormatDSN
	// writes path_style=false only to turn it off. In the s3 form it defaults
	// to false and FormatDSN writes path_style=true.
	PathStyle bool

	// Path is the folder of a "file" DSN, as written (relative or absolute).
	Path string
	// Name is the database name of a "mem" DSN: the same name is the same
	// database inside one process. "" (mem://) is an anonymous database private
	// to the connector, like SQLite's ":memory:".
	Name string

	// Query parameters (DIALECT.md "Connection strings"). ParseDSN does not
	// read the environment: the connector falls back to S3DB_PASSPHRASE when
	// Passphrase is "".
	Passphrase   string
	Behavior     string        // default behavior for new tables; "" = the built-in default
	Concurrency  int           // parallel requests per statement; 0 = DefaultConcurrency
	Timeout      time.Duration // per-request timeout; 0 = none
	Retries      int           // 0 = DefaultRetries, NoRetries (-1) = none (retries=0), n > 0 = n
	CreateBucket bool          // create the bucket if it does not exist (S3 forms)
	CAS          string        // "require" | "probe" | "off"; "" = default (require)
}
