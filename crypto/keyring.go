package crypto

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
)

// Keyring holds a database's keys by id: the current one encrypts, every one
// decrypts. It is safe for concurrent use. A nil *Keyring holds no key:
// Encrypt and Decrypt fail with ErrNoKey, so a database opened without a
// passphrase fails closed on every SECRET value.
type Keyring struct {
	mu      sync.RWMutex
	keys    map[uint16]*Key
	current uint16
}

// NewKeyring returns a keyring that encrypts with current and decrypts with
// current and older.
func NewKeyring(current *Key, older ...*Key) (*Keyring, error) {
	r := &Keyring{keys: map[uint16]*Key{}}
	for _, k := range append([]*Key{current}, older...) {
		if err := r.Add(k); err != nil {
			return nil, err
		}
	}
	r.current = current.ID()
	return r, nil
}

// Open opens a database's keyring from the records in its catalog (as
// Records wrote them) and the passphrase kp returns. The current key, the
// one record without Wrapped, is derived from the passphrase and verified
// (ErrWrongPassphrase, ErrNoKey); the older keys are unwrapped with it, so
// the KDF runs once whatever the number of keys.
func Open(ctx context.Context, recs []KeyRecord, kp KeyProvider) (*Keyring, error) {
	var cur *KeyRecord
	seen := map[uint16]bool{}
	for i, rec := range recs {
		if seen[rec.ID] {
			return nil, fmt.Errorf("open keyring: two records for key %d", rec.ID)
		}
		seen[rec.ID] = true
		if rec.Wrapped == "" {
			if cur != nil {
				return nil, fmt.Errorf("open keyring: keys %d and %d are both current (not wrapped)", cur.ID, rec.ID)
			}
			cur = &recs[i]
		}
	}
	if cur == nil {
		return nil, errors.New("open keyring: no current key record")
	}
	k, err := OpenKey(ctx, *cur, kp)
	if err != nil {
		return nil, err
	}
	r, _ := NewKeyring(k)
	for _, rec := range recs {
		if rec.Wrapped == "" {
			continue
		}
		if err := r.unwrap(rec); err != nil {
			r.Close()
			return nil, fmt.Errorf("open keyring: unwrap key %d: %w", rec.ID, err)
		}
	}
	return r, nil
}

func (r *Keyring) unwrap(rec KeyRecord) error {
	if err := rec.validate(); err != nil {
		return err
	}
	id, raw, err := parse(rec.Wrapped)
	if err != nil {
		return err
	}
	w := r.live(id)
	if w == nil || id != r.current {
		return fmt.Errorf("wrapped under key %d, not under the current key %d", id, r.current)
	}
	b, err := w.open(raw, purposeKey, idField(rec.ID))
	if err != nil {
		return err
	}
	if len(b) != keySize {
		clear(b)
		return fmt.Errorf("%w: wrapped key of %d bytes", ErrMalformed, len(b))
	}
	k, err := newKey(rec.clone(), b)
	if err != nil {
		return err
	}
	return r.Add(k)
}

func idField(id uint16) string { return string(binary.BigEndian.AppendUint16(nil, id)) }

