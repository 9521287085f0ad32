// Package storagetest is the conformance suite every storage backend runs,
// and the helpers tests use to reach a real S3 server.
//
// Run checks the storage.Bucket contract as S3 defines it, on behaviour that
// AWS S3 and S3-compatible servers agree on: ErrNotFound, metadata rules and
// the 2 KB limit, create-only and compare-and-swap races, byte-ordered and
// paginated List, prefixes, cancellation and body sizes. Each case is a named
// subtest run in parallel with a fresh, empty bucket.
//
// RunStrict adds what AWS S3 guarantees but servers built on a file system
// (versitygw's posix backend) do not: ErrNotFound for a conditional delete of
// a missing key, conditional deletes that are atomic against concurrent
// writers, and path-like keys ("a" beside "a/b", ".", "..", "a//b", a
// trailing "/"). The mem and fs backends run both.
//
// S3FromEnv reads the S3DB_TEST_* variables that point tests at a real S3
// server (see scripts/s3-server.sh) and BucketName makes a unique bucket name
// per test.
package storagetest
