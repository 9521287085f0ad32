package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
	"github.com/s3db-go/s3db/storage/storagetest"
)

func TestValidateMeta(t *testing.T) {
	for _, c := range []struct {
		name string
		meta map[string]string
		want error
	}{
		{"nil", nil, nil},
		{"ok", map[string]string{"a-b_9": "x y", "e": ""}, nil},
		{"exactly 2048", map[string]string{"ab": strings.Repeat("v", 2046)}, nil},
		{"2049", map[string]string{"ab": strings.Repeat("v", 2047)}, storage.ErrMetadataTooLarge},
		{"upper name", map[string]string{"A": "x"}, storage.ErrInvalidMetadata},
		{"empty name", map[string]string{"": "x"}, storage.ErrInvalidMetadata},
		{"dot in name", map[string]string{"a.b": "x"}, storage.ErrInvalidMetadata},
		{"non-ASCII value", map[string]string{"a": "ü"}, storage.ErrInvalidMetadata},
		{"control", map[string]string{"a": "a\x00"}, storage.ErrInvalidMetadata},
		{"DEL", map[string]string{"a": "\x7f"}, storage.ErrInvalidMetadata},
		{"leading space", map[string]string{"a": " x"}, storage.ErrInvalidMetadata},
		{"trailing space", map[string]string{"a": "x "}, storage.ErrInvalidMetadata},
	} {
		if err := storage.ValidateMeta(c.meta); !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	err := storage.ValidateMeta(map[string]string{"ab": strings.Repeat("v", 2047)})
	if !strings.Contains(err.Error(), "2049 bytes") {
		t.Errorf("the error %q does not give the size", err)
	}
}

func TestValidateKey(t *testing.T) {
	for key, ok := range map[string]bool{
		"":                        false,
		"a":                       true,
		"日本":                      true,
		"\xff":                    false,
		strings.Repeat("k", 1024): true,
		strings.Repeat("k", 1025): false,
	} {
		if err := storage.ValidateKey(key); (err == nil) != ok || err != nil && !errors.Is(err, storage.ErrInvalidKey) {
			t.Errorf("ValidateKey(%.10q): %v", key, err)
		}
	}
}

func TestETag(t *testing.T) {
	if got := storage.ETag([]byte("hello")); got != `"5d41402abc4b2a76b9719d911017c592"` {
		t.Errorf("ETag(hello) = %s", got)
	}
	if !storage.ETagsEqual(`"abc"`, "abc") || storage.ETagsEqual(`"abc"`, `"abd"`) {
		t.Error("ETagsEqual must ignore quotes only")
	}
}

func TestCounting(t *testing.T) {
	ctx := t.Context()
	c := storage.NewCounting(mem.New())
	c.Put(ctx, "k", []byte("v"), nil, storage.PutOptions{})
	before := c.Counts()
	c.Get(ctx, "k")
	c.Get(ctx, "missing") // failed requests count
	c.Head(ctx, "k")
	c.List(ctx, storage.ListOptions{})
	c.Delete(ctx, "k", storage.DeleteOptions{})
	c.Put(ctx, "", nil, nil, storage.PutOptions{})
	got := c.Counts()
	if want := (storage.Counts{Get: 2, Head: 1, Put: 2, Delete: 1, List: 1}); got != want {
		t.Fatalf("counts = %+v, want %+v", got, want)
	}
	if got.Total() != 7 {
		t.Errorf("Total() = %d", got.Total())
	}
	if d := got.Sub(before); d != (storage.Counts{Get: 2, Head: 1, Put: 1, Delete: 1, List: 1}) {
		t.Errorf("Sub = %+v", d)
	}
	if s := (storage.Counts{Get: 3}).String(); s != "GET 3" {
		t.Errorf("String() = %q, want only the non-zero counts", s)
	}
	if s := (storage.Counts{}).String(); s != "none" {
		t.Errorf("String() = %q, want none", s)
	}
	if s := got.String(); s != "LIST 1, GET 2, PUT 2, HEAD 1, DELETE 1" {
		t.Errorf("String() = %q", s)
	}
	c.Reset()
	if c.Counts() != (storage.Counts{}) {
		t.Errorf("after Reset: %+v", c.Counts())
	}
}

func TestCountingConformance(t *testing.T) {
	storagetest.Run(t, func(*testing.T) storage.Bucket { return storage.NewCounting(mem.New()) })
}

func TestFaulty(t *testing.T) {
	ctx := t.Context()
	f := storage.NewFaulty(mem.New())
	boom := errors.New("boom")

	f.FailNext(storage.OpPut, "a/", 2, boom)
	if _, err := f.Put(ctx, "b/1", nil, nil, storage.PutOptions{}); err != nil {
		t.Fatalf("a put outside the prefix failed: %v", err)
	}
	for range 2 {
		_, err := f.Put(ctx, "a/1", nil, nil, storage.PutOptions{})
		if !errors.Is(err, boom) || err.Error() != "put a/1: boom" {
			t.Fatalf("put: %v, want put a/1: boom", err)
		}
	}
	if _, err := f.Head(ctx, "a/1"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("a failed put reached the bucket: %v", err)
	}
	if _, err := f.Put(ctx, "a/1", []byte("v1"), nil, storage.PutOptions{}); err != nil {
		t.Fatalf("the third put: %v", err)
	}

	f.LoseNext(storage.OpPut, "", 1, nil)
	_, err := f.Put(ctx, "a/1", []byte("v2"), nil, storage.PutOptions{})
	if !errors.Is(err, storage.ErrInjected) {
		t.Fatalf("lost put: %v, want ErrInjected", err)
	}
	if o, err := f.Get(ctx, "a/1"); err != nil || string(o.Body) != "v2" {
		t.Fatalf("a put whose answer was lost must still happen: %v, %v", o, err)
	}

	f.FailNext(storage.OpList, "x", 1, nil)
	if _, err := f.List(ctx, storage.ListOptions{Prefix: "a"}); err != nil {
		t.Fatalf("list of another prefix: %v", err)
	}
	if _, err := f.List(ctx, storage.ListOptions{Prefix: "x/"}); !errors.Is(err, storage.ErrInjected) {
		t.Fatalf("list: %v, want ErrInjected", err)
	}

	var seen []string
	f.SetHook(func(ctx context.Context, op storage.Op, key string) error {
		seen = append(seen, op.String()+" "+key)
		if op == storage.OpDelete {
			return boom
		}
		select {
		case <-time.After(time.Millisecond):
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	f.Get(ctx, "a/1")
	if err := f.Delete(ctx, "a/1", storage.DeleteOptions{}); !errors.Is(err, boom) {
		t.Fatalf("delete: %v, want boom", err)
	}
	if want := []string{"GET a/1", "DELETE a/1"}; strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Fatalf("hook saw %q, want %q", seen, want)
	}
	f.Reset()
	if err := f.Delete(ctx, "a/1", storage.DeleteOptions{}); err != nil {
		t.Fatalf("after Reset: %v", err)
	}
	if got := storage.Op(9).String(); got != "Op(9)" {
		t.Errorf("Op(9).String() = %q", got)
	}
}

func TestFaultyConformance(t *testing.T) {
	storagetest.Run(t, func(*testing.T) storage.Bucket { return storage.NewFaulty(mem.New()) })
}

func TestWithPrefix(t *testing.T) {
	ctx := t.Context()
	inner := mem.New()
	if storage.WithPrefix(inner, "") != storage.Bucket(inner) {
		t.Error("an empty prefix must return the bucket itself")
	}
	db := storage.WithPrefix(inner, "tenant/db1/")
	other := storage.WithPrefix(inner, "tenant/db10")
	if _, err := db.Put(ctx, "k", []byte("v"), nil, storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Put(ctx, "k2", []byte("v"), nil, storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := inner.Head(ctx, "tenant/db1/k"); err != nil {
		t.Fatalf("the inner key: %v", err)
	}
	o, err := db.Get(ctx, "k")
	if err != nil || o.Key != "k" {
		t.Fatalf("get: %+v, %v", o, err)
	}
	page, err := db.List(ctx, storage.ListOptions{})
	if err != nil || len(page.Objects) != 1 || page.Objects[0].Key != "k" {
		t.Fatalf("list sees other prefixes or keeps the prefix: %+v, %v", page, err)
	}
	if _, err := db.Get(ctx, ""); !errors.Is(err, storage.ErrInvalidKey) {
		t.Fatalf("empty key: %v", err)
	}
	if got := db.String(); got != inner.String()+", prefix tenant/db1/" {
		t.Errorf("String() = %q", got)
	}
}

func TestWithPrefixConformance(t *testing.T) {
	newBucket := func(*testing.T) storage.Bucket {
		inner := mem.New()
		// Neighbours that a leaky prefix would show.
		for _, k := range []string{"db", "db0/x", "da/x", "dc"} {
			inner.Put(context.Background(), k, nil, nil, storage.PutOptions{})
		}
		return storage.WithPrefix(inner, "db")
	}
	storagetest.Run(t, newBucket)
	storagetest.RunStrict(t, newBucket)
}
