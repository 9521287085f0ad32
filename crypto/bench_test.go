package crypto

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"testing"

	"golang.org/x/crypto/pbkdf2"
)

var value32 = []byte("4111 1111 1111 1111 / 12-29 737.") // 32 bytes

func benchRing(b *testing.B) *Keyring {
	k, err := NewKey(context.Background(), 1, Passphrase(pass1), DefaultKDF)
	if err != nil {
		b.Fatal(err)
	}
	return mustRing(b, k)
}

func BenchmarkEncrypt32(b *testing.B) {
	r := benchRing(b)
	b.SetBytes(int64(len(value32)))
	for b.Loop() {
		if _, err := r.Encrypt(value32, card); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecrypt32(b *testing.B) {
	r := benchRing(b)
	ct := encrypt(b, r, string(value32), card)
	b.SetBytes(int64(len(value32)))
	for b.Loop() {
		if _, err := r.Decrypt(ct, card); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenKey is the once-per-database cost: argon2id with DefaultKDF
// and the key check.
func BenchmarkOpenKey(b *testing.B) {
	rec := benchRing(b).keys[1].Record()
	for b.Loop() {
		k, err := OpenKey(context.Background(), rec, Passphrase(pass1))
		if err != nil {
			b.Fatal(err)
		}
		k.Destroy()
	}
}

// BenchmarkPBKDF2PerValue32 is what s3db.js pays for every value it
// encrypts (and again for every decrypt): PBKDF2-HMAC-SHA256 with 100,000
// iterations under a fresh 16-byte salt, then AES-256-GCM.
func BenchmarkPBKDF2PerValue32(b *testing.B) {
	salt, nonce := make([]byte, 16), make([]byte, 12)
	for b.Loop() {
		rand.Read(salt)
		rand.Read(nonce)
		key := pbkdf2.Key([]byte(pass1), salt, 100_000, 32, sha256.New)
		block, err := aes.NewCipher(key)
		if err != nil {
			b.Fatal(err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			b.Fatal(err)
		}
		aead.Seal(nil, nonce, value32, nil)
	}
}
