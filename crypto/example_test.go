package crypto_test

import (
	"context"
	"fmt"

	"github.com/s3db-go/s3db/crypto"
)

func Example() {
	ctx := context.Background()
	kp := crypto.Passphrase("correct horse battery staple")

	// A database's first SECRET column: derive key 1 and store its record.
	k, err := crypto.NewKey(ctx, 1, kp, crypto.DefaultKDF)
	if err != nil {
		panic(err)
	}
	catalog := []crypto.KeyRecord{k.Record()}

	// Every later open: one argon2id run and the key check.
	ring, err := crypto.Open(ctx, catalog, kp)
	if err != nil {
		panic(err)
	}
	defer ring.Close()

	cell := crypto.Cell{Table: "users", Field: "3", Key: "u1", Column: "card", KeyColumn: "id"}
	ct, err := ring.Encrypt([]byte("4111 1111 1111 1111"), cell)
	if err != nil {
		panic(err)
	}
	pt, err := ring.Decrypt(ct, cell)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s (%d characters in metadata)\n", pt, len(ct))

	cell.Key = "u2" // the same ciphertext in another row
	_, err = ring.Decrypt(ct, cell)
	fmt.Println(err)

	_, err = crypto.Open(ctx, catalog, crypto.Passphrase("Tr0ub4dor&3"))
	fmt.Println(err)

	_, err = crypto.Open(ctx, catalog, crypto.Passphrase(""))
	fmt.Println(err)
	// Output:
	// 4111 1111 1111 1111 (67 characters in metadata)
	// decrypt users.card (id 'u2'): ciphertext does not authenticate: tampered, truncated, or moved from another row
	// wrong passphrase for key 1
	// no passphrase: the passphrase is empty
}

func ExampleKeyring_Rotate() {
	ctx := context.Background()
	k, _ := crypto.NewKey(ctx, 1, crypto.Passphrase("old passphrase"), crypto.DefaultKDF)
	ring, _ := crypto.NewKeyring(k)
	cell := crypto.Cell{Table: "users", Field: "3", Key: "u1"}
	stored, _ := ring.Encrypt([]byte("secret"), cell)

	// 1. New key, current from now on; the catalog gets the new records
	// (key 1 wrapped under key 2) by compare-and-swap.
	id, err := ring.Rotate(ctx, crypto.Passphrase("new passphrase"), crypto.DefaultKDF)
	if err != nil {
		panic(err)
	}
	catalog, _ := ring.Records()
	fmt.Println("current key", id, "records", len(catalog))

	// 2. The resumable scan, over every SECRET value of every row.
	if ring.NeedsRotation(stored) {
		stored, _ = ring.Reencrypt(stored, cell, cell) // then a conditional PUT of the row
	}
	kid, _ := crypto.KeyID(stored)
	fmt.Println("value under key", kid)

	// 3. Nothing left under key 1: retire it.
	_ = ring.Remove(1)
	catalog, _ = ring.Records()
	fmt.Println("records", len(catalog))

	// Output:
	// current key 2 records 2
	// value under key 2
	// records 1
}
