package crypto

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
)

// testKDF keeps tests fast; the parameters are stored with the key, so any
// valid setting round-trips.
var testKDF = KDFParams{Name: KDFArgon2id, Time: 1, MemoryKiB: 64, Threads: 1}

const pass1, pass2 = "correct horse battery staple", "hunter2-but-longer"

var card = Cell{Table: "users", Field: "3", Key: "u1", Column: "card", KeyColumn: "id"}

func testKey(t testing.TB, id uint16, pass string) *Key {
	t.Helper()
	k, err := NewKey(context.Background(), id, Passphrase(pass), testKDF)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newRing(t testing.TB) *Keyring {
	t.Helper()
	r, err := NewKeyring(testKey(t, 1, pass1))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func encrypt(t testing.TB, r *Keyring, pt string, c Cell) string {
	t.Helper()
	ct, err := r.Encrypt([]byte(pt), c)
	if err != nil {
		t.Fatal(err)
	}
	return ct
}

func TestRoundTrip(t *testing.T) {
	r := newRing(t)
	large := make([]byte, 1<<20)
	for i := range large {
		large[i] = byte(rand.N(256))
	}
	for _, tc := range []struct {
		name string
		pt   []byte
	}{
		{"empty", []byte{}},
		{"ascii", []byte("4111 1111 1111 1111")},
		{"utf-8", []byte("pässwörd ✓ 日本語 🔑")},
		{"binary", []byte{0, 1, 2, 0xff, 0xfe, '\n'}},
		{"large 1 MB", large},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct, err := r.Encrypt(tc.pt, card)
			if err != nil {
				t.Fatal(err)
			}
			if len(ct) != EncodedLen(len(tc.pt)) {
				t.Errorf("len %d, EncodedLen says %d", len(ct), EncodedLen(len(tc.pt)))
			}
			got, err := r.Decrypt(ct, card)
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || !bytes.Equal(got, tc.pt) {
				t.Errorf("got %d bytes, want %d", len(got), len(tc.pt))
			}
		})
	}
}

