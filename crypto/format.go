package crypto

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
)

// Ciphertext layout (before base64); see the package documentation.
const (
	// Version is the format version, the first byte of every ciphertext.
	Version = 1

	headerSize = 3  // version (1) + key id (2, big-endian)
	nonceSize  = 12 // random, from crypto/rand
	tagSize    = 16 // GCM authentication tag

	// Overhead is the number of bytes a ciphertext adds to its plaintext
	// before base64: header (3) + nonce (12) + tag (16). EncodedLen gives the
	// length after base64.
	Overhead = headerSize + nonceSize + tagSize
)

// b64 is base64url without padding, strict: exactly one encoding decodes to
// a given byte string, so a ciphertext has no malleable spelling.
var b64 = base64.RawURLEncoding.Strict()

// minLen is the length of the ciphertext of an empty plaintext.
var minLen = b64.EncodedLen(Overhead)

// EncodedLen is the length of the ciphertext of an n-byte plaintext:
// ceil(4(n+31)/3) characters, 42 for n = 0 and 84 for n = 32.
func EncodedLen(n int) int { return b64.EncodedLen(n + Overhead) }

// AAD purposes: a value and a wrapped key can never be taken for each other.
const (
	purposeValue = 'v'
	purposeKey   = 'k'
)

// Cell says where a value lives. Table, Field and Key are the additional
// authenticated data of its ciphertext: they are not stored in it, and the
// value decrypts only with the same three strings it was encrypted with.
// Column and KeyColumn are not authenticated; they only label errors.
type Cell struct {
	Table string // the table's name (required)
	// Field identifies the column (required). Pass the column's stable field
	// code (schema.Column.Code) rather than its name, so that RENAME COLUMN
	// does not orphan its values.
	Field string
	// Key is the row's primary key as canonical text (schema.ValueText).
	Key string

	Column    string // the column's name, for errors; defaults to Field
	KeyColumn string // the primary key column's name, for errors; defaults to "key"
}

func (c *Cell) err(op string, err error) *Error {
	e := &Error{Op: op, Table: c.Table, Column: c.Column, KeyColumn: c.KeyColumn, Key: c.Key, Err: err}
	if e.Column == "" {
		e.Column = c.Field
	}
	if e.KeyColumn == "" {
		e.KeyColumn = "key"
	}
	return e
}

// aad is the additional data of a ciphertext: its header, a purpose byte,
// then each field as uvarint(len) + bytes, so distinct field lists never
// produce the same bytes ("ab"+"c" is not "a"+"bc").
func aad(header []byte, purpose byte, fields ...string) []byte {
	n := len(header) + 1
	for _, f := range fields {
		n += binary.MaxVarintLen64 + len(f)
	}
	b := make([]byte, 0, n)
	b = append(b, header...)
	b = append(b, purpose)
	for _, f := range fields {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

// KeyID returns the id of the key a ciphertext was encrypted under. It reads
// only the header: a nil error does not mean the ciphertext is intact.
func KeyID(ciphertext string) (uint16, error) {
	if err := checkText(ciphertext); err != nil {
		return 0, err
	}
	h, err := b64.DecodeString(ciphertext[:4]) // 4 characters = the 3 header bytes
	if err != nil {
		return 0, fmt.Errorf("%w: bad base64", ErrMalformed)
	}
	return header(h)
}

// parse decodes a ciphertext into its key id and raw bytes (header included).
func parse(ciphertext string) (uint16, []byte, error) {
	if err := checkText(ciphertext); err != nil {
		return 0, nil, err
	}
	raw, err := b64.DecodeString(ciphertext)
	if err != nil {
		return 0, nil, fmt.Errorf("%w: bad base64", ErrMalformed)
	}
	id, err := header(raw)
	return id, raw, err
}

// checkText rejects what cannot be a ciphertext before decoding it; the base64
// decoder alone would skip '\r' and '\n'.
func checkText(s string) error {
	if len(s) < minLen {
		return fmt.Errorf("%w: too short (%d characters, at least %d)", ErrMalformed, len(s), minLen)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return fmt.Errorf("%w: invalid character at offset %d", ErrMalformed, i)
		}
	}
	return nil
}

func header(h []byte) (uint16, error) {
	if h[0] != Version {
		return 0, fmt.Errorf("%w: unknown format version %d", ErrMalformed, h[0])
	}
	id := binary.BigEndian.Uint16(h[1:3])
	if id == 0 {
		return 0, fmt.Errorf("%w: key id 0", ErrMalformed)
	}
	return id, nil
}

func unknownKey(id uint16) error {
	return fmt.Errorf("%w %d: the value was encrypted under a key this keyring does not hold", ErrUnknownKey, id)
}
