package mem

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/s3db-go/s3db/storage"
)

// Bucket is an in-memory storage.Bucket. It is safe for concurrent use.
type Bucket struct {
	name string

	mu      sync.Mutex
	objs    map[string]*object
	sorted  []string // sorted keys; may still hold deleted ones
	pending []string // keys created since the last merge into sorted
	deleted int      // keys deleted since the last merge
}

// object is one stored version. It is never modified once stored.
type object struct {
	body []byte
	meta map[string]string
	etag string
	mod  time.Time
}

var _ storage.Bucket = (*Bucket)(nil)

var (
	registryMu sync.Mutex
	registry   = map[string]*Bucket{}
	anonymous  atomic.Int64
)

// Open returns the bucket called name, creating it empty on first use. Every
// Open of the same name in the process returns the same bucket.
func Open(name string) *Bucket {
	registryMu.Lock()
	defer registryMu.Unlock()
	b, ok := registry[name]
	if !ok {
		b = newBucket("mem://" + name)
		registry[name] = b
	}
	return b
}

// New returns a fresh, empty bucket that no Open can reach.
func New() *Bucket {
	return newBucket(fmt.Sprintf("mem (anonymous #%d)", anonymous.Add(1)))
}

func newBucket(name string) *Bucket {
	return &Bucket{name: name, objs: map[string]*object{}}
}

// lookup returns the current version of key.
func (b *Bucket) lookup(ctx context.Context, op, key string) (*object, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", op, key, err)
	}
	if err := storage.ValidateKey(key); err != nil {
		return nil, fmt.Errorf("%s %s: %w", op, key, err)
	}
	b.mu.Lock()
	o := b.objs[key]
	b.mu.Unlock()
	if o == nil {
		return nil, fmt.Errorf("%s %s: %w", op, key, storage.ErrNotFound)
	}
	return o, nil
}

func (o *object) info(key string) *storage.Object {
	return &storage.Object{
		Key:          key,
		Meta:         storage.CloneMeta(o.meta),
		ETag:         o.etag,
		Size:         int64(len(o.body)),
		LastModified: o.mod,
	}
}

// Get implements storage.Bucket.
func (b *Bucket) Get(ctx context.Context, key string) (*storage.Object, error) {
	o, err := b.lookup(ctx, "get", key)
	if err != nil {
		return nil, err
	}
	obj := o.info(key)
	obj.Body = append([]byte{}, o.body...)
	return obj, nil
}

// Head implements storage.Bucket.
func (b *Bucket) Head(ctx context.Context, key string) (*storage.Object, error) {
	o, err := b.lookup(ctx, "head", key)
	if err != nil {
		return nil, err
	}
	return o.info(key), nil
}

// Put implements storage.Bucket.
func (b *Bucket) Put(ctx context.Context, key string, body []byte, meta map[string]string, opts storage.PutOptions) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("put %s: %w", key, err)
	}
	if err := storage.ValidatePut(key, meta, opts); err != nil {
		return "", fmt.Errorf("put %s: %w", key, err)
	}
	o := &object{
		body: append([]byte{}, body...),
		meta: storage.CloneMeta(meta),
		etag: storage.ETag(body),
		mod:  time.Now().UTC().Truncate(time.Second),
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	cur := b.objs[key]
	switch {
	case opts.IfNoneMatch && cur != nil:
		return "", fmt.Errorf("put %s: %w: the key exists", key, storage.ErrPreconditionFailed)
	case opts.IfMatch != "" && cur == nil:
		return "", fmt.Errorf("put %s: %w: the key does not exist", key, storage.ErrPreconditionFailed)
	case opts.IfMatch != "" && !storage.ETagsEqual(cur.etag, opts.IfMatch):
		return "", fmt.Errorf("put %s: %w: the ETag is %s, not %s", key, storage.ErrPreconditionFailed, cur.etag, opts.IfMatch)
	}
	if cur == nil {
		b.pending = append(b.pending, key)
	}
	b.objs[key] = o
	return o.etag, nil
}

// Delete implements storage.Bucket.
func (b *Bucket) Delete(ctx context.Context, key string, opts storage.DeleteOptions) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	if err := storage.ValidateKey(key); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	cur := b.objs[key]
	if opts.IfMatch != "" {
		if cur == nil {
			return fmt.Errorf("delete %s: %w", key, storage.ErrNotFound)
		}
		if !storage.ETagsEqual(cur.etag, opts.IfMatch) {
			return fmt.Errorf("delete %s: %w: the ETag is %s, not %s", key, storage.ErrPreconditionFailed, cur.etag, opts.IfMatch)
		}
	}
	if cur != nil {
		delete(b.objs, key)
		b.deleted++
	}
	return nil
}

// List implements storage.Bucket. The token is the last key of the page.
func (b *Bucket) List(ctx context.Context, opts storage.ListOptions) (storage.ListPage, error) {
	if err := ctx.Err(); err != nil {
		return storage.ListPage{}, fmt.Errorf("list %s: %w", opts.Prefix, err)
	}
	limit := opts.MaxKeys
	if limit <= 0 || limit > storage.MaxListKeys {
		limit = storage.MaxListKeys
	}
	after := opts.StartAfter
	if opts.Token != "" {
		after = opts.Token
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.pending) > 0 || b.deleted > 0 {
		b.merge()
	}
	i, _ := slices.BinarySearch(b.sorted, opts.Prefix) // the first key >= Prefix
	j, found := slices.BinarySearch(b.sorted, after)   // the first key >= after
	if found {
		j++
	}
	i = max(i, j)
	var page storage.ListPage
	for ; i < len(b.sorted) && strings.HasPrefix(b.sorted[i], opts.Prefix); i++ {
		if len(page.Objects) == limit {
			page.NextToken = page.Objects[limit-1].Key
			break
		}
		k := b.sorted[i]
		o := b.objs[k]
		page.Objects = append(page.Objects, storage.ObjectInfo{Key: k, ETag: o.etag, Size: int64(len(o.body)), LastModified: o.mod})
	}
	return page, nil
}

// merge folds pending into sorted and drops deleted keys, in O(n).
func (b *Bucket) merge() {
	slices.Sort(b.pending)
	merged := make([]string, 0, len(b.objs))
	s, p := b.sorted, b.pending
	for len(s) > 0 || len(p) > 0 {
		var k string
		if len(p) == 0 || (len(s) > 0 && s[0] <= p[0]) {
			k, s = s[0], s[1:]
		} else {
			k, p = p[0], p[1:]
		}
		if _, live := b.objs[k]; live && (len(merged) == 0 || merged[len(merged)-1] != k) {
			merged = append(merged, k)
		}
	}
	b.sorted, b.pending, b.deleted = merged, nil, 0
}

// String returns "mem://name", or a description of an anonymous bucket.
func (b *Bucket) String() string { return b.name }

// Close does nothing: the data stays for the next Open of the same name.
func (b *Bucket) Close() error { return nil }