func TestEncodedLen(t *testing.T) {
	for n, want := range map[int]int{0: 42, 1: 43, 32: 84, 100: 175} {
		if got := EncodedLen(n); got != want {
			t.Errorf("EncodedLen(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestWrongPassphrase(t *testing.T) {
	ctx := context.Background()
	k := testKey(t, 1, pass1)
	rec := k.Record()
	for _, tc := range []struct {
		name string
		rec  func() KeyRecord
		pass string
	}{
		{"other passphrase", func() KeyRecord { return rec }, pass2},
		{"one character off", func() KeyRecord { return rec }, pass1 + "."},
		{"salt changed", func() KeyRecord { r := rec.clone(); r.Salt[0] ^= 1; return r }, pass1},
		{"kdf changed", func() KeyRecord { r := rec.clone(); r.KDF.Time++; return r }, pass1},
		{"check changed", func() KeyRecord { r := rec.clone(); r.Check[31] ^= 1; return r }, pass1},
		{"id changed", func() KeyRecord { r := rec.clone(); r.ID = 2; return r }, pass1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := tc.rec()
			_, err := OpenKey(ctx, rec, Passphrase(tc.pass))
			if !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("OpenKey: %v, want ErrWrongPassphrase", err)
			}
			if want := fmt.Sprintf("wrong passphrase for key %d", rec.ID); err.Error() != want {
				t.Errorf("error %q, want %q", err, want)
			}
			if _, err := Open(ctx, []KeyRecord{rec}, Passphrase(tc.pass)); !errors.Is(err, ErrWrongPassphrase) {
				t.Errorf("Open: %v, want ErrWrongPassphrase", err)
			}
		})
	}
	got, err := OpenKey(ctx, rec, Passphrase(pass1))
	if err != nil {
		t.Fatal(err)
	}
	if got.m().raw != k.m().raw {
		t.Error("the right passphrase derived another key")
	}
}

func TestNoPassphrase(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		kp   KeyProvider
		env  *string
		msg  string
	}{
		{"nil provider", nil, nil, "no passphrase: no key provider"},
		{"empty string", Passphrase(""), nil, "no passphrase: the passphrase is empty"},
		{"env unset", EnvPassphrase(), nil, "no passphrase: S3DB_PASSPHRASE is not set"},
		{"env empty", EnvPassphrase(), new(""), "no passphrase: S3DB_PASSPHRASE is empty"},
		{"func empty", ProviderFunc(func(context.Context) ([]byte, error) { return nil, nil }), nil, "no passphrase: the passphrase is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.env != nil {
				t.Setenv(EnvVar, *tc.env)
			} else {
				t.Setenv(EnvVar, "x") // restored after the test
				t.Setenv(EnvVar, "")
				unsetenv(t)
			}
			_, err := NewKey(ctx, 1, tc.kp, testKDF)
			if !errors.Is(err, ErrNoKey) || err.Error() != tc.msg {
				t.Errorf("NewKey: %v, want %q", err, tc.msg)
			}
			_, err = Open(ctx, []KeyRecord{testKey(t, 1, pass1).Record()}, tc.kp)
			if !errors.Is(err, ErrNoKey) {
				t.Errorf("Open: %v, want ErrNoKey", err)
			}
		})
	}
	t.Run("env set", func(t *testing.T) {
		t.Setenv(EnvVar, pass1)
		rec := testKey(t, 1, pass1).Record()
		if _, err := OpenKey(ctx, rec, EnvPassphrase()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("provider error", func(t *testing.T) {
		boom := errors.New("vault unreachable")
		_, err := NewKey(ctx, 1, ProviderFunc(func(context.Context) ([]byte, error) { return nil, boom }), testKDF)
		if !errors.Is(err, boom) || err.Error() != "get passphrase: vault unreachable" {
			t.Errorf("got %v", err)
		}
	})
	t.Run("nil keyring", func(t *testing.T) {
		var r *Keyring
		_, err := r.Encrypt([]byte("x"), card)
		if !errors.Is(err, ErrNoKey) || err.Error() != "encrypt users.card (id 'u1'): no passphrase" {
			t.Errorf("Encrypt: %v", err)
		}
		ct := encrypt(t, newRing(t), "x", card)
		pt, err := r.Decrypt(ct, card)
		if !errors.Is(err, ErrNoKey) || pt != nil || err.Error() != "decrypt users.card (id 'u1'): no passphrase" {
			t.Errorf("Decrypt: %q, %v", pt, err)
		}
		if r.NeedsRotation(ct) || r.Current() != 0 {
			t.Error("a nil keyring has no current key")
		}
	})
	t.Run("closed keyring", func(t *testing.T) {
		r := newRing(t)
		ct := encrypt(t, r, "x", card)
		r.Close()
		if _, err := r.Encrypt([]byte("x"), card); !errors.Is(err, ErrNoKey) {
			t.Errorf("Encrypt: %v", err)
		}
		if _, err := r.Decrypt(ct, card); !errors.Is(err, ErrNoKey) {
			t.Errorf("Decrypt: %v", err)
		}
	})
}

// unsetenv removes EnvVar for the rest of the test (t.Setenv restores it).
func unsetenv(t *testing.T) {
	t.Helper()
	if err := os.Unsetenv(EnvVar); err != nil {
		t.Fatal(err)
	}
}

// allowed reports whether err is an acceptable failure of a damaged ciphertext.
func allowed(err error, sentinels ...error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func TestBitFlips(t *testing.T) {
	r := newRing(t)
	ct := encrypt(t, r, "4111", card)
	raw, err := b64.DecodeString(ct)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("decoded bytes", func(t *testing.T) {
		for i := range len(raw) * 8 {
			b := bytes.Clone(raw)
			b[i/8] ^= 1 << (i % 8)
			want := []error{ErrAuth, ErrMalformed}
			if i/8 == 1 || i/8 == 2 { // the key id: another id
				want = append(want, ErrUnknownKey)
			}
			pt, err := r.Decrypt(b64.EncodeToString(b), card)
			if pt != nil || !allowed(err, want...) {
				t.Fatalf("bit %d (byte %d): %q, %v", i%8, i/8, pt, err)
			}
		}
	})
	t.Run("encoded text", func(t *testing.T) {
		for i := range len(ct) * 8 {
			b := []byte(ct)
			b[i/8] ^= 1 << (i % 8)
			pt, err := r.Decrypt(string(b), card)
			if pt != nil || !allowed(err, ErrAuth, ErrMalformed, ErrUnknownKey) {
				t.Fatalf("bit %d of character %d: %q, %v", i%8, i/8, pt, err)
			}
		}
	})
}

func TestMoved(t *testing.T) {
	r := newRing(t)
	ct := encrypt(t, r, "4111", card)
	for _, tc := range []struct {
		name string
		to   Cell
	}{
		{"another row", Cell{Table: "users", Field: "3", Key: "u2"}},
		{"another column", Cell{Table: "users", Field: "4", Key: "u1"}},
		{"another table", Cell{Table: "admins", Field: "3", Key: "u1"}},
		{"key case", Cell{Table: "users", Field: "3", Key: "U1"}},
		{"empty key", Cell{Table: "users", Field: "3", Key: ""}},
		{"fields shifted", Cell{Table: "users3", Field: "u", Key: "1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pt, err := r.Decrypt(ct, tc.to)
			if pt != nil || !errors.Is(err, ErrAuth) {
				t.Fatalf("got %q, %v; want ErrAuth", pt, err)
			}
		})
	}
	t.Run("labels are not bound", func(t *testing.T) {
		if _, err := r.Decrypt(ct, Cell{Table: "users", Field: "3", Key: "u1", Column: "renamed"}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("message", func(t *testing.T) {
		_, err := r.Decrypt(ct, Cell{Table: "users", Field: "3", Key: "u'2", Column: "card", KeyColumn: "id"})
		const want = `decrypt users.card (id 'u\'2'): ciphertext does not authenticate: tampered, truncated, or moved from another row`
		if err == nil || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
		var e *Error
		if !errors.As(err, &e) || e.Table != "users" || e.Column != "card" || e.Key != "u'2" {
			t.Errorf("errors.As: %#v", e)
		}
	})
	t.Run("cell required", func(t *testing.T) {
		for _, c := range []Cell{{Field: "3"}, {Table: "users"}} {
			if _, err := r.Encrypt([]byte("x"), c); err == nil {
				t.Errorf("Encrypt with %+v: no error", c)
			}
		}
	})
}

func TestTruncatedAndExtended(t *testing.T) {
	r := newRing(t)
	ct := encrypt(t, r, "4111 1111 1111 1111", card)
	for n := range len(ct) {
		for _, s := range []string{ct[:n], ct[len(ct)-n:]} {
			pt, err := r.Decrypt(s, card)
			if pt != nil || !allowed(err, ErrAuth, ErrMalformed, ErrUnknownKey) {
				t.Fatalf("%d of %d characters: %q, %v", n, len(ct), pt, err)
			}
		}
	}
	for _, s := range []string{ct + "A", ct + "AA", ct + "AAAA", ct + "=", ct + "\n", " " + ct, "AQAB" + ct[4:] + ct[4:]} {
		if pt, err := r.Decrypt(s, card); pt != nil || !allowed(err, ErrAuth, ErrMalformed) {
			t.Fatalf("extended: %q, %v", pt, err)
		}
	}
}

func TestMalformed(t *testing.T) {
	r := newRing(t)
	ct := encrypt(t, r, "x", card)
	raw, _ := b64.DecodeString(ct)
	with := func(i int, v byte) string { b := bytes.Clone(raw); b[i] = v; return b64.EncodeToString(b) }
	for _, tc := range []struct{ name, in, msg string }{
		{"empty", "", "not a ciphertext: too short (0 characters, at least 42)"},
		{"plaintext", "4111 1111 1111 1111", "not a ciphertext: too short (19 characters, at least 42)"},
		{"standard base64", ct[:10] + "+" + ct[11:], "not a ciphertext: invalid character at offset 10"},
		{"space", strings.Repeat("A", 50) + " ", "not a ciphertext: invalid character at offset 50"},
		{"bad length", ct + "AA", "not a ciphertext: bad base64"},
		{"version 0", with(0, 0), "not a ciphertext: unknown format version 0"},
		{"version 2", with(0, 2), "not a ciphertext: unknown format version 2"},
		{"key id 0", with(2, 0), "not a ciphertext: key id 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pt, err := r.Decrypt(tc.in, card)
			if pt != nil || !errors.Is(err, ErrMalformed) || err.Error() != "decrypt users.card (id 'u1'): "+tc.msg {
				t.Errorf("got %q, %v", pt, err)
			}
			if _, err := KeyID(tc.in); err == nil && tc.name != "bad length" {
				t.Error("KeyID accepted it")
			}
			if r.NeedsRotation(tc.in) {
				t.Error("NeedsRotation is true")
			}
		})
	}
}

func TestUnknownKey(t *testing.T) {
	other, err := NewKeyring(testKey(t, 7, pass1))
	if err != nil {
		t.Fatal(err)
	}
	ct := encrypt(t, other, "x", card)
	if id, err := KeyID(ct); id != 7 || err != nil {
		t.Fatalf("KeyID = %d, %v", id, err)
	}
	pt, err := newRing(t).Decrypt(ct, card)
	const want = "decrypt users.card (id 'u1'): unknown key 7: the value was encrypted under a key this keyring does not hold"
	if pt != nil || !errors.Is(err, ErrUnknownKey) || err.Error() != want {
		t.Errorf("got %q, %v", pt, err)
	}
	// Same id, another passphrase: the id matches but the key does not.
	if _, err := newRing(t).Decrypt(encrypt(t, mustRing(t, testKey(t, 1, pass2)), "x", card), card); !errors.Is(err, ErrAuth) {
		t.Errorf("same id, other key: %v", err)
	}
}

func mustRing(t testing.TB, current *Key, older ...*Key) *Keyring {
	t.Helper()
	r, err := NewKeyring(current, older...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRotation(t *testing.T) {
	ctx := context.Background()
	r := newRing(t)
	old := encrypt(t, r, "4111", card)

	id, err := r.Rotate(ctx, Passphrase(pass2), testKDF)
	if err != nil || id != 2 || r.Current() != 2 {
		t.Fatalf("Rotate = %d, %v; current %d", id, err, r.Current())
	}
	if pt, err := r.Decrypt(old, card); err != nil || string(pt) != "4111" {
		t.Fatalf("old value after rotation: %q, %v", pt, err)
	}
	if !r.NeedsRotation(old) {
		t.Error("NeedsRotation(old) = false")
	}
	renc, err := r.Reencrypt(old, card, card)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := KeyID(renc); id != 2 || r.NeedsRotation(renc) {
		t.Errorf("re-encrypted under key %d, NeedsRotation %v", id, r.NeedsRotation(renc))
	}
	if !strings.HasPrefix(renc, "AQAC") || !strings.HasPrefix(old, "AQAB") {
		t.Errorf("prefixes %.4s, %.4s", old, renc)
	}
	if pt, err := r.Decrypt(renc, card); err != nil || string(pt) != "4111" {
		t.Fatalf("re-encrypted value: %q, %v", pt, err)
	}
	if fresh := encrypt(t, r, "x", card); r.NeedsRotation(fresh) {
		t.Error("a new value needs rotation")
	}

	// The catalog: a client with only the new passphrase reads both keys.
	recs, err := r.Records()
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(recs)
	if err != nil {
		t.Fatal(err)
	}
	var stored []KeyRecord
	if err := json.Unmarshal(js, &stored); err != nil {
		t.Fatal(err)
	}
	if len(stored) != 2 || stored[0].Wrapped == "" || stored[1].Wrapped != "" {
		t.Fatalf("records: %s", js)
	}
	r2, err := Open(ctx, stored, Passphrase(pass2))
	if err != nil {
		t.Fatal(err)
	}
	if pt, err := r2.Decrypt(old, card); err != nil || string(pt) != "4111" {
		t.Fatalf("old value after reopening: %q, %v", pt, err)
	}
	if _, err := Open(ctx, stored, Passphrase(pass1)); !errors.Is(err, ErrWrongPassphrase) || err.Error() != "wrong passphrase for key 2" {
		t.Errorf("old passphrase after rotation: %v", err)
	}
	// A wrapped key is not a value: domain separation by the AAD purpose.
	for _, c := range []Cell{card, {Table: "users", Field: "x", Key: idField(1)}} {
		if _, err := r2.Decrypt(stored[0].Wrapped, c); !errors.Is(err, ErrAuth) {
			t.Errorf("a wrapped key decrypted as a value: %v", err)
		}
	}

	// A changed primary key: re-encrypt for the new cell.
	moved := card
	moved.Key = "u9"
	mv, err := r2.Reencrypt(old, card, moved)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r2.Decrypt(mv, card); !errors.Is(err, ErrAuth) {
		t.Errorf("old cell: %v", err)
	}
	if pt, err := r2.Decrypt(mv, moved); err != nil || string(pt) != "4111" {
		t.Errorf("new cell: %q, %v", pt, err)
	}

	// Retire key 1 when the scan is done.
	if err := r2.Remove(2); err == nil {
		t.Error("removed the current key")
	}
	if err := r2.Remove(1); err != nil {
		t.Fatal(err)
	}
	if _, err := r2.Decrypt(old, card); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("after Remove(1): %v", err)
	}
	if _, err := r2.Reencrypt(old, card, card); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("Reencrypt after Remove(1): %v", err)
	}
	if recs, _ := r2.Records(); len(recs) != 1 || recs[0].ID != 2 {
		t.Errorf("records after Remove: %+v", recs)
	}
	if err := r2.SetCurrent(1); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("SetCurrent(1): %v", err)
	}
	if err := r2.Add(testKey(t, 2, pass1)); err == nil {
		t.Error("added a second key 2")
	}
}

func TestRotationRollback(t *testing.T) {
	ctx := context.Background()
	r := newRing(t)
	ct := encrypt(t, r, "x", card)
	if _, err := r.Rotate(ctx, Passphrase(pass2), testKDF); err != nil {
		t.Fatal(err)
	}
	if err := r.SetCurrent(1); err != nil {
		t.Fatal(err)
	}
	recs, err := r.Records()
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Open(ctx, recs, Passphrase(pass1))
	if err != nil {
		t.Fatal(err)
	}
	if r2.Current() != 1 || r2.NeedsRotation(ct) {
		t.Errorf("current %d", r2.Current())
	}
	if id, err := r2.Rotate(ctx, Passphrase(pass2), testKDF); id != 3 || err != nil {
		t.Errorf("next rotation: key %d, %v (ids are never reused)", id, err)
	}
}

func TestOpenRecords(t *testing.T) {
	ctx := context.Background()
	k1, k2 := testKey(t, 1, pass1), testKey(t, 2, pass2)
	recs, err := mustRing(t, k2, k1).Records()
	if err != nil {
		t.Fatal(err)
	}
	other, err := mustRing(t, testKey(t, 3, pass2), k1).Records()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		recs []KeyRecord
		msg  string
	}{
		{"none", nil, "open keyring: no current key record"},
		{"no current", recs[:1], "open keyring: no current key record"},
		{"two current", []KeyRecord{k1.Record(), k2.Record()}, "open keyring: keys 1 and 2 are both current (not wrapped)"},
		{"duplicate", []KeyRecord{recs[1], recs[1]}, "open keyring: two records for key 2"},
		{"wrapped under another key", []KeyRecord{other[0], recs[1]}, "open keyring: unwrap key 1: wrapped under key 3, not under the current key 2"},
		{"wrap moved to another id", []KeyRecord{func() KeyRecord { r := k1.Record(); r.ID = 5; r.Wrapped = recs[0].Wrapped; return r }(), recs[1]},
			"open keyring: unwrap key 5: ciphertext does not authenticate: tampered, truncated, or moved from another row"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(ctx, tc.recs, Passphrase(pass2))
			if err == nil || err.Error() != tc.msg {
				t.Errorf("got %v\nwant %s", err, tc.msg)
			}
		})
	}
}

func TestRotationChain(t *testing.T) {
	ctx := context.Background()
	r := newRing(t)
	var cts []string
	for i := range 4 {
		cts = append(cts, encrypt(t, r, fmt.Sprint(i), card))
		if _, err := r.Rotate(ctx, Passphrase(fmt.Sprint("pass", i)), testKDF); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := r.Records()
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Open(ctx, recs, Passphrase("pass3"))
	if err != nil {
		t.Fatal(err)
	}
	for i, ct := range cts {
		if pt, err := r2.Decrypt(ct, card); err != nil || string(pt) != fmt.Sprint(i) {
			t.Errorf("value %d: %q, %v", i, pt, err)
		}
	}
}

func TestNonceUnique(t *testing.T) {
	r := newRing(t)
	const n = 20000
	nonces := make(map[string]bool, n)
	for range n {
		raw, _ := b64.DecodeString(encrypt(t, r, "same", card))
		nonce := string(raw[headerSize : headerSize+nonceSize])
		if nonces[nonce] {
			t.Fatal("nonce reused")
		}
		nonces[nonce] = true
	}
}

func TestPrintable(t *testing.T) {
	r := newRing(t)
	for i := range 1000 {
		pt := make([]byte, i)
		for j := range pt {
			pt[j] = byte(rand.N(256))
		}
		ct, err := r.Encrypt(pt, card)
		if err != nil {
			t.Fatal(err)
		}
		if checkText(ct) != nil || !strings.HasPrefix(ct, "AQAB") {
			t.Fatalf("not printable base64url with the key-1 prefix: %q", ct)
		}
	}
}

func TestKeyRecordValidation(t *testing.T) {
	ctx := context.Background()
	good := testKey(t, 1, pass1).Record()
	for _, tc := range []struct {
		name string
		edit func(*KeyRecord)
		msg  string
	}{
		{"id 0", func(r *KeyRecord) { r.ID = 0 }, "key id 0 is reserved"},
		{"short salt", func(r *KeyRecord) { r.Salt = r.Salt[:8] }, "key 1: salt of 8 bytes (want 16 to 64)"},
		{"short check", func(r *KeyRecord) { r.Check = r.Check[:16] }, "key 1: key check of 16 bytes (want 32)"},
		{"scrypt", func(r *KeyRecord) { r.KDF.Name = "scrypt" }, `key 1: unsupported kdf "scrypt" (want "argon2id")`},
		{"time 0", func(r *KeyRecord) { r.KDF.Time = 0 }, "key 1: argon2id time 0 out of range [1, 64]"},
		{"4 GiB", func(r *KeyRecord) { r.KDF.MemoryKiB = 4 << 20 }, "key 1: argon2id memory 4194304 KiB out of range [8, 1048576]"},
		{"threads 0", func(r *KeyRecord) { r.KDF.Threads = 0 }, "key 1: argon2id threads must be at least 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := good.clone()
			tc.edit(&rec)
			_, err := OpenKey(ctx, rec, Passphrase(pass1))
			if err == nil || err.Error() != "open key: "+tc.msg {
				t.Errorf("got %v, want %q", err, "open key: "+tc.msg)
			}
		})
	}
	if _, err := Open(ctx, []KeyRecord{good, good}, Passphrase(pass1)); err == nil {
		t.Error("Open accepted two records for key 1")
	}
	if _, err := Open(ctx, nil, Passphrase(pass1)); err == nil {
		t.Error("Open accepted no records")
	}
	k, err := NewKey(ctx, 1, Passphrase(pass1), KDFParams{})
	if err != nil || k.Record().KDF != DefaultKDF {
		t.Errorf("zero KDFParams: %v, %+v", err, k.Record().KDF)
	}
}

func TestRedaction(t *testing.T) {
	k := testKey(t, 1, pass1)
	r := mustRing(t, k)
	kp := Passphrase(pass1)
	type holder struct { // unexported fields: fmt prints them by reflection
		key     *Key
		keyVal  Key
		ring    *Keyring
		kp      KeyProvider
		Exposed KeyProvider
		Key     *Key
	}
	h := holder{key: k, keyVal: *k, ring: r, kp: kp, Exposed: kp, Key: k}
	raw := k.m().raw[:]
	secrets := []string{pass1, string(raw), fmt.Sprint(raw), fmt.Sprintf("%x", raw), fmt.Sprintf("%X", raw), fmt.Sprintf("%q", raw),
		base64.StdEncoding.EncodeToString(raw), fmt.Sprint(raw[:8])[1:20]}
	for _, v := range []any{k, *k, r, kp, h, &h, []any{k, r, kp}, map[string]any{"k": k}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
			out := fmt.Sprintf(verb, v)
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("%s of %T shows a secret: %s", verb, v, out)
				}
			}
		}
	}
	if got := fmt.Sprint(k, " ", r, " ", kp); got != "crypto.Key(id 1, redacted) crypto.Keyring(current 1, keys [1], redacted) crypto.Passphrase(redacted)" {
		t.Errorf("got %s", got)
	}
}

