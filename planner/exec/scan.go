package exec

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// fetched is the outcome of one row GET, delivered in key order.
type fetched struct {
	row  Row
	skip bool // the object vanished between LIST and GET (a concurrent DELETE)
	err  error
}

// fullScan streams rows: one goroutine takes row keys from a keySource (the
// table's LIST pages, or a partition's entries) and starts a GET per key (at
// most `concurrency` in flight); Next returns the rows in key order as they
// arrive. Memory is bounded by the window of in-flight rows, not by the
// table; Close (or an early LIMIT) cancels the outstanding requests.
type fullScan struct {
	cancel  context.CancelFunc
	results chan chan fetched
	done    chan struct{}
}

// keySource lists row keys (with their ETag when known, and the partition
// entry they come from, if any) in order, calling emit for each until emit
// returns false.
type keySource func(ctx context.Context, emit func(key, etag, entry string) bool) error

// entryFill completes a keys-only row with the values an entry key holds.
type entryFill func(row []any, entry string) error

// tableKeys lists a table's row keys, a LIST page at a time.
func tableKeys(t *schema.Table, b storage.Bucket) keySource {
	return func(ctx context.Context, emit func(key, etag, entry string) bool) error {
		return listAll(ctx, b, storage.ListOptions{Prefix: record.DataPrefix(t.StorageName())}, func(o storage.ObjectInfo) bool {
			return emit(o.Key, o.ETag, "")
		})
	}
}

// listAll lists every key under opts, page by page, until fn returns false.
func listAll(ctx context.Context, b storage.Bucket, opts storage.ListOptions, fn func(storage.ObjectInfo) bool) error {
	for {
		page, err := b.List(ctx, opts)
		if err != nil {
			return err
		}
		for _, o := range page.Objects {
			if !fn(o) {
				return nil
			}
		}
		if page.NextToken == "" {
			return nil
		}
		opts.Token = page.NextToken
	}
}

func newFullScan(ctx context.Context, t *schema.Table, b storage.Bucket, sec record.Secrets, concurrency int, keysOnly bool) *fullScan {
	return newScan(ctx, t, b, sec, concurrency, keysOnly, tableKeys(t, b), nil)
}

func newScan(ctx context.Context, t *schema.Table, b storage.Bucket, sec record.Secrets, concurrency int, keysOnly bool, src keySource, fill entryFill) *fullScan {
	ctx, cancel := context.WithCancel(ctx)
	s := &fullScan{cancel: cancel, results: make(chan chan fetched, concurrency), done: make(chan struct{})}
	go s.produce(ctx, t, b, sec, concurrency, keysOnly, src, fill)
	return s
}

func (s *fullScan) produce(ctx context.Context, t *schema.Table, b storage.Bucket, sec record.Secrets, concurrency int, keysOnly bool, src keySource, fill entryFill) {
	defer close(s.done)
	defer close(s.results)
	sem := make(chan struct{}, concurrency)
	send := func(ch chan fetched) bool {
		select {
		case s.results <- ch:
			return true
		case <-ctx.Done():
			return false
		}
	}
	err := src(ctx, func(key, etag, entry string) bool {
		ch := make(chan fetched, 1)
		if keysOnly {
			f := keyRow(t, key, etag)
			if f.err == nil && fill != nil && entry != "" {
				f.err = fill(f.row.Values, entry)
			}
			ch <- f
		} else {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			go func() {
				defer func() { <-sem }()
				ch <- getRow(ctx, t, b, key, sec)
			}()
		}
		return send(ch)
	})
	if err != nil && ctx.Err() == nil {
		ch := make(chan fetched, 1)
		ch <- fetched{err: fmt.Errorf("scan %s: %w", t.Name, err)}
		send(ch)
	}
}

func keyRow(t *schema.Table, key, etag string) fetched {
	pk, err := record.ParseKey(t, key)
	if err != nil {
		return fetched{err: err}
	}
	vals := make([]any, len(t.Columns))
	vals[t.PKIndex()] = pk
	return fetched{row: Row{Values: vals, ETag: etag}}
}

// getRow reads and decodes one row; a missing object is skipped.
func getRow(ctx context.Context, t *schema.Table, b storage.Bucket, key string, sec record.Secrets) fetched {
	obj, err := b.Get(ctx, key)
	if errors.Is(err, storage.ErrNotFound) {
		return fetched{skip: true}
	}
	if err != nil {
		return fetched{err: fmt.Errorf("read row: %w", err)}
	}
	vals, err := record.DecodeWith(t, obj, sec)
	if err != nil {
		return fetched{err: err}
	}
	return fetched{row: Row{Values: vals, ETag: obj.ETag}}
}

func (s *fullScan) Next(ctx context.Context) (Row, error) {
	for {
		var ch chan fetched
		var ok bool
		select {
		case ch, ok = <-s.results:
		case <-ctx.Done():
			return Row{}, ctx.Err()
		}
		if !ok {
			return Row{}, io.EOF
		}
		var f fetched
		select {
		case f = <-ch:
		case <-ctx.Done():
			return Row{}, ctx.Err()
		}
		if f.err != nil {
			return Row{}, f.err
		}
		if !f.skip {
			return f.row, nil
		}
	}
}

func (s *fullScan) Close() error {
	s.cancel()
	<-s.done
	return nil
}

// pointGet reads rows by primary key, in the order the keys were given,
// each key once; absent keys produce no row.
type pointGet struct {
	rows []Row
	i    int
}

func newPointGet(ctx context.Context, n *planner.PointGet, env *Env) (Iterator, error) {
	pk := n.Table.Columns[n.Table.PKIndex()]
	var keys []string
	seen := map[string]bool{}
	for _, e := range n.Keys {
		v, err := env.constant(e)
		if err != nil {
			return nil, err
		}
		if v == nil {
			continue // pk = NULL matches nothing
		}
		if v, err = schema.Coerce(pk.Type, v); err != nil {
			continue // a key of the wrong shape matches no row
		}
		key := record.Key(n.Table.StorageName(), v)
		if !seen[key] {
			seen[key] = true
			keys = append(keys, key)
		}
	}
	b := env.bucketFor(n)
	results := make([]fetched, len(keys))
	parallel(len(keys), env.concurrency(), func(i int) { results[i] = getRow(ctx, n.Table, b, keys[i], env.secrets()) })
	it := &pointGet{}
	for _, f := range results {
		if f.err != nil {
			return nil, f.err
		}
		if !f.skip {
			it.rows = append(it.rows, f.row)
		}
	}
	return it, nil
}

func (p *pointGet) Next(context.Context) (Row, error) {
	if p.i >= len(p.rows) {
		return Row{}, io.EOF
	}
	p.i++
	return p.rows[p.i-1], nil
}

func (p *pointGet) Close() error { return nil }
