package storagetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/s3db-go/s3db/storage"
)

// A test case gets a fresh, empty bucket.
type testCase struct {
	name string
	fn   func(t *testing.T, b storage.Bucket)
}

// Run runs the conformance suite. newBucket must return a fresh, empty
// bucket; Run closes it when the subtest ends.
func Run(t *testing.T, newBucket func(t *testing.T) storage.Bucket) {
	run(t, newBucket, []testCase{
		{"Basics", testBasics},
		{"HeadHasNoBody", testHeadHasNoBody},
		{"OverwriteReplacesMetadata", testOverwriteReplacesMetadata},
		{"MetadataRoundTrip", testMetadataRoundTrip},
		{"MetadataLimit", testMetadataLimit},
		{"InvalidMetadata", testInvalidMetadata},
		{"InvalidKeys", testInvalidKeys},
		{"NonASCIIKey", testNonASCIIKey},
		{"NoAliasing", testNoAliasing},
		{"ZeroLengthBody", testZeroLengthBody},
		{"LargeBody", testLargeBody},
		{"CreateOnlyRace", testCreateOnlyRace},
		{"CASRace", testCASRace},
		{"ConditionalPut", testConditionalPut},
		{"CASCounter", testCASCounter},
		{"ConditionalDelete", testConditionalDelete},
		{"ListEmpty", testListEmpty},
		{"ListOrder", testListOrder},
		{"ListPagination", testListPagination},
		{"ListPrefixes", testListPrefixes},
		{"ContextCanceled", testContextCanceled},
	})
}

// RunStrict runs the cases that AWS S3 passes but S3-compatible servers built
// on a file system may not (see the package documentation).
func RunStrict(t *testing.T, newBucket func(t *testing.T) storage.Bucket) {
	run(t, newBucket, []testCase{
		{"ConditionalDeleteMissing", testConditionalDeleteMissing},
		{"ConditionalDeleteRace", testConditionalDeleteRace},
		{"DeleteVersusCAS", testDeleteVersusCAS},
		{"PathLikeKeys", testPathLikeKeys},
	})
}

func run(t *testing.T, newBucket func(t *testing.T) storage.Bucket, cases []testCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			b := newBucket(t)
			t.Cleanup(func() {
				if err := b.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
			c.fn(t, b)
		})
	}
}

// ---- helpers

func mustPut(t *testing.T, b storage.Bucket, key string, body []byte, meta map[string]string) string {
	t.Helper()
	etag, err := b.Put(t.Context(), key, body, meta, storage.PutOptions{})
	if err != nil {
		t.Fatalf("put %q: %v", key, err)
	}
	if etag == "" {
		t.Fatalf("put %q: empty ETag", key)
	}
	return etag
}

func mustGet(t *testing.T, b storage.Bucket, key string) *storage.Object {
	t.Helper()
	o, err := b.Get(t.Context(), key)
	if err != nil {
		t.Fatalf("get %q: %v", key, err)
	}
	return o
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: got error %v, want %v", what, err, want)
	}
}

func wantMissing(t *testing.T, b storage.Bucket, key string) {
	t.Helper()
	_, err := b.Head(t.Context(), key)
	wantErr(t, "head "+key, err, storage.ErrNotFound)
}

// putAll writes every key (body = key) with bounded parallelism.
func putAll(t *testing.T, b storage.Bucket, keys []string) {
	t.Helper()
	sem := make(chan struct{}, 32)
	errs := make(chan error, len(keys))
	for _, k := range keys {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			_, err := b.Put(t.Context(), k, []byte(k), nil, storage.PutOptions{})
			errs <- err
		}()
	}
	for range keys {
		if err := <-errs; err != nil {
			t.Fatalf("put: %v", err)
		}
	}
}