func TestErrorsShowNoSecrets(t *testing.T) {
	ctx := context.Background()
	r := newRing(t)
	const pt = "4111-1111-1111-1111"
	ct := encrypt(t, r, pt, card)
	var errs []error
	_, err := OpenKey(ctx, r.keys[1].Record(), Passphrase(pass2))
	errs = append(errs, err)
	for _, c := range []Cell{{Table: "users", Field: "3", Key: "u2"}, {Table: "t", Field: "f"}} {
		_, err := r.Decrypt(ct, c)
		errs = append(errs, err)
	}
	_, err = r.Decrypt(ct[:50], card)
	errs = append(errs, err)
	_, err = r.Decrypt(strings.Repeat("é", 30), card)
	errs = append(errs, err)
	for _, err := range errs {
		if err == nil {
			t.Fatal("no error")
		}
		for _, s := range []string{pass1, pass2, pt, ct[:8], ct[len(ct)-8:]} {
			if strings.Contains(err.Error(), s) || strings.Contains(fmt.Sprintf("%+v", err), s) {
				t.Errorf("error %q contains %q", err, s)
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	r := newRing(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			c := card
			c.Key = fmt.Sprint(g)
			for i := range 200 {
				pt := fmt.Sprint(g, "/", i)
				ct, err := r.Encrypt([]byte(pt), c)
				if err != nil {
					t.Error(err)
					return
				}
				if got, err := r.Decrypt(ct, c); err != nil || string(got) != pt {
					t.Errorf("%q, %v", got, err)
					return
				}
				if r.NeedsRotation(ct) {
					if _, err := r.Reencrypt(ct, c, c); err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	for i := range 3 {
		if _, err := r.Rotate(ctx, Passphrase(fmt.Sprint(i)), testKDF); err != nil {
			t.Error(err)
		}
		if _, err := r.Records(); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
}
