package crypto

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/argon2"
)

// KDFArgon2id is the only KDF name this version knows.
const KDFArgon2id = "argon2id"

// KDFParams are the key-derivation parameters stored with a key.
type KDFParams struct {
	Name      string `json:"name"`      // KDFArgon2id
	Time      uint32 `json:"time"`      // passes over memory
	MemoryKiB uint32 `json:"memoryKiB"` // memory in KiB
	Threads   uint8  `json:"threads"`   // lanes; the result does not depend on the CPU count
}

// DefaultKDF is RFC 9106's second recommended argon2id setting (t=3, 64 MiB,
// p=4): about 70 ms on 2 cores, paid once per key when a database is opened.
var DefaultKDF = KDFParams{Name: KDFArgon2id, Time: 3, MemoryKiB: 64 << 10, Threads: 4}

// Bounds on stored parameters, so that a corrupt or hostile catalog cannot
// make a client allocate without limit.
const (
	maxTime      = 64
	maxMemoryKiB = 1 << 20 // 1 GiB
	saltSize     = 16
	maxSaltSize  = 64
	keySize      = 32 // AES-256
	checkSize    = sha256.Size
)

func (p KDFParams) validate() error {
	switch {
	case p.Name != KDFArgon2id:
		return fmt.Errorf("unsupported kdf %q (want %q)", p.Name, KDFArgon2id)
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("argon2id time %d out of range [1, %d]", p.Time, maxTime)
	case p.Threads < 1:
		return errors.New("argon2id threads must be at least 1")
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemoryKiB:
		return fmt.Errorf("argon2id memory %d KiB out of range [%d, %d]", p.MemoryKiB, 8*uint32(p.Threads), maxMemoryKiB)
	}
	return nil
}

// KeyRecord is what the catalog stores about one key: enough to derive it
// again from the passphrase and to recognise a wrong passphrase, and nothing
// that reveals it. It is JSON-serialisable as is ([]byte fields become
// standard base64).
type KeyRecord struct {
	ID    uint16    `json:"id"`    // 1..65535, unique in a database; Rotate takes the highest + 1
	KDF   KDFParams `json:"kdf"`   // how the key is derived from the passphrase
	Salt  []byte    `json:"salt"`  // 16 random bytes
	Check []byte    `json:"check"` // key-check value: HMAC-SHA256(check key, "s3db key check v1" ‖ id)
	// Wrapped is set on the records of older keys by Keyring.Records: the
	// key sealed (in the ciphertext format) under the current key, so that a
	// client that knows only the current passphrase can still read values a
	// rotation has not re-encrypted yet.
	Wrapped string `json:"wrapped,omitempty"`
}

func (r *KeyRecord) validate() error {
	switch {
	case r.ID == 0:
		return errors.New("key id 0 is reserved")
	case len(r.Salt) < saltSize || len(r.Salt) > maxSaltSize:
		return fmt.Errorf("key %d: salt of %d bytes (want %d to %d)", r.ID, len(r.Salt), saltSize, maxSaltSize)
	case len(r.Check) != checkSize:
		return fmt.Errorf("key %d: key check of %d bytes (want %d)", r.ID, len(r.Check), checkSize)
	}
	if err := r.KDF.validate(); err != nil {
		return fmt.Errorf("key %d: %w", r.ID, err)
	}
	return nil
}

func (r KeyRecord) clone() KeyRecord {
	r.Salt = append([]byte(nil), r.Salt...)
	r.Check = append([]byte(nil), r.Check...)
	return r
}

// Key is one derived AES-256 key and its record. It is safe for concurrent
// use; its String, GoString and Format never show key material.
type Key struct {
	rec KeyRecord
	// m returns the key material, nil once destroyed. A closure, because
	// fmt's reflection (%+v of a struct holding a Key, or a bad verb such as
	// %s on a pointer) prints pointed-to data but never what a func captures.
	m func() *material
}

type material struct {
	raw  [keySize]byte
	aead cipher.AEAD // AES-256-GCM with a random 96-bit nonce prepended by Seal
}

// NewKey derives a new key with id from the passphrase kp returns, under a
// fresh random salt. A zero p means DefaultKDF. Store k.Record() in the catalog.
func NewKey(ctx context.Context, id uint16, kp KeyProvider, p KDFParams) (*Key, error) {
	if p == (KDFParams{}) {
		p = DefaultKDF
	}
	rec := KeyRecord{ID: id, KDF: p, Salt: make([]byte, saltSize), Check: make([]byte, checkSize)}
	if err := rec.validate(); err != nil {
		return nil, fmt.Errorf("new key: %w", err)
	}
	pass, err := passphrase(ctx, kp)
	if err != nil {
		return nil, err
	}
	defer clear(pass)
	if _, err := io.ReadFull(rand.Reader, rec.Salt); err != nil {
		return nil, fmt.Errorf("new key: %w", err)
	}
	enc, chk := derive(pass, &rec)
	defer clear(chk)
	copy(rec.Check, check(chk, id))
	return newKey(rec, enc)
}

