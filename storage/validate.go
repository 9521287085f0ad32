package storage

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxKeyBytes is S3's limit on the length of a key in UTF-8 bytes.
const MaxKeyBytes = 1024

// ValidateKey returns an error wrapping ErrInvalidKey unless key is a
// non-empty, valid UTF-8 string of at most MaxKeyBytes bytes.
func ValidateKey(key string) error {
	switch {
	case key == "":
		return fmt.Errorf("%w: empty", ErrInvalidKey)
	case len(key) > MaxKeyBytes:
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrInvalidKey, len(key), MaxKeyBytes)
	case !utf8.ValidString(key):
		return fmt.Errorf("%w: not valid UTF-8", ErrInvalidKey)
	}
	return nil
}

// MetaSize is the size of meta as S3 counts it against MaxMetadataBytes: the
// sum of len(name)+len(value) over all entries, in bytes.
func MetaSize(meta map[string]string) int {
	n := 0
	for k, v := range meta {
		n += len(k) + len(v)
	}
	return n
}

// ValidateMeta checks meta against the rules S3 applies to user metadata
// (see the package documentation). It returns an error wrapping
// ErrInvalidMetadata or ErrMetadataTooLarge.
func ValidateMeta(meta map[string]string) error {
	for k, v := range meta {
		if k == "" || strings.TrimLeft(k, "abcdefghijklmnopqrstuvwxyz0123456789_-") != "" {
			return fmt.Errorf("%w: name %q is not lower-case [a-z0-9_-]", ErrInvalidMetadata, k)
		}
		for i := 0; i < len(v); i++ {
			if v[i] < 0x20 || v[i] > 0x7e {
				return fmt.Errorf("%w: value of %s has byte %#02x at %d, not printable ASCII", ErrInvalidMetadata, k, v[i], i)
			}
		}
		if strings.TrimSpace(v) != v {
			return fmt.Errorf("%w: value of %s has a leading or trailing space", ErrInvalidMetadata, k)
		}
	}
	if n := MetaSize(meta); n > MaxMetadataBytes {
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrMetadataTooLarge, n, MaxMetadataBytes)
	}
	return nil
}

// ValidatePut checks everything a backend checks before storing an object:
// the key, the metadata and that at most one condition is set.
func ValidatePut(key string, meta map[string]string, opts PutOptions) error {
	if err := ValidateKey(key); err != nil {
		return err
	}
	if opts.IfNoneMatch && opts.IfMatch != "" {
		return errors.New("conditions IfNoneMatch and IfMatch are mutually exclusive")
	}
	return ValidateMeta(meta)
}

// ETag returns the ETag S3 gives a single-part upload of body: the quoted hex
// MD5 digest. The mem and fs backends use it.
func ETag(body []byte) string {
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// ETagsEqual compares two ETags, ignoring surrounding quotes as S3 does.
func ETagsEqual(a, b string) bool {
	return strings.Trim(a, `"`) == strings.Trim(b, `"`)
}

// CloneMeta returns a copy of meta that is never nil.
func CloneMeta(meta map[string]string) map[string]string {
	c := make(map[string]string, len(meta))
	for k, v := range meta {
		c[k] = v
	}
	return c
}
