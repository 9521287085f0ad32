package storage

import (
	"context"
	"errors"
	"time"
)

// Sentinel errors. Backends wrap them with context (`get users/data/id=1: %w`);
// callers test with errors.Is.
var (
	// ErrNotFound: the object (or, for Open, the bucket) does not exist.
	ErrNotFound = errors.New("object not found")
	// ErrPreconditionFailed: a conditional write lost: If-None-Match "*" on an
	// existing key, or If-Match on a key whose ETag differs or that is gone.
	ErrPreconditionFailed = errors.New("precondition failed")
	// ErrMetadataTooLarge: the user metadata exceeds MaxMetadataBytes as S3 counts it.
	ErrMetadataTooLarge = errors.New("user metadata exceeds the 2 KB limit")
	// ErrInvalidKey: an empty key, or one that no backend can store.
	ErrInvalidKey = errors.New("invalid object key")
	// ErrInvalidMetadata: a metadata name that is not lower-case [a-z0-9_-] or a
	// value that is not printable ASCII (S3 would alter or reject it).
	ErrInvalidMetadata = errors.New("invalid user metadata")
)

// MaxMetadataBytes is S3's limit on user metadata: the sum of the UTF-8 byte
// lengths of every key (without the x-amz-meta- prefix) and value.
const MaxMetadataBytes = 2048

// MaxListKeys is the largest page a List returns (S3's MaxKeys ceiling).
const MaxListKeys = 1000

// Object is a stored object. Body is nil for Head.
type Object struct {
	Key          string
	Body         []byte
	Meta         map[string]string // user metadata, names lower-case, values printable ASCII; never nil
	ETag         string            // opaque, quoted as S3 returns it; pass back unchanged to IfMatch
	Size         int64
	LastModified time.Time
}

// ObjectInfo is one entry of a List page.
type ObjectInfo struct {
	Key          string
	ETag         string
	Size         int64
	LastModified time.Time
}

// PutOptions make a Put conditional. At most one of the two may be set.
type PutOptions struct {
	// IfNoneMatch makes the write create-only (If-None-Match: *): it fails with
	// ErrPreconditionFailed when the key exists. Of N concurrent creators exactly one wins.
	IfNoneMatch bool
	// IfMatch makes the write a compare-and-swap (If-Match: <etag>): it fails with
	// ErrPreconditionFailed unless the current ETag equals IfMatch.
	IfMatch     string
	ContentType string
}

// DeleteOptions make a Delete conditional.
type DeleteOptions struct {
	// IfMatch deletes only if the current ETag equals it (ErrPreconditionFailed
	// otherwise, ErrNotFound if the key is gone). Some S3-compatible servers
	// answer success for a missing key and do not order conditional deletes
	// with concurrent writes (see storage/s3); AWS, fs and mem do.
	IfMatch string
}

// ListOptions select a page of keys in ascending byte order.
type ListOptions struct {
	Prefix     string // only keys starting with Prefix
	StartAfter string // only keys strictly greater than StartAfter
	// Token continues a previous page (ListPage.NextToken); it takes precedence over StartAfter.
	Token   string
	MaxKeys int // 0 or > MaxListKeys means MaxListKeys
}

// ListPage is one page of a List.
type ListPage struct {
	Objects   []ObjectInfo
	NextToken string // empty when this is the last page
}

// Bucket is the narrow object-store interface every backend implements and
// every layer above talks to. All methods are safe for concurrent use.
//
// Contracts (checked by storagetest.Run on every backend):
//   - Get/Head of a missing key: ErrNotFound.
//   - Put replaces body and metadata whole and returns the new ETag; with
//     PutOptions conditions it is atomic with respect to other writers,
//     also across processes (fs) and clients (s3).
//   - Delete of a missing key is not an error unless IfMatch is set.
//   - List returns keys in ascending byte order, at most MaxListKeys per page.
//   - Every method honours ctx cancellation and returns ctx.Err() wrapped.
type Bucket interface {
	Get(ctx context.Context, key string) (*Object, error)
	Head(ctx context.Context, key string) (*Object, error)
	Put(ctx context.Context, key string, body []byte, meta map[string]string, opts PutOptions) (etag string, err error)
	Delete(ctx context.Context, key string, opts DeleteOptions) error
	List(ctx context.Context, opts ListOptions) (ListPage, error)
	// String describes the bucket for messages, with credentials redacted.
	String() string
	Close() error
}
