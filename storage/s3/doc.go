// Package s3 is the S3 storage backend: a storage.Bucket over AWS S3 or an
// S3-compatible service (MinIO, Cloudflare R2, versitygw, ...) through
// aws-sdk-go-v2.
//
// # Configuration
//
// Open takes a Config: the bucket, an optional custom endpoint (with
// PathStyle for most self-hosted servers), region and credentials (empty
// means the AWS default chain: environment, shared config files, SSO, IMDS),
// and the knobs of the connection pool. Open makes one request to check the
// bucket (HeadBucket, or CreateBucket when Config.CreateBucket is set), so a
// wrong endpoint or credentials fail at Open. String and every error name
// the bucket and endpoint, never credentials.
//
// Requests share one HTTP transport that keeps up to Concurrency idle
// connections per host alive, and a semaphore bounds requests in flight to
// Concurrency (a Get holds its slot until the body is read). Timeout bounds
// each HTTP attempt, body included. Flexible checksums are only sent and
// validated where S3 requires them (RequestChecksumCalculation and
// ResponseChecksumValidation WhenRequired), which S3-compatible servers
// handle best and which keeps the SDK from logging skipped validations.
//
// # Retries and conditional writes
//
// Get, Head, List, unconditional Put and unconditional Delete are idempotent
// and are retried (Retries times, default 3) with exponential backoff and
// jitter on 5xx answers, throttling (SlowDown), timeouts and connection
// errors.
//
// A conditional request (Put with IfNoneMatch or IfMatch, Delete with
// IfMatch) is not idempotent: if a first attempt takes effect but its answer
// is lost, a blind retry meets its own write and reports a false
// ErrPreconditionFailed — a create that succeeded would look lost, and a
// compare-and-swap loop would apply its update twice. Comparing the object's
// ETag afterwards cannot tell our write from an identical one by someone
// else (two counters incrementing 5 to 6 write the same bytes). So
// conditional requests are retried only when the failure proves the server
// did not act: throttling (503 SlowDown and the like, which S3 answers
// before acting) and connections that were never established. Any other
// failure — a timeout, a reset connection, a 500 — is returned as is, an
// error that is not ErrPreconditionFailed, meaning "unknown outcome": the
// caller re-reads and decides, as it must after any ambiguous commit.
//
// # Errors
//
// 404 (NoSuchKey, NotFound) maps to storage.ErrNotFound, except for a Put
// with IfMatch, where a missing key is storage.ErrPreconditionFailed as the
// Bucket contract says. 412 PreconditionFailed and 409
// ConditionalRequestConflict map to storage.ErrPreconditionFailed, 400
// MetadataTooLarge to storage.ErrMetadataTooLarge, KeyTooLongError to
// storage.ErrInvalidKey. Keys and metadata are validated before sending
// (storage.ValidatePut), so those rules hold identically on every server.
// Metadata names are sent and returned lower-case (the SDK lower-cases them
// on the way back).
//
// # Server differences
//
// Conditional deletes (DeleteObject with If-Match) are sent natively. AWS
// answers a conditional delete of a missing key with 404, which becomes
// storage.ErrNotFound; versitygw v1.8.0 answers 204, so there it returns
// nil. versitygw's posix backend also checks a delete's If-Match without the
// lock its conditional puts take, so a delete can race a concurrent
// compare-and-swap put of the same key and both succeed; its conditional
// puts are atomic. Against such servers, do not rely on conditional deletes
// for mutual exclusion. See storagetest.RunStrict for the exact cases.
package s3
