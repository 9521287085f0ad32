package crypto

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors, tested with errors.Is. Errors of this package never
// contain a passphrase, key material, plaintext or ciphertext.
var (
	// ErrNoKey: there is no passphrase (no key provider, an unset or empty
	// S3DB_PASSPHRASE, an empty string) or no keyring, so a SECRET value can
	// be neither written nor read.
	ErrNoKey = errors.New("no passphrase")
	// ErrWrongPassphrase: the passphrase does not derive the key the catalog
	// describes (its key-check value differs). Nothing was decrypted.
	ErrWrongPassphrase = errors.New("wrong passphrase")
	// ErrAuth: the ciphertext is well formed but does not authenticate under
	// its key and cell: a bit was flipped, it was truncated or extended, or
	// it was copied from another row, column or table.
	ErrAuth = errors.New("ciphertext does not authenticate: tampered, truncated, or moved from another row")
	// ErrUnknownKey: the ciphertext names a key id the keyring does not hold.
	ErrUnknownKey = errors.New("unknown key")
	// ErrMalformed: the value is not a ciphertext of this package at all
	// (bad characters or base64, too short, unknown format version).
	ErrMalformed = errors.New("not a ciphertext")
)

// Error is the error of Encrypt, Decrypt and Reencrypt. It names the cell,
// with the labels the caller put in the Cell:
//
//	decrypt users.card (id 'u1'): ciphertext does not authenticate: tampered, truncated, or moved from another row
//
// Err wraps one of the sentinels (or, for a Cell without Table or Field, a
// plain error), so errors.Is(err, ErrAuth) works on the *Error.
type Error struct {
	Op        string // "encrypt", "decrypt" or "re-encrypt"
	Table     string // the cell's table
	Column    string // Cell.Column, or Cell.Field when that is empty
	KeyColumn string // Cell.KeyColumn, or "key"
	Key       string // the row's primary key (not secret: it is in the object key)
	Err       error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Table != "" || e.Column != "" {
		b.WriteByte(' ')
		if e.Table != "" {
			b.WriteString(e.Table)
			b.WriteByte('.')
		}
		b.WriteString(e.Column)
		b.WriteString(" (")
		b.WriteString(e.KeyColumn)
		b.WriteByte(' ')
		b.WriteString(quote(e.Key))
		b.WriteByte(')')
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// quote renders s as a SQL string literal, escaping what is not printable.
func quote(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
	return "'" + strings.ReplaceAll(q, "'", `\'`) + "'"
}
