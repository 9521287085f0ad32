package storage

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
)

// Counts is a number of requests per operation.
type Counts struct {
	Get, Head, Put, Delete, List int64
}

// Total is the number of requests of every kind.
func (c Counts) Total() int64 { return c.Get + c.Head + c.Put + c.Delete + c.List }

// Sub returns c minus other, the requests made between two snapshots.
func (c Counts) Sub(other Counts) Counts {
	return Counts{
		Get:    c.Get - other.Get,
		Head:   c.Head - other.Head,
		Put:    c.Put - other.Put,
		Delete: c.Delete - other.Delete,
		List:   c.List - other.List,
	}
}

// String lists the non-zero counts in the order a statement usually runs,
// "LIST 1, GET 3", or "none".
func (c Counts) String() string {
	var parts []string
	for _, p := range []struct {
		name string
		n    int64
	}{{"LIST", c.List}, {"GET", c.Get}, {"PUT", c.Put}, {"HEAD", c.Head}, {"DELETE", c.Delete}} {
		if p.n != 0 {
			parts = append(parts, fmt.Sprintf("%s %d", p.name, p.n))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// Counting is a Bucket that counts the requests made through it. Every call
// counts, failed ones included: a request was made. It is safe for
// concurrent use.
type Counting struct {
	b                            Bucket
	get, head, put, delete, list atomic.Int64
}

var _ Bucket = (*Counting)(nil)

// NewCounting wraps b. Closing the Counting closes b.
func NewCounting(b Bucket) *Counting { return &Counting{b: b} }

// Counts returns the requests made so far (since the last Reset).
func (c *Counting) Counts() Counts {
	return Counts{
		Get:    c.get.Load(),
		Head:   c.head.Load(),
		Put:    c.put.Load(),
		Delete: c.delete.Load(),
		List:   c.list.Load(),
	}
}

// Reset sets every count to zero.
func (c *Counting) Reset() {
	for _, n := range []*atomic.Int64{&c.get, &c.head, &c.put, &c.delete, &c.list} {
		n.Store(0)
	}
}

// Get implements Bucket.
func (c *Counting) Get(ctx context.Context, key string) (*Object, error) {
	c.get.Add(1)
	return c.b.Get(ctx, key)
}

// Head implements Bucket.
func (c *Counting) Head(ctx context.Context, key string) (*Object, error) {
	c.head.Add(1)
	return c.b.Head(ctx, key)
}

// Put implements Bucket.
func (c *Counting) Put(ctx context.Context, key string, body []byte, meta map[string]string, opts PutOptions) (string, error) {
	c.put.Add(1)
	return c.b.Put(ctx, key, body, meta, opts)
}

// Delete implements Bucket.
func (c *Counting) Delete(ctx context.Context, key string, opts DeleteOptions) error {
	c.delete.Add(1)
	return c.b.Delete(ctx, key, opts)
}

// List implements Bucket.
func (c *Counting) List(ctx context.Context, opts ListOptions) (ListPage, error) {
	c.list.Add(1)
	return c.b.List(ctx, opts)
}

// String implements Bucket.
func (c *Counting) String() string { return c.b.String() }

// Close closes the wrapped Bucket.
func (c *Counting) Close() error { return c.b.Close() }
