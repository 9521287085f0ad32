package driver_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/s3db-go/s3db/crypto"
	s3db "github.com/s3db-go/s3db/driver"
	"github.com/s3db-go/s3db/storage"
)

// withParam adds a query parameter to a DSN.
func withParam(dsn, kv string) string {
	if strings.Contains(dsn, "?") {
		return dsn + "&" + kv
	}
	return dsn + "?" + kv
}

// allObjects returns the text of every object (key, metadata, body) the DSN's storage holds.
func allObjects(t *testing.T, dsn string) string {
	t.Helper()
	cfg, err := s3db.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := s3db.OpenStorage(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var all strings.Builder
	opts := storage.ListOptions{}
	for {
		page, err := b.List(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Objects {
			obj, err := b.Get(ctx, o.Key)
			if err != nil {
				t.Fatal(err)
			}
			all.WriteString(o.Key + "\n")
			for k, v := range obj.Meta {
				all.WriteString(k + "=" + v + "\n")
			}
			all.Write(obj.Body)
			all.WriteString("\n")
		}
		if page.NextToken == "" {
			return all.String()
		}
		opts.Token = page.NextToken
	}
}

// TestSecretColumns: SECRET values read and write as plain text, are never
// in the bucket in plain text, and fail closed without the right passphrase.
func TestSecretColumns(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Setenv(crypto.EnvVar, "")
			base := b.dsn(t)
			dsn := withParam(base, "passphrase="+url.QueryEscape("correct horse/battery+staple"))
			db, c := connect(t, dsn)
			mustExec(t, db, `CREATE TABLE cards (id VARCHAR(10) PRIMARY KEY, owner VARCHAR(20), number SECRET, pin SECRET(4))`)
			secrets := []string{"4111-1111-1111-1111", "5500 0000 0000 0004", "José's card ✓"}
			mustExec(t, db, `INSERT INTO cards VALUES ('c1', 'ana', ?, '1234'), ('c2', 'bo', ?, '9876'), ('c3', 'cy', ?, NULL)`, secrets[0], secrets[1], secrets[2])
			wantRows(t, db, "c1,4111-1111-1111-1111,1234;c2,5500 0000 0000 0004,9876;c3,José's card ✓,NULL", `SELECT id, number, pin FROM cards ORDER BY id`)
			wantRows(t, db, "bo", `SELECT owner FROM cards WHERE number = ?`, secrets[1])
			mustExec(t, db, `UPDATE cards SET pin = '0000' WHERE id = 'c1'`)
			if got := flat(queryRows(t, db, `DESCRIBE cards`)); !strings.Contains(got, "pin,secret(4)") {
				t.Errorf("DESCRIBE: %s", got)
			}
			_, err := db.Exec(`INSERT INTO cards VALUES ('c4', 'di', 'x', '12345')`)
			wantErr(t, err, "max 4")
			_, err = db.Exec(`CREATE INDEX byNumber ON cards (number)`)
			wantErr(t, err, "SECRET column (number) cannot be in a partition")

			stored := allObjects(t, dsn)
			for _, s := range append(secrets, "1234", "9876", "0000", "4111", "correct horse") {
				if strings.Contains(stored, s) {
					t.Fatalf("plaintext %q found in the bucket:\n%s", s, stored)
				}
			}

			// Wrong and missing passphrases fail closed: an error, never ciphertext.
			wrong, _ := connect(t, withParam(base, "passphrase=nope"))
			err = queryErr(wrong, `SELECT number FROM cards`)
			var e *s3db.Error
			if !errors.As(err, &e) || e.Code != s3db.CodeSecret || !strings.Contains(err.Error(), "wrong passphrase") {
				t.Errorf("wrong passphrase: got %v", err)
			}
			wantErr(t, queryErr(wrong, `SELECT owner FROM cards`), "wrong passphrase") // rows are decrypted whole
			none, _ := connect(t, base)
			err = queryErr(none, `SELECT number FROM cards WHERE id = 'c1'`)
			if !errors.As(err, &e) || e.Code != s3db.CodeSecret || !strings.Contains(err.Error(), "passphrase") {
				t.Errorf("no passphrase: got %v", err)
			}
			_, err = none.Exec(`INSERT INTO cards VALUES ('c9', 'x', 'y', NULL)`)
			wantErr(t, err, "passphrase")
			wantRows(t, db, "3", `SELECT COUNT(*) FROM cards`)

			// Rotation: every value is re-encrypted; only the new passphrase opens them.
			n, err := c.RotatePassphrase(context.Background(), crypto.Passphrase("new pass"))
			if err != nil || n != 3 {
				t.Fatalf("RotatePassphrase = %d, %v", n, err)
			}
			rotated, _ := connect(t, withParam(base, "passphrase="+url.QueryEscape("new pass")))
			wantRows(t, rotated, "c1,4111-1111-1111-1111,0000;c2,5500 0000 0000 0004,9876;c3,José's card ✓,NULL", `SELECT id, number, pin FROM cards ORDER BY id`)
			old, _ := connect(t, dsn)
			wantErr(t, queryErr(old, `SELECT number FROM cards`), "wrong passphrase")
			if stored := allObjects(t, dsn); strings.Contains(stored, "AQAB") {
				t.Errorf("a value is still under key 1 after rotation")
			}
		})
	}
}

// TestSecretTampering: a flipped bit, a value moved to another row, and a
// truncated value each fail to decrypt, naming table and column.
func TestSecretTampering(t *testing.T) {
	dsn := "mem://secret-tamper?passphrase=pw"
	db, _ := connect(t, dsn)
	mustExec(t, db, `CREATE TABLE k (id INT PRIMARY KEY, s SECRET)`)
	mustExec(t, db, `INSERT INTO k VALUES (1, 'one'), (2, 'two')`)
	cfg, _ := s3db.ParseDSN(dsn)
	ctx := context.Background()
	b, err := s3db.OpenStorage(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	sealed := func(id string) (string, string, *storage.Object) {
		obj, err := b.Get(ctx, "resource=k/data/id="+id)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range obj.Meta {
			if strings.HasPrefix(v, "AQAB") {
				return k, v, obj
			}
		}
		t.Fatalf("no sealed value in %v", obj.Meta)
		return "", "", nil
	}
	rewrite := func(id string, value string) {
		code, _, obj := sealed(id)
		obj.Meta[code] = value
		if _, err := b.Put(ctx, obj.Key, obj.Body, obj.Meta, storage.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	_, one, _ := sealed("1")
	_, two, _ := sealed("2")
	flip := []byte(one)
	flip[len(flip)/2] ^= 1
	for _, c := range []struct{ name, value string }{
		{"flipped bit", string(flip)},
		{"moved from another row", two},
		{"truncated", one[:len(one)-3]},
	} {
		t.Run(c.name, func(t *testing.T) {
			rewrite("1", c.value)
			err := queryErr(db, `SELECT s FROM k WHERE id = 1`)
			var e *s3db.Error
			if !errors.As(err, &e) || e.Code != s3db.CodeSecret || !strings.Contains(err.Error(), "k.s") {
				t.Errorf("got %v, want a CodeSecret error naming k.s", err)
			}
		})
	}
	rewrite("1", one)
	wantRows(t, db, "one", `SELECT s FROM k WHERE id = 1`)
}