// listAll follows tokens to the end and returns the keys.
func listAll(t *testing.T, b storage.Bucket, opts storage.ListOptions) []string {
	t.Helper()
	var keys []string
	for {
		page, err := b.List(t.Context(), opts)
		if err != nil {
			t.Fatalf("list %+v: %v", opts, err)
		}
		limit := opts.MaxKeys
		if limit <= 0 || limit > storage.MaxListKeys {
			limit = storage.MaxListKeys
		}
		if len(page.Objects) > limit {
			t.Fatalf("list %+v: %d keys, more than %d", opts, len(page.Objects), limit)
		}
		for _, o := range page.Objects {
			keys = append(keys, o.Key)
		}
		if page.NextToken == "" {
			return keys
		}
		opts.Token = page.NextToken
	}
}

func wantKeys(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\n got %q\nwant %q", what, got, want)
	}
}

// race starts n goroutines at once and returns their errors.
func race(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// winner checks that exactly one error is nil and the others are one of
// losing, and returns the winner's index.
func winner(t *testing.T, what string, errs []error, losing ...error) int {
	t.Helper()
	win := -1
	for i, err := range errs {
		switch {
		case err == nil && win >= 0:
			t.Fatalf("%s: both %d and %d won", what, win, i)
		case err == nil:
			win = i
		case !slices.ContainsFunc(losing, func(l error) bool { return errors.Is(err, l) }):
			t.Fatalf("%s: %d lost with %v, want one of %v", what, i, err, losing)
		}
	}
	if win < 0 {
		t.Fatalf("%s: nobody won", what)
	}
	return win
}

// ---- Run cases

func testBasics(t *testing.T, b storage.Bucket) {
	ctx := t.Context()
	_, err := b.Get(ctx, "basics/missing")
	wantErr(t, "get missing", err, storage.ErrNotFound)
	_, err = b.Head(ctx, "basics/missing")
	wantErr(t, "head missing", err, storage.ErrNotFound)

	const key = "basics/k"
	before := time.Now()
	etag, err := b.Put(ctx, key, []byte("hello"), map[string]string{"a": "1"}, storage.PutOptions{ContentType: "text/plain"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
		t.Errorf("ETag %s is not quoted", etag)
	}
	o := mustGet(t, b, key)
	if o.Key != key || string(o.Body) != "hello" || o.Size != 5 || o.ETag != etag || !maps.Equal(o.Meta, map[string]string{"a": "1"}) {
		t.Errorf("get = %+v, want key %s, body hello, size 5, ETag %s, meta a=1", o, key, etag)
	}
	if d := o.LastModified.Sub(before); d < -time.Hour || d > time.Hour {
		t.Errorf("LastModified %v is far from now (%v)", o.LastModified, before)
	}

	if err := b.Delete(ctx, key, storage.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err = b.Get(ctx, key)
	wantErr(t, "get deleted", err, storage.ErrNotFound)
	if err := b.Delete(ctx, key, storage.DeleteOptions{}); err != nil {
		t.Errorf("delete of a missing key: %v, want nil", err)
	}
	wantKeys(t, "list after delete", listAll(t, b, storage.ListOptions{}), nil)
}

func testHeadHasNoBody(t *testing.T, b storage.Bucket) {
	body := bytes.Repeat([]byte("x"), 1234)
	etag := mustPut(t, b, "head/k", body, map[string]string{"v": "2"})
	o, err := b.Head(t.Context(), "head/k")
	if err != nil {
		t.Fatal(err)
	}
	if o.Body != nil || o.Size != 1234 || o.ETag != etag || o.Key != "head/k" || o.Meta["v"] != "2" || o.LastModified.IsZero() {
		t.Errorf("head = %+v, want no body, size 1234, ETag %s, meta v=2", o, etag)
	}
	page, err := b.List(t.Context(), storage.ListOptions{Prefix: "head/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Objects) != 1 {
		t.Fatalf("list = %+v, want one object", page)
	}
	if info := page.Objects[0]; info.Key != "head/k" || info.ETag != etag || info.Size != 1234 || info.LastModified.Sub(o.LastModified).Abs() > time.Second {
		t.Errorf("list entry %+v does not match head %+v", info, o)
	}
}

func testOverwriteReplacesMetadata(t *testing.T, b storage.Bucket) {
	const key = "over/k"
	e1 := mustPut(t, b, key, []byte("one"), map[string]string{"a": "1", "b": "2"})
	e2 := mustPut(t, b, key, []byte("two"), map[string]string{"c": "3"})
	if e1 == e2 {
		t.Errorf("two different bodies have the same ETag %s", e1)
	}
	o := mustGet(t, b, key)
	if string(o.Body) != "two" || o.ETag != e2 || !maps.Equal(o.Meta, map[string]string{"c": "3"}) {
		t.Errorf("after overwrite: body %q ETag %s meta %v, want two %s map[c:3]", o.Body, o.ETag, o.Meta, e2)
	}
	mustPut(t, b, key, []byte("three"), nil)
	if o := mustGet(t, b, key); o.Meta == nil || len(o.Meta) != 0 {
		t.Errorf("after a put without metadata: meta %#v, want an empty map", o.Meta)
	}
}

// printable is every printable ASCII character, framed so that it neither
// starts nor ends with a space.
var printable = func() string {
	var s strings.Builder
	s.WriteByte('[')
	for c := byte(0x20); c <= 0x7e; c++ {
		s.WriteByte(c)
	}
	s.WriteByte(']')
	return s.String()
}()

func testMetadataRoundTrip(t *testing.T, b storage.Bucket) {
	meta := map[string]string{
		"all":                                printable,
		"a-b_c-0123456789":                   "x",
		"spaces":                             "a  b   c",
		"json":                               `{"k":"v","n":[1,2]}`,
		"empty":                              "",
		"abcdefghijklmnopqrstuvwxyz0123-_99": "name chars",
	}
	etag := mustPut(t, b, "meta/k", []byte("body"), meta)
	for _, get := range []func(context.Context, string) (*storage.Object, error){b.Get, b.Head} {
		o, err := get(t.Context(), "meta/k")
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(o.Meta, meta) || o.ETag != etag {
			t.Errorf("meta round trip:\n got %q\nwant %q", o.Meta, meta)
		}
	}
}

func testMetadataLimit(t *testing.T, b storage.Bucket) {
	ctx := t.Context()
	many := func(extra int) map[string]string { // 16 entries of 3+125 bytes = 2048
		m := map[string]string{}
		for i := range 16 {
			m[fmt.Sprintf("k%02d", i)] = strings.Repeat(string(rune('a'+i)), 125)
		}
		m["k00"] += strings.Repeat("z", extra)
		return m
	}
	for _, c := range []struct {
		name string
		meta map[string]string
		ok   bool
	}{
		{"one/2048", map[string]string{"m": strings.Repeat("v", 2047)}, true},
		{"one/2049", map[string]string{"m": strings.Repeat("v", 2048)}, false},
		{"long-name/2049", map[string]string{strings.Repeat("n", 2000): strings.Repeat("v", 49)}, false},
		{"many/2048", many(0), true},
		{"many/2049", many(1), false},
	} {
		if got := storage.MetaSize(c.meta); got != 2048 && c.ok || got != 2049 && !c.ok {
			t.Fatalf("%s: test metadata has size %d", c.name, got)
		}
		key := "limit/" + c.name
		_, err := b.Put(ctx, key, []byte("x"), c.meta, storage.PutOptions{})
		if !c.ok {
			wantErr(t, key, err, storage.ErrMetadataTooLarge)
			wantMissing(t, b, key)
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if o := mustGet(t, b, key); !maps.Equal(o.Meta, c.meta) {
			t.Errorf("%s: metadata changed in the round trip", key)
		}
	}
}

func testInvalidMetadata(t *testing.T, b storage.Bucket) {
	for i, meta := range []map[string]string{
		{"Upper": "x"}, {"sp ace": "x"}, {"": "x"}, {"a.b": "x"}, {"é": "x"},
		{"k": "é"}, {"k": "a\nb"}, {"k": "\t"}, {"k": "\x7f"}, {"k": " lead"}, {"k": "trail "},
	} {
		key := fmt.Sprintf("invalid/%d", i)
		_, err := b.Put(t.Context(), key, []byte("x"), meta, storage.PutOptions{})
		wantErr(t, fmt.Sprintf("put with meta %q", meta), err, storage.ErrInvalidMetadata)
		wantMissing(t, b, key)
	}
}

func testInvalidKeys(t *testing.T, b storage.Bucket) {
	ctx := t.Context()
	// A long key, in segments a file system accepts, with room for a
	// WithPrefix prefix of up to 23 bytes.
	long := strings.Repeat(strings.Repeat("k", 200)+"/", 4) + strings.Repeat("k", 196)
	tooLong := long + strings.Repeat("k", storage.MaxKeyBytes-len(long)+1)
	for _, key := range []string{"", tooLong, "bad/\xff\xfe"} {
		_, err := b.Put(ctx, key, nil, nil, storage.PutOptions{})
		wantErr(t, fmt.Sprintf("put %.20q", key), err, storage.ErrInvalidKey)
		_, err = b.Get(ctx, key)
		wantErr(t, fmt.Sprintf("get %.20q", key), err, storage.ErrInvalidKey)
		_, err = b.Head(ctx, key)
		wantErr(t, fmt.Sprintf("head %.20q", key), err, storage.ErrInvalidKey)
		err = b.Delete(ctx, key, storage.DeleteOptions{})
		wantErr(t, fmt.Sprintf("delete %.20q", key), err, storage.ErrInvalidKey)
	}
	mustPut(t, b, long, []byte("longest"), nil)
	if o := mustGet(t, b, long); string(o.Body) != "longest" {
		t.Errorf("longest key: body %q", o.Body)
	}
	_, err := b.Put(ctx, "both", nil, nil, storage.PutOptions{IfNoneMatch: true, IfMatch: `"x"`})
	if err == nil {
		t.Error("put with both IfNoneMatch and IfMatch succeeded")
	}
}

func testNonASCIIKey(t *testing.T, b storage.Bucket) {
	keys := []string{"unicode/日本語/データ", "unicode/é-accent", "unicode/emoji-😀", "unicode/Ωmega"}
	for _, k := range keys {
		mustPut(t, b, k, []byte(k), map[string]string{"k": "v"})
	}
	for _, k := range keys {
		if o := mustGet(t, b, k); string(o.Body) != k || o.Key != k {
			t.Errorf("get %s: key %s body %q", k, o.Key, o.Body)
		}
	}
	slices.Sort(keys)
	wantKeys(t, "list", listAll(t, b, storage.ListOptions{Prefix: "unicode/"}), keys)
	wantKeys(t, "list by a non-ASCII prefix", listAll(t, b, storage.ListOptions{Prefix: "unicode/日本"}), keys[len(keys)-1:])
}

func testNoAliasing(t *testing.T, b storage.Bucket) {
	body := []byte("original")
	meta := map[string]string{"a": "1"}
	mustPut(t, b, "alias/k", body, meta)
	body[0], meta["a"] = 'X', "changed"
	o := mustGet(t, b, "alias/k")
	if string(o.Body) != "original" || o.Meta["a"] != "1" {
		t.Fatalf("the caller's slices changed the stored object: %q %v", o.Body, o.Meta)
	}
	o.Body[0], o.Meta["a"] = 'Y', "mutated"
	h, err := b.Head(t.Context(), "alias/k")
	if err != nil {
		t.Fatal(err)
	}
	h.Meta["a"] = "mutated"
	if o := mustGet(t, b, "alias/k"); string(o.Body) != "original" || o.Meta["a"] != "1" {
		t.Fatalf("a returned object aliases the stored one: %q %v", o.Body, o.Meta)
	}
}

func testZeroLengthBody(t *testing.T, b storage.Bucket) {
	etag := mustPut(t, b, "empty/k", nil, nil)
	o := mustGet(t, b, "empty/k")
	if len(o.Body) != 0 || o.Size != 0 || o.ETag != etag {
		t.Errorf("get = %+v, want an empty body", o)
	}
	h, err := b.Head(t.Context(), "empty/k")
	if err != nil || h.Size != 0 {
		t.Errorf("head = %+v, %v, want size 0", h, err)
	}
}

func testLargeBody(t *testing.T, b storage.Bucket) {
	body := make([]byte, 5<<20)
	rand.Read(body)
	etag := mustPut(t, b, "large/k", body, nil)
	o := mustGet(t, b, "large/k")
	if !bytes.Equal(o.Body, body) || o.Size != int64(len(body)) || o.ETag != etag {
		t.Errorf("5 MB round trip: got %d bytes (size %d, ETag %s), want %d (ETag %s)", len(o.Body), o.Size, o.ETag, len(body), etag)
	}
	h, err := b.Head(t.Context(), "large/k")
	if err != nil || h.Size != int64(len(body)) {
		t.Errorf("head = %+v, %v, want size %d", h, err, len(body))
	}
}

const racers = 16

func testCreateOnlyRace(t *testing.T, b storage.Bucket) {
	for round := range 3 {
		key := fmt.Sprintf("create/%d", round)
		errs := race(racers, func(i int) error {
			_, err := b.Put(t.Context(), key, []byte(strconv.Itoa(i)), nil, storage.PutOptions{IfNoneMatch: true})
			return err
		})
		win := winner(t, key, errs, storage.ErrPreconditionFailed)
		if o := mustGet(t, b, key); string(o.Body) != strconv.Itoa(win) {
			t.Fatalf("%s: body %q, but %d won", key, o.Body, win)
		}
	}
}

func testCASRace(t *testing.T, b storage.Bucket) {
	const key = "cas/k"
	mustPut(t, b, key, []byte("start"), nil)
	var read sync.WaitGroup
	read.Add(racers)
	errs := race(racers, func(i int) error {
		o, err := b.Head(t.Context(), key)
		read.Done()
		if err != nil {
			return err
		}
		read.Wait() // everybody holds the same ETag before anybody writes
		_, err = b.Put(t.Context(), key, []byte(strconv.Itoa(i)), nil, storage.PutOptions{IfMatch: o.ETag})
		return err
	})
	win := winner(t, key, errs, storage.ErrPreconditionFailed)
	if o := mustGet(t, b, key); string(o.Body) != strconv.Itoa(win) {
		t.Fatalf("body %q, but %d won", o.Body, win)
	}
}

func testConditionalPut(t *testing.T, b storage.Bucket) {
	ctx := t.Context()
	const key = "cond/k"
	e1 := mustPut(t, b, key, []byte("v1"), nil)
	e2 := mustPut(t, b, key, []byte("v2"), nil)
	_, err := b.Put(ctx, key, []byte("stale"), nil, storage.PutOptions{IfMatch: e1})
	wantErr(t, "put with a stale ETag", err, storage.ErrPreconditionFailed)
	_, err = b.Put(ctx, key, []byte("exists"), nil, storage.PutOptions{IfNoneMatch: true})
	wantErr(t, "create-only put of an existing key", err, storage.ErrPreconditionFailed)
	if o := mustGet(t, b, key); string(o.Body) != "v2" {
		t.Fatalf("a failed conditional put changed the object to %q", o.Body)
	}
	e3, err := b.Put(ctx, key, []byte("v3"), map[string]string{"n": "3"}, storage.PutOptions{IfMatch: e2})
	if err != nil {
		t.Fatalf("put with the current ETag: %v", err)
	}
	if o := mustGet(t, b, key); string(o.Body) != "v3" || o.ETag != e3 || o.Meta["n"] != "3" {
		t.Fatalf("after a successful CAS: %+v", o)
	}
	_, err = b.Put(ctx, "cond/missing", []byte("x"), nil, storage.PutOptions{IfMatch: e3})
	wantErr(t, "compare-and-swap on a missing key", err, storage.ErrPreconditionFailed)
	wantMissing(t, b, "cond/missing")
	if _, err := b.Put(ctx, "cond/new", []byte("x"), nil, storage.PutOptions{IfNoneMatch: true}); err != nil {
		t.Fatalf("create-only put of a new key: %v", err)
	}
}

func testCASCounter(t *testing.T, b storage.Bucket) {
	const key, workers, increments = "counter/k", 8, 8
	mustPut(t, b, key, []byte("0"), nil)
	var conflicts atomic.Int64
	errs := race(workers, func(int) error {
		for range increments {
			for {
				o, err := b.Get(t.Context(), key)
				if err != nil {
					return err
				}
				n, err := strconv.Atoi(string(o.Body))
				if err != nil {
					return err
				}
				_, err = b.Put(t.Context(), key, []byte(strconv.Itoa(n+1)), nil, storage.PutOptions{IfMatch: o.ETag})
				if errors.Is(err, storage.ErrPreconditionFailed) {
					conflicts.Add(1)
					continue
				}
				if err != nil {
					return err
				}
				break
			}
		}
		return nil
	})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if o := mustGet(t, b, key); string(o.Body) != strconv.Itoa(workers*increments) {
		t.Fatalf("counter = %s, want %d (%d conflicts retried)", o.Body, workers*increments, conflicts.Load())
	}
}

func testConditionalDelete(t *testing.T, b storage.Bucket) {
	ctx := t.Context()
	const key = "cdel/k"
	e1 := mustPut(t, b, key, []byte("v1"), nil)
	e2 := mustPut(t, b, key, []byte("v2"), nil)
	err := b.Delete(ctx, key, storage.DeleteOptions{IfMatch: e1})
	wantErr(t, "delete with a stale ETag", err, storage.ErrPreconditionFailed)
	if o := mustGet(t, b, key); string(o.Body) != "v2" {
		t.Fatalf("a failed conditional delete changed the object: %q", o.Body)
	}
	if err := b.Delete(ctx, key, storage.DeleteOptions{IfMatch: e2}); err != nil {
		t.Fatalf("delete with the current ETag: %v", err)
	}
	wantMissing(t, b, key)
	// AWS answers ErrNotFound; some S3-compatible servers succeed (RunStrict
	// insists on ErrNotFound). Either way nothing may be created.
	if err := b.Delete(ctx, key, storage.DeleteOptions{IfMatch: e2}); err != nil && !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("conditional delete of a missing key: %v, want ErrNotFound", err)
	}
	wantMissing(t, b, key)
}

func testListEmpty(t *testing.T, b storage.Bucket) {
	page, err := b.List(t.Context(), storage.ListOptions{})
	if err != nil || len(page.Objects) != 0 || page.NextToken != "" {
		t.Fatalf("list of an empty bucket = %+v, %v", page, err)
	}
}

func testListOrder(t *testing.T, b storage.Bucket) {
	keys := []string{
		"order/a", "order/B", "order/b", "order/A", "order/Z", "order/z", "order/_", "order/-",
		"order/a=1", "order/a=10", "order/a=2", "order/a%2F", "order/a%25", "order/a~", "order/a.b",
		"order/x/1", "order/x/2", "order/x-1", "order/x0", "order/é", "order/日本", "order/😀",
		"order/a+b", "order/a b", "order/0", "order/9",
	}
	putAll(t, b, keys)
	want := slices.Clone(keys)
	slices.Sort(want) // byte order: Go compares strings bytewise
	wantKeys(t, "list", listAll(t, b, storage.ListOptions{}), want)
	wantKeys(t, "list by 3", listAll(t, b, storage.ListOptions{MaxKeys: 3}), want)
}

func testListPagination(t *testing.T, b storage.Bucket) {
	ctx := t.Context()
	keys := make([]string, 2500)
	for i := range keys {
		keys[i] = fmt.Sprintf("page/%04d", i)
	}
	putAll(t, b, keys)

	var got []string
	opts := storage.ListOptions{Prefix: "page/"}
	for i, want := range []int{1000, 1000, 500} {
		page, err := b.List(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Objects) != want || (page.NextToken == "") != (i == 2) {
			t.Fatalf("page %d: %d keys, token %q; want %d keys", i, len(page.Objects), page.NextToken, want)
		}
		for _, o := range page.Objects {
			got = append(got, o.Key)
		}
		opts.Token = page.NextToken
	}
	wantKeys(t, "pages of 1000", got, keys)

	wantKeys(t, "pages of 300", listAll(t, b, storage.ListOptions{MaxKeys: 300}), keys)
	wantKeys(t, "pages of 7", listAll(t, b, storage.ListOptions{Prefix: "page/00", MaxKeys: 7}), keys[:100])
	wantKeys(t, "exactly 1000 under the prefix", listAll(t, b, storage.ListOptions{Prefix: "page/1"}), keys[1000:2000])
	wantKeys(t, "StartAfter", listAll(t, b, storage.ListOptions{StartAfter: "page/1234"}), keys[1235:])
	wantKeys(t, "StartAfter between keys", listAll(t, b, storage.ListOptions{StartAfter: "page/1234x", Prefix: "page/12"}), keys[1235:1300])

	page, err := b.List(ctx, storage.ListOptions{MaxKeys: 5000})
	if err != nil || len(page.Objects) != storage.MaxListKeys {
		t.Fatalf("MaxKeys 5000: %d keys, %v; want %d", len(page.Objects), err, storage.MaxListKeys)
	}
	first, err := b.List(ctx, storage.ListOptions{MaxKeys: 10})
	if err != nil {
		t.Fatal(err)
	}
	next, err := b.List(ctx, storage.ListOptions{MaxKeys: 10, Token: first.NextToken, StartAfter: "page/2000"})
	if err != nil || len(next.Objects) == 0 || next.Objects[0].Key != "page/0010" {
		t.Fatalf("the token must take precedence over StartAfter: %+v, %v", next, err)
	}
}

func testListPrefixes(t *testing.T, b storage.Bucket) {
	keys := []string{"a/1", "a/2", "ab", "abc/1", "user/1", "users/1", "users/2", "x/full", "x/fuller"}
	putAll(t, b, keys)
	for _, c := range []struct {
		prefix, startAfter string
		want               []string
	}{
		{"", "", keys},
		{"a", "", []string{"a/1", "a/2", "ab", "abc/1"}},
		{"a/", "", []string{"a/1", "a/2"}},
		{"ab", "", []string{"ab", "abc/1"}},
		{"abc/", "", []string{"abc/1"}},
		{"user", "", []string{"user/1", "users/1", "users/2"}},
		{"user/", "", []string{"user/1"}},
		{"users/", "", []string{"users/1", "users/2"}},
		{"x/full", "", []string{"x/full", "x/fuller"}},
		{"x/fuller", "", []string{"x/fuller"}},
		{"x/full/", "", nil},
		{"nope", "", nil},
		{"a/1/", "", nil},
		{"a", "a/2", []string{"ab", "abc/1"}},
		{"users/", "a", []string{"users/1", "users/2"}},
		{"users/", "users/1", []string{"users/2"}},
		{"users/", "z", nil},
		{"", "x/full", []string{"x/fuller"}},
	} {
		got := listAll(t, b, storage.ListOptions{Prefix: c.prefix, StartAfter: c.startAfter})
		wantKeys(t, fmt.Sprintf("prefix %q after %q", c.prefix, c.startAfter), got, c.want)
	}
}

func testContextCanceled(t *testing.T, b storage.Bucket) {
	mustPut(t, b, "ctx/k", []byte("x"), nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := b.Get(ctx, "ctx/k")
	wantErr(t, "get", err, context.Canceled)
	_, err = b.Head(ctx, "ctx/k")
	wantErr(t, "head", err, context.Canceled)
	_, err = b.Put(ctx, "ctx/new", []byte("x"), nil, storage.PutOptions{})
	wantErr(t, "put", err, context.Canceled)
	err = b.Delete(ctx, "ctx/k", storage.DeleteOptions{})
	wantErr(t, "delete", err, context.Canceled)
	_, err = b.List(ctx, storage.ListOptions{})
	wantErr(t, "list", err, context.Canceled)
	mustGet(t, b, "ctx/k")
	wantMissing(t, b, "ctx/new")
}

// ---- RunStrict cases

func testConditionalDeleteMissing(t *testing.T, b storage.Bucket) {
	etag := mustPut(t, b, "cdel/k", []byte("x"), nil)
	if err := b.Delete(t.Context(), "cdel/k", storage.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	err := b.Delete(t.Context(), "cdel/k", storage.DeleteOptions{IfMatch: etag})
	wantErr(t, "conditional delete of a missing key", err, storage.ErrNotFound)
}

func testConditionalDeleteRace(t *testing.T, b storage.Bucket) {
	for round := range 3 {
		key := fmt.Sprintf("cdel/%d", round)
		etag := mustPut(t, b, key, []byte("x"), nil)
		errs := race(racers, func(int) error {
			return b.Delete(t.Context(), key, storage.DeleteOptions{IfMatch: etag})
		})
		winner(t, key, errs, storage.ErrNotFound, storage.ErrPreconditionFailed)
		wantMissing(t, b, key)
	}
}

func testDeleteVersusCAS(t *testing.T, b storage.Bucket) {
	for round := range 20 {
		key := fmt.Sprintf("dvc/%d", round)
		etag := mustPut(t, b, key, []byte("v0"), nil)
		errs := race(2, func(i int) error {
			if i == 0 {
				_, err := b.Put(t.Context(), key, []byte("v1"), nil, storage.PutOptions{IfMatch: etag})
				return err
			}
			return b.Delete(t.Context(), key, storage.DeleteOptions{IfMatch: etag})
		})
		if winner(t, key, errs, storage.ErrNotFound, storage.ErrPreconditionFailed) == 0 {
			if o := mustGet(t, b, key); string(o.Body) != "v1" {
				t.Fatalf("%s: the put won but the body is %q", key, o.Body)
			}
		} else {
			wantMissing(t, b, key)
		}
	}
}

func testPathLikeKeys(t *testing.T, b storage.Bucket) {
	keys := []string{
		"a", "a/b", "a/b/c", "a/", "a//b", "a///", "/", "//", "/a", ".", "..", "...", "a/.", "a/..",
		"a/./b", "a/../b", "./x", "../x", "../../etc/passwd", `a\b`, `\`, `..\x`, "%", "%2F", "%%",
		"a%2Fb", "x.obj", "x.obj/y", "x", "~", "CON", "nul", "a b", " lead", "tab\tkey", "nl\nkey",
		"日本/語", "e\u0301", "\u00e9", ".tmp", ".lock", "-", "a:b", "a*b?c", "<>|\"",
	}
	putAll(t, b, keys)
	for _, k := range keys {
		if o := mustGet(t, b, k); string(o.Body) != k {
			t.Errorf("get %q: body %q", k, o.Body)
		}
	}
	want := slices.Clone(keys)
	slices.Sort(want)
	wantKeys(t, "list", listAll(t, b, storage.ListOptions{}), want)
	wantKeys(t, "list by 5", listAll(t, b, storage.ListOptions{MaxKeys: 5}), want)
	for _, prefix := range []string{"a/", "a//", "/", ".", "x.obj", "%"} {
		var under []string
		for _, k := range want {
			if strings.HasPrefix(k, prefix) {
				under = append(under, k)
			}
		}
		wantKeys(t, "list "+prefix, listAll(t, b, storage.ListOptions{Prefix: prefix}), under)
	}
	for _, k := range keys {
		if err := b.Delete(t.Context(), k, storage.DeleteOptions{}); err != nil {
			t.Fatalf("delete %q: %v", k, err)
		}
	}
	wantKeys(t, "list after deleting everything", listAll(t, b, storage.ListOptions{}), nil)
}
