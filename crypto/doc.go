// Package crypto encrypts the values of SECRET columns: AES-256-GCM per
// value, under a key derived once per database from a passphrase with
// argon2id, bound to the cell it belongs to, failing closed.
//
// It is the answer to s3db.js's secret type, which pays 100,000 PBKDF2
// rounds on every read and write of every value, has a default passphrase,
// binds a ciphertext to nothing, and returns the ciphertext as data when the
// passphrase is wrong. Here the KDF runs once when a database is opened, a
// value costs well under a microsecond, there is no default passphrase, a
// value copied to another row or column does not decrypt, and every failure
// is an error, never bytes.
//
// # Concepts
//
//   - A Key is one AES-256 key, derived from a passphrase by NewKey (fresh
//     salt) or OpenKey (from its KeyRecord, verified by the key check).
//   - A KeyRecord is what the catalog stores about a key: id, KDF name and
//     parameters, salt, key-check value, and for older keys the key wrapped
//     under the current one. It is plain JSON and reveals no key.
//   - A Keyring holds a database's keys by id: the current key encrypts,
//     all of them decrypt. Open builds it from the catalog's records.
//   - A Cell names where a value lives (table, field, primary key); it is
//     the additional authenticated data of the value's ciphertext.
//   - A KeyProvider supplies the passphrase: Passphrase for a string (the
//     DSN's passphrase=), EnvPassphrase for S3DB_PASSPHRASE, ProviderFunc
//     for anything else. There is no default: no or an empty passphrase is
//     ErrNoKey.
//
// # Ciphertext format
//
// A ciphertext is the base64url encoding, without padding (RFC 4648 §5,
// strict: one spelling per byte string), of
//
//	offset  size  field
//	0       1     format version, 0x01
//	1       2     key id, big-endian, 1..65535
//	3       12    nonce, random (crypto/rand) for every value
//	15      n     AES-256-GCM ciphertext of the n-byte plaintext
//	15+n    16    GCM tag
//
// so it is printable ASCII ([A-Za-z0-9_-]) and can be an S3 metadata value
// as is; every value under key 1 starts with "AQAB", under key 2 with
// "AQAC". The overhead is Overhead = 31 bytes before base64, and the text is
// EncodedLen(n) = ceil(4(n+31)/3) characters: 42 for an empty value, 84 for
// 32 bytes (s3db.js: 104, for its per-value salt and padded base64).
//
// A random 96-bit nonce stays within NIST SP 800-38D's bound for about 2^32
// values per key; rotating the passphrase starts a new key.
//
// # Key derivation and key check
//
// A key is argon2id(passphrase, salt, t, m, p) with 64 bytes of output, the
// first 32 the AES-256 key, the last 32 a key-check key; the two are
// independent. DefaultKDF is RFC 9106's second recommended setting: t=3
// passes, m=64 MiB, p=4 lanes, about 70 ms on an idle 2-core machine (the
// lanes run in parallel; the result does not depend on the CPU count). It
// runs once per Open and per Rotate, never per value. The parameters and a
// 16-byte random salt are stored in the KeyRecord, so they can be raised
// later for new keys; stored parameters are bounded (t ≤ 64, m ≤ 1 GiB) so
// a hostile catalog cannot exhaust a client's memory.
//
// The key-check value is HMAC-SHA256(check key, "s3db key check v1" ‖ id),
// stored in the record and compared with hmac.Equal (constant time) before
// the key is used: a wrong passphrase fails at open with ErrWrongPassphrase
// ("wrong passphrase for key 1") and never reaches a value. Because salt,
// parameters and id all feed the check, editing any of them in the catalog
// also reads as a wrong passphrase.
//
// # Additional authenticated data
//
// The AAD of a value is
//
//	header (3 bytes) ‖ 'v' ‖ uvarint(len) table ‖ uvarint(len) field ‖ uvarint(len) key
//
// Length prefixes keep it unambiguous ("ab"+"c" is not "a"+"bc"). The
// header binds the format version and key id; Cell.Field should be the
// column's stable field code, so RENAME COLUMN needs no re-encryption, and
// Cell.Key the primary key's canonical text. A value moved to another row,
// column or table, truncated, extended or with any bit flipped fails with
// ErrAuth (or ErrMalformed or ErrUnknownKey when the damage hits the
// encoding or the header). A wrapped key uses purpose 'k' and the wrapped
// key's id instead, so a key can never be decrypted as a value.
//
// # Rotation
//
// Keyring.Rotate derives a key from a new passphrase with the next id and
// makes it current; Records returns the catalog's new records, in which
// every older key is wrapped (AES-GCM, in the ciphertext format) under the
// current key. A client with only the new passphrase therefore reads values
// a rotation has not reached yet. The SQL layer then scans: NeedsRotation
// (header only) finds values under older keys, Reencrypt moves each to the
// current key (the plaintext never leaves this package), and once no value
// is left under a key, Remove retires it and Records drops it. The scan is
// idempotent, hence resumable. Reencrypt with a different target cell also
// serves a changed primary key or a renamed table.
//
// # Errors
//
// Encrypt, Decrypt and Reencrypt return an *Error naming the cell
// ("decrypt users.card (id 'u1'): ciphertext does not authenticate:
// tampered, truncated, or moved from another row"); it wraps ErrAuth,
// ErrMalformed, ErrUnknownKey or ErrNoKey for errors.Is. NewKey, OpenKey,
// Open and Rotate wrap ErrNoKey and ErrWrongPassphrase. No error contains a
// passphrase, key, plaintext or ciphertext, and a failing Decrypt returns nil.
//
// # Handling of secrets
//
// Key, Keyring and the Passphrase provider print as "crypto.Key(id 1,
// redacted)" and the like with every fmt verb, and hold their secrets in
// closures, which fmt's reflection cannot reach even from an unexported
// field of another struct. Passphrases and derived bytes are zeroed after
// use and Key.Destroy / Keyring.Close zero the key bytes. This is best
// effort: Go strings (a passphrase given as a string, the environment) are
// immutable, the garbage collector may have copied memory, the AES key
// schedule inside crypto/aes and argon2's 64 MiB work area are not
// reachable, and decrypted values are handed to the caller.
//
// # Threat model
//
// Protected: the plaintext of SECRET values against anyone who can read the
// bucket (a leaked credential, a public bucket, a backup, a copy): without
// the passphrase they see ciphertext and must brute-force the passphrase
// through argon2id. Someone who can write the bucket cannot forge a value,
// nor move one to another cell, without it being detected.
//
// Not protected: a compromised client or process that holds the passphrase
// or the keyring; a weak passphrase (the salt, parameters and key check in
// the catalog allow an offline guessing attack, slowed only by argon2id);
// metadata: the length of each value (to the byte), which rows have a value
// (NULL is stored as absent), when it changed; the primary key, the other
// columns and the object keys, which are not encrypted; access patterns;
// a writer putting back an older ciphertext of the same cell (a rollback:
// the AAD binds the cell, not the version); and old values kept by bucket
// versioning or backups, which stay readable with the passphrase of their
// time after a rotation. WHERE on a SECRET column decrypts during a scan.
//
// # Performance
//
// On a 2-core Intel Xeon VM (amd64, Go 1.26, AES-NI), 32-byte values, best
// of 5 runs on a shared machine:
//
//	Encrypt                              0.34 µs   4 allocs, every write
//	Decrypt                              0.27 µs   3 allocs, every read
//	OpenKey (argon2id t=3 m=64 MiB p=4)  71 ms     64 MiB, once per open (up to 170 ms under load)
//	s3db.js per value: PBKDF2-SHA256
//	100,000 rounds + AES-256-GCM         16 ms     on every encrypt and every decrypt
//
// so a value costs about 50,000 times less than in s3db.js
// (BenchmarkEncrypt32, BenchmarkDecrypt32, BenchmarkOpenKey,
// BenchmarkPBKDF2PerValue32).
package crypto
