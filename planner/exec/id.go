package exec

import "crypto/rand"

const idAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"

// newID returns a random id of n characters over [0-9A-Za-z_-] (nanoid-like:
// 22 characters carry 132 bits of randomness).
func newID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = idAlphabet[b[i]&63]
	}
	return string(b)
}
