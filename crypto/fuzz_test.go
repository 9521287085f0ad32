package crypto

import (
	"context"
	"testing"
)

// FuzzDecrypt feeds arbitrary strings to Decrypt: it must never panic, and
// it may succeed only on a ciphertext Encrypt really made for that cell,
// returning exactly its plaintext.
func FuzzDecrypt(f *testing.F) {
	k1, err := NewKey(context.Background(), 1, Passphrase(pass1), testKDF)
	if err != nil {
		f.Fatal(err)
	}
	k2, err := NewKey(context.Background(), 2, Passphrase(pass2), testKDF)
	if err != nil {
		f.Fatal(err)
	}
	r := mustRing(f, k2, k1)
	old := mustRing(f, k1)
	real := map[string]string{} // ciphertext -> plaintext
	for _, pt := range []string{"", "x", "4111 1111 1111 1111", "pässwörd"} {
		for _, kr := range []*Keyring{r, old} {
			ct := encrypt(f, kr, pt, card)
			real[ct] = pt
			f.Add(ct)
			f.Add(ct[:len(ct)-1])
			f.Add(ct + "A")
		}
	}
	recs, err := r.Records()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(recs[0].Wrapped) // a wrapped key is never a value
	for _, s := range []string{"", "AQAB", "4111", "not a ciphertext at all, but long enough to pass", "AQAA" + string(make([]byte, 60))} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pt, err := r.Decrypt(s, card)
		want, ok := real[s]
		switch {
		case err == nil && !ok:
			t.Fatalf("Decrypt accepted a string Encrypt never made: %q -> %q", s, pt)
		case err == nil && string(pt) != want:
			t.Fatalf("Decrypt(%q) = %q, want %q", s, pt, want)
		case err != nil && pt != nil:
			t.Fatalf("Decrypt returned bytes with an error: %v", err)
		case err != nil && !allowed(err, ErrAuth, ErrMalformed, ErrUnknownKey):
			t.Fatalf("unexpected error: %v", err)
		}
		r.NeedsRotation(s)
		KeyID(s)
	})
}
