// Package mem is the in-memory storage backend: a storage.Bucket kept in
// process memory, for embedded use, examples and fast tests.
//
// It is a product feature, not a test double: it enforces every limit and
// condition exactly as S3 does (key and metadata rules, the 2 KB metadata
// limit, If-None-Match and If-Match atomicity, byte-ordered List pages of
// at most 1,000 keys) and passes the whole conformance suite, so code that
// works on mem works on S3.
//
// Open(name) returns the same bucket for the same name anywhere in the
// process, like a named in-memory database; New returns a fresh anonymous
// one. Data lives until the process exits; Close does not drop it.
//
// Bodies and metadata are copied on the way in and out, so callers cannot
// alias stored data. ETags are the quoted hex MD5 of the body, and
// LastModified is truncated to the second, like S3's Last-Modified header.
// List keeps a sorted key index that it merges new keys into lazily, so
// pages cost O(log n + page) and a burst of writes costs one O(n) merge at
// the next List.
package mem