// OpenKey derives the key rec describes from the passphrase kp returns and
// verifies it against rec.Check in constant time. A passphrase that does not
// match fails with ErrWrongPassphrase ("wrong passphrase for key 1"), before
// anything is decrypted.
func OpenKey(ctx context.Context, rec KeyRecord, kp KeyProvider) (*Key, error) {
	if err := rec.validate(); err != nil {
		return nil, fmt.Errorf("open key: %w", err)
	}
	pass, err := passphrase(ctx, kp)
	if err != nil {
		return nil, err
	}
	defer clear(pass)
	enc, chk := derive(pass, &rec)
	defer clear(chk)
	if !hmac.Equal(check(chk, rec.ID), rec.Check) {
		clear(enc)
		return nil, fmt.Errorf("%w for key %d", ErrWrongPassphrase, rec.ID)
	}
	return newKey(rec.clone(), enc)
}

// derive runs argon2id once and splits its 64-byte output into the AES key
// and the key-check key, two independent keys.
func derive(pass []byte, rec *KeyRecord) (enc, chk []byte) {
	p := rec.KDF
	out := argon2.IDKey(pass, rec.Salt, p.Time, p.MemoryKiB, p.Threads, 2*keySize)
	return out[:keySize], out[keySize:]
}

func check(chk []byte, id uint16) []byte {
	m := hmac.New(sha256.New, chk)
	m.Write([]byte("s3db key check v1"))
	m.Write(binary.BigEndian.AppendUint16(nil, id))
	return m.Sum(nil)
}

// newKey makes a Key from raw key bytes, which it zeroes.
func newKey(rec KeyRecord, raw []byte) (*Key, error) {
	defer clear(raw)
	m := &material{}
	copy(m.raw[:], raw)
	block, err := aes.NewCipher(m.raw[:])
	if err == nil {
		m.aead, err = cipher.NewGCMWithRandomNonce(block)
	}
	if err != nil {
		clear(m.raw[:])
		return nil, fmt.Errorf("key %d: %w", rec.ID, err)
	}
	return &Key{rec: rec, m: func() *material { return m }}, nil
}

// ID returns the key's id.
func (k *Key) ID() uint16 { return k.rec.ID }

// Record returns the key's catalog record (a copy, without Wrapped).
func (k *Key) Record() KeyRecord {
	r := k.rec.clone()
	r.Wrapped = ""
	return r
}

// Destroy zeroes the key bytes this package holds. The expanded AES key
// schedule inside crypto/aes cannot be reached and is left to the garbage
// collector. Destroy must not run concurrently with other uses of k, and k
// must not be used afterwards (it then fails with ErrNoKey).
func (k *Key) Destroy() {
	if k != nil && k.m != nil {
		clear(k.m().raw[:])
		k.m = nil
	}
}

// seal encrypts plaintext under k into a ciphertext whose additional data is
// the header, purpose and fields.
func (k *Key) seal(plaintext []byte, purpose byte, fields ...string) string {
	buf := make([]byte, headerSize, Overhead+len(plaintext))
	buf[0] = Version
	binary.BigEndian.PutUint16(buf[1:], k.rec.ID)
	buf = k.m().aead.Seal(buf, nil, plaintext, aad(buf, purpose, fields...))
	return b64.EncodeToString(buf)
}

// open authenticates and decrypts raw (a decoded ciphertext under k). It
// returns ErrAuth, never unauthenticated bytes.
func (k *Key) open(raw []byte, purpose byte, fields ...string) ([]byte, error) {
	pt, err := k.m().aead.Open(nil, nil, raw[headerSize:], aad(raw[:headerSize], purpose, fields...))
	if err != nil {
		return nil, ErrAuth
	}
	if pt == nil {
		pt = []byte{}
	}
	return pt, nil
}

// String names the key by id; it never shows key material.
func (k *Key) String() string {
	if k == nil {
		return "crypto.Key(nil)"
	}
	return fmt.Sprintf("crypto.Key(id %d, redacted)", k.rec.ID)
}

// GoString redacts like String.
func (k *Key) GoString() string { return k.String() }

// Format redacts like String, for every verb.
func (k *Key) Format(f fmt.State, _ rune) { io.WriteString(f, k.String()) }
