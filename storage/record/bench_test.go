package record

import (
	"testing"
	"time"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
)

// BenchmarkEncodeDecode encodes and decodes a typical 8-column row (all in
// the metadata): the CPU cost of a row write and a row read.
func BenchmarkEncodeDecode(b *testing.B) {
	tb := mustTable(b, `CREATE TABLE users (id VARCHAR(22) PRIMARY KEY, name VARCHAR(100) NOT NULL,
		email VARCHAR(255), age INT, score DOUBLE, active BOOLEAN, created DATETIME(6), profile JSON)`)
	row := coerceRow(b, tb, "V1StGXR8_Z5jdHi6B-myT", "Zoë Martin", "zoe.martin@example.com", int64(37), 4.75, true,
		time.Date(2024, 3, 4, 5, 6, 7, 890000000, time.UTC), `{"city":"Lyon","tags":["a","b"],"newsletter":true}`)
	key := Key(tb.Name, row[0])
	enc, err := Encode(tb, row)
	if err != nil {
		b.Fatal(err)
	}
	obj := &storage.Object{Key: key, Meta: enc.Meta, Body: enc.Body}
	if got, err := Decode(tb, obj); err != nil || !sameRow(got, row) {
		b.Fatalf("round trip: %v, %v", got, err)
	}

	b.Run("Encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Encode(tb, row); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Decode(tb, obj); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("RoundTrip", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			enc, err := Encode(tb, row)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Decode(tb, &storage.Object{Key: key, Meta: enc.Meta, Body: enc.Body}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("BodyOnly", func(b *testing.B) {
		bo := *tb
		bo.Behavior = schema.BehaviorBodyOnly
		b.ReportAllocs()
		for b.Loop() {
			enc, err := Encode(&bo, row)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Decode(&bo, &storage.Object{Key: key, Meta: enc.Meta, Body: enc.Body}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
