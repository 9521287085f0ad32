// Package storage defines the object store under s3db: the narrow Bucket
// interface every layer above talks to, its sentinel errors, the rules S3
// imposes on keys and metadata, and wrappers that count and break requests.
//
// # The Bucket contract
//
// A Bucket is a flat map from keys to objects, each object a body plus a
// small map of user metadata, exactly as in S3. There are five requests —
// Get, Head, Put, Delete and List — and a statement's cost is the number of
// them it makes. The backends are storage/s3 (a real S3 or S3-compatible
// service), storage/fs (a local folder) and storage/mem (process memory);
// every backend passes the same conformance suite, storage/storagetest, so
// code that works on mem works on S3.
//
// Errors are wrapped with the operation and key ("get users/data/id=1: ...")
// and tested with errors.Is against the sentinels:
//
//   - ErrNotFound: Get or Head of a missing key (Delete of a missing key is
//     not an error unless it is conditional).
//   - ErrPreconditionFailed: a conditional write lost.
//   - ErrMetadataTooLarge, ErrInvalidMetadata, ErrInvalidKey: the request was
//     rejected before anything was stored.
//   - context.Canceled / context.DeadlineExceeded: the caller's ctx ended.
//
// Any other error, in particular on a conditional write, means the outcome is
// unknown: the write may or may not have happened (a timeout or a lost
// connection). Read the object again to find out.
//
// # Conditional writes
//
// PutOptions.IfNoneMatch makes a Put create-only (HTTP If-None-Match: *): of
// any number of concurrent creators of a key, exactly one succeeds and the
// others get ErrPreconditionFailed. PutOptions.IfMatch makes a Put a
// compare-and-swap on the ETag the caller read (If-Match): it succeeds only
// if nobody wrote the key since, so a read-modify-write loop that retries on
// ErrPreconditionFailed never loses an update. DeleteOptions.IfMatch deletes
// only an unchanged object. ETags are opaque strings, quoted as S3 returns
// them; mem and fs use the quoted hex MD5 of the body, like S3 for a
// single-part upload, and every backend accepts them with or without quotes.
//
// # Keys and metadata
//
// A key is a non-empty, valid UTF-8 string of at most MaxKeyBytes bytes;
// '/' is an ordinary byte for every request but by convention separates the
// levels of s3db's layout, and the fs backend maps it to directories.
//
// Metadata follows the rules S3 applies to x-amz-meta-* headers, enforced
// identically by every backend before a request is sent (ValidateMeta):
//
//   - names are non-empty and lower-case [a-z0-9_-] (S3 lower-cases names);
//   - values are printable ASCII, 0x20 to 0x7E, without leading or trailing
//     spaces (HTTP trims them); the layers above encode anything else;
//   - the size, the sum over all entries of len(name)+len(value) in bytes, is
//     at most MaxMetadataBytes (2048): 2048 is accepted, 2049 fails with
//     ErrMetadataTooLarge.
//
// PutOptions.ContentType reaches S3 only: the interface never returns it, so
// mem and fs do not store it. Get and Head return a Meta map that is never nil. Byte slices and maps are
// copied on the way in and out, so callers may reuse or modify them.
//
// # Counting and fault injection
//
// NewCounting wraps a Bucket and counts requests per operation, so tests and
// EXPLAIN ANALYZE-style tools can assert on the cost of a statement
// ("LIST 1, GET 3, PUT 0, HEAD 0, DELETE 0"). NewFaulty wraps a Bucket and
// fails or delays chosen requests, so tests can exercise retries, lost races
// and lost responses without a misbehaving server. WithPrefix confines a
// Bucket to a "folder" so several databases can share one bucket.
package storage
