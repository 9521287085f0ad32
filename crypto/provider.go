package crypto

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// EnvVar is the environment variable EnvPassphrase reads.
const EnvVar = "S3DB_PASSPHRASE"

// KeyProvider supplies a database's passphrase. There is no default: a
// missing or empty passphrase is an error wrapping ErrNoKey.
type KeyProvider interface {
	// Passphrase returns the passphrase in a new slice, which the caller
	// zeroes after use. It is called once per key derivation (on open and
	// on rotation), never per value.
	Passphrase(ctx context.Context) ([]byte, error)
}

// ProviderFunc adapts a function (reading a secrets manager, a file, a
// prompt) to KeyProvider.
type ProviderFunc func(ctx context.Context) ([]byte, error)

// Passphrase calls f.
func (f ProviderFunc) Passphrase(ctx context.Context) ([]byte, error) { return f(ctx) }

// Passphrase returns a KeyProvider for a fixed passphrase, such as the DSN's
// passphrase= parameter. The provider formats as "crypto.Passphrase(redacted)".
func Passphrase(s string) KeyProvider {
	p := []byte(s)
	return &staticProvider{p: func() []byte { return p }}
}

// staticProvider hides the passphrase in a closure from fmt's reflection
// (see Key.m).
type staticProvider struct{ p func() []byte }

func (s *staticProvider) Passphrase(context.Context) ([]byte, error) {
	if len(s.p()) == 0 {
		return nil, fmt.Errorf("%w: the passphrase is empty", ErrNoKey)
	}
	return append([]byte(nil), s.p()...), nil
}

func (s *staticProvider) String() string { return "crypto.Passphrase(redacted)" }

// GoString redacts like String.
func (s *staticProvider) GoString() string { return s.String() }

// Format redacts like String, for every verb.
func (s *staticProvider) Format(f fmt.State, _ rune) { io.WriteString(f, s.String()) }

// EnvPassphrase returns a KeyProvider that reads S3DB_PASSPHRASE each time it
// is asked.
func EnvPassphrase() KeyProvider { return envProvider{} }

type envProvider struct{}

func (envProvider) Passphrase(context.Context) ([]byte, error) {
	v, ok := os.LookupEnv(EnvVar)
	switch {
	case !ok:
		return nil, fmt.Errorf("%w: %s is not set", ErrNoKey, EnvVar)
	case v == "":
		return nil, fmt.Errorf("%w: %s is empty", ErrNoKey, EnvVar)
	}
	return []byte(v), nil
}

func (envProvider) String() string { return "crypto.EnvPassphrase(" + EnvVar + ")" }

// passphrase asks kp for the passphrase and rejects an empty one.
func passphrase(ctx context.Context, kp KeyProvider) ([]byte, error) {
	if kp == nil {
		return nil, fmt.Errorf("%w: no key provider", ErrNoKey)
	}
	p, err := kp.Passphrase(ctx)
	if err != nil {
		clear(p)
		if errors.Is(err, ErrNoKey) {
			return nil, err
		}
		return nil, fmt.Errorf("get passphrase: %w", err)
	}
	if len(p) == 0 {
		return nil, fmt.Errorf("%w: the passphrase is empty", ErrNoKey)
	}
	return p, nil
}