// Records returns what the catalog stores for Open: one record per key, by
// id, the current key's as NewKey made it, every other key's with Wrapped
// set to the key sealed under the current key. Call it after Rotate,
// SetCurrent and Remove.
func (r *Keyring) Records() ([]KeyRecord, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	cur := r.live(r.current)
	if cur == nil {
		return nil, fmt.Errorf("records: %w", ErrNoKey)
	}
	var recs []KeyRecord
	for _, id := range slices.Sorted(maps.Keys(r.keys)) {
		k := r.keys[id]
		rec := k.Record()
		if id != r.current {
			rec.Wrapped = cur.seal(k.m().raw[:], purposeKey, idField(id))
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

// Add adds a key for decryption. Ids are unique: adding a second key with
// an id already in the keyring is an error.
func (r *Keyring) Add(k *Key) error {
	if k == nil || k.m == nil {
		return errors.New("add key: nil or destroyed key")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.keys[k.ID()] != nil {
		return fmt.Errorf("add key: the keyring already holds key %d", k.ID())
	}
	if r.keys == nil {
		r.keys = map[uint16]*Key{}
	}
	r.keys[k.ID()] = k
	return nil
}

// SetCurrent makes key id the one Encrypt uses.
func (r *Keyring) SetCurrent(id uint16) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.live(id) == nil {
		return fmt.Errorf("set current key: %w", unknownKey(id))
	}
	r.current = id
	return nil
}

// Current returns the id of the key Encrypt uses, 0 if there is none.
func (r *Keyring) Current() uint16 {
	if r == nil {
		return 0
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.current
}

// Rotate derives a new key from the passphrase kp returns (a zero p means
// DefaultKDF), with the next id, and makes it current. Values under older
// keys still decrypt; NeedsRotation reports them and Reencrypt moves them to
// the new key. Store Records in the catalog before writing with the new key.
func (r *Keyring) Rotate(ctx context.Context, kp KeyProvider, p KDFParams) (uint16, error) {
	r.mu.RLock()
	next := uint32(1)
	for id := range r.keys {
		next = max(next, uint32(id)+1)
	}
	r.mu.RUnlock()
	if next > 0xffff {
		return 0, errors.New("rotate: no key id left")
	}
	k, err := NewKey(ctx, uint16(next), kp, p) // the slow part, without the lock
	if err != nil {
		return 0, fmt.Errorf("rotate: %w", err)
	}
	if err := r.Add(k); err != nil {
		k.Destroy()
		return 0, fmt.Errorf("rotate: %w", err)
	}
	return k.ID(), r.SetCurrent(k.ID())
}

// Remove retires key id once no value is encrypted under it any more (after
// a complete rotation) and destroys it. The current key cannot be removed.
func (r *Keyring) Remove(id uint16) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := r.keys[id]
	switch {
	case k == nil:
		return fmt.Errorf("remove key: %w", unknownKey(id))
	case id == r.current:
		return fmt.Errorf("remove key: key %d is the current key", id)
	}
	delete(r.keys, id)
	k.Destroy()
	return nil
}

// Close destroys every key (see Key.Destroy). Afterwards the keyring holds no
// key and Encrypt and Decrypt fail with ErrNoKey.
func (r *Keyring) Close() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range r.keys {
		k.Destroy()
	}
	r.keys, r.current = nil, 0
}

// live returns key id if it is usable. The caller holds r.mu.
func (r *Keyring) live(id uint16) *Key {
	if k := r.keys[id]; k != nil && k.m != nil {
		return k
	}
	return nil
}

// Encrypt encrypts plaintext for cell c under the current key and returns
// printable ASCII of EncodedLen(len(plaintext)) characters, usable as an S3
// metadata value. Each call draws a fresh random nonce.
func (r *Keyring) Encrypt(plaintext []byte, c Cell) (string, error) {
	if r == nil {
		return "", c.err("encrypt", ErrNoKey)
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.encrypt(plaintext, &c, "encrypt")
}

func (r *Keyring) encrypt(plaintext []byte, c *Cell, op string) (string, error) {
	k := r.live(r.current)
	switch {
	case k == nil:
		return "", c.err(op, ErrNoKey)
	case c.Table == "" || c.Field == "":
		return "", c.err(op, errors.New("cell needs a table and a field"))
	}
	return k.seal(plaintext, purposeValue, c.Table, c.Field, c.Key), nil
}

// Decrypt returns the plaintext of a ciphertext Encrypt made for the same
// cell (Table, Field and Key), under any key of the keyring. It fails with
// an *Error wrapping ErrMalformed, ErrUnknownKey, ErrAuth or ErrNoKey, and
// then returns nil: never unauthenticated bytes, never the ciphertext.
func (r *Keyring) Decrypt(ciphertext string, c Cell) ([]byte, error) {
	if r == nil {
		return nil, c.err("decrypt", ErrNoKey)
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.decrypt(ciphertext, &c, "decrypt")
}

func (r *Keyring) decrypt(ciphertext string, c *Cell, op string) ([]byte, error) {
	if len(r.keys) == 0 {
		return nil, c.err(op, ErrNoKey)
	}
	id, raw, err := parse(ciphertext)
	if err != nil {
		return nil, c.err(op, err)
	}
	k := r.live(id)
	if k == nil {
		return nil, c.err(op, unknownKey(id))
	}
	pt, err := k.open(raw, purposeValue, c.Table, c.Field, c.Key)
	if err != nil {
		return nil, c.err(op, err)
	}
	return pt, nil
}

// NeedsRotation reports whether ciphertext is under a key other than the
// current one. It reads only the header; it is false for a value that is
// not a ciphertext (Decrypt reports those) and on a nil keyring.
func (r *Keyring) NeedsRotation(ciphertext string) bool {
	id, err := KeyID(ciphertext)
	cur := r.Current()
	return err == nil && cur != 0 && id != cur
}

// Reencrypt decrypts a ciphertext made for cell from, under any key, and
// encrypts its plaintext for cell to under the current key; the plaintext
// never leaves this package and is zeroed. Rotation passes the same cell
// twice; a changed primary key or a renamed table passes the old and the
// new cell.
func (r *Keyring) Reencrypt(ciphertext string, from, to Cell) (string, error) {
	if r == nil {
		return "", from.err("re-encrypt", ErrNoKey)
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	pt, err := r.decrypt(ciphertext, &from, "re-encrypt")
	if err != nil {
		return "", err
	}
	defer clear(pt)
	return r.encrypt(pt, &to, "re-encrypt")
}

// String lists the key ids; it never shows key material.
func (r *Keyring) String() string {
	if r == nil {
		return "crypto.Keyring(nil)"
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return fmt.Sprintf("crypto.Keyring(current %d, keys %v, redacted)", r.current, slices.Sorted(maps.Keys(r.keys)))
}

// GoString redacts like String.
func (r *Keyring) GoString() string { return r.String() }

// Format redacts like String, for every verb.
func (r *Keyring) Format(f fmt.State, _ rune) { io.WriteString(f, r.String()) }
