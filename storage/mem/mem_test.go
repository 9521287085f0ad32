package mem_test

import (
	"fmt"
	"testing"

	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
	"github.com/s3db-go/s3db/storage/storagetest"
)

func newBucket(*testing.T) storage.Bucket { return mem.New() }

func TestConformance(t *testing.T) { storagetest.Run(t, newBucket) }

func TestStrict(t *testing.T) { storagetest.RunStrict(t, newBucket) }

func TestOpenSharesByName(t *testing.T) {
	a, b, other := mem.Open("TestOpenSharesByName"), mem.Open("TestOpenSharesByName"), mem.Open("TestOpenSharesByName2")
	if a != b || a == other {
		t.Fatal("Open must return the same bucket for the same name only")
	}
	if _, err := a.Put(t.Context(), "k", []byte("v"), nil, storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if o, err := mem.Open("TestOpenSharesByName").Get(t.Context(), "k"); err != nil || string(o.Body) != "v" {
		t.Fatalf("after Close and Open: %v, %v", o, err)
	}
	if _, err := other.Get(t.Context(), "k"); err == nil {
		t.Fatal("another name sees the data")
	}
	if got := a.String(); got != "mem://TestOpenSharesByName" {
		t.Errorf("String() = %q", got)
	}
}

func TestETagIsMD5(t *testing.T) {
	b := mem.New()
	etag, err := b.Put(t.Context(), "k", nil, nil, storage.PutOptions{})
	if err != nil || etag != `"d41d8cd98f00b204e9800998ecf8427e"` {
		t.Fatalf("ETag of an empty body = %s, %v", etag, err)
	}
}

// TestListLarge checks that List stays fast with 100,000 keys and writes
// interleaved with pages.
func TestListLarge(t *testing.T) {
	b := mem.New()
	ctx := t.Context()
	const n = 100_000
	for i := range n {
		if _, err := b.Put(ctx, fmt.Sprintf("k/%06d", (i*7919)%n), nil, nil, storage.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	seen, opts := 0, storage.ListOptions{Prefix: "k/"}
	for {
		page, err := b.List(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Objects {
			if want := fmt.Sprintf("k/%06d", seen); o.Key != want {
				t.Fatalf("key %d is %s, want %s", seen, o.Key, want)
			}
			seen++
		}
		if page.NextToken == "" {
			break
		}
		opts.Token = page.NextToken
		// A write between pages must not disturb the order.
		if _, err := b.Put(ctx, "z/"+page.NextToken, nil, nil, storage.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if seen != n {
		t.Fatalf("listed %d keys, want %d", seen, n)
	}
}
