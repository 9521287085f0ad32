package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Op is a kind of Bucket request.
type Op int

// The five requests.
const (
	OpGet Op = iota
	OpHead
	OpPut
	OpDelete
	OpList
)

// String returns the request's name in capitals, as in "GET".
func (o Op) String() string {
	switch o {
	case OpGet:
		return "GET"
	case OpHead:
		return "HEAD"
	case OpPut:
		return "PUT"
	case OpDelete:
		return "DELETE"
	case OpList:
		return "LIST"
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// ErrInjected is the error FailNext and LoseNext inject when given nil.
var ErrInjected = errors.New("injected fault")

// Faulty is a Bucket that fails chosen requests, for tests. A request is
// matched by its Op and its key (for List, ListOptions.Prefix). Injected
// errors are wrapped like a backend's ("put users/data/id=1: injected
// fault"). It is safe for concurrent use.
type Faulty struct {
	b     Bucket
	mu    sync.Mutex
	rules []*faultRule
	hook  func(ctx context.Context, op Op, key string) error
}

type faultRule struct {
	op     Op
	prefix string
	n      int
	err    error
	lost   bool // run the request, then return err: the response was lost
}

var _ Bucket = (*Faulty)(nil)

// NewFaulty wraps b, initially without faults. Closing the Faulty closes b.
func NewFaulty(b Bucket) *Faulty { return &Faulty{b: b} }

// FailNext makes the next n requests of kind op on a key starting with
// keyPrefix fail with err (ErrInjected if nil) without reaching the bucket.
func (f *Faulty) FailNext(op Op, keyPrefix string, n int, err error) {
	f.addRule(&faultRule{op: op, prefix: keyPrefix, n: n, err: err})
}

// LoseNext is like FailNext, but the requests do reach the bucket and take
// effect; only their response is replaced by err, as when a connection drops
// after the server acted. It tests that callers treat an error on a write as
// an unknown outcome.
func (f *Faulty) LoseNext(op Op, keyPrefix string, n int, err error) {
	f.addRule(&faultRule{op: op, prefix: keyPrefix, n: n, err: err, lost: true})
}

func (f *Faulty) addRule(r *faultRule) {
	if r.err == nil {
		r.err = ErrInjected
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = append(f.rules, r)
}

// SetHook installs hook, called before every request (after none, if nil).
// A non-nil error fails the request without reaching the bucket; the hook
// may also sleep to inject latency, and should then honour ctx.
func (f *Faulty) SetHook(hook func(ctx context.Context, op Op, key string) error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook = hook
}

// Reset removes every pending fault and the hook.
func (f *Faulty) Reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules, f.hook = nil, nil
}

// inject decides the fate of a request: fail is returned instead of calling
// the bucket, lost after calling it.
func (f *Faulty) inject(ctx context.Context, op Op, key string) (fail, lost error) {
	wrap := func(err error) error { return fmt.Errorf("%s %s: %w", strings.ToLower(op.String()), key, err) }
	f.mu.Lock()
	hook := f.hook
	f.mu.Unlock()
	if hook != nil {
		if err := hook(ctx, op, key); err != nil {
			return wrap(err), nil
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, r := range f.rules {
		if r.op != op || !strings.HasPrefix(key, r.prefix) {
			continue
		}
		if r.n--; r.n <= 0 {
			f.rules = append(f.rules[:i:i], f.rules[i+1:]...)
		}
		if r.lost {
			return nil, wrap(r.err)
		}
		return wrap(r.err), nil
	}
	return nil, nil
}

// Get implements Bucket.
func (f *Faulty) Get(ctx context.Context, key string) (*Object, error) {
	fail, lost := f.inject(ctx, OpGet, key)
	if fail != nil {
		return nil, fail
	}
	o, err := f.b.Get(ctx, key)
	if lost != nil {
		return nil, lost
	}
	return o, err
}

// Head implements Bucket.
func (f *Faulty) Head(ctx context.Context, key string) (*Object, error) {
	fail, lost := f.inject(ctx, OpHead, key)
	if fail != nil {
		return nil, fail
	}
	o, err := f.b.Head(ctx, key)
	if lost != nil {
		return nil, lost
	}
	return o, err
}

// Put implements Bucket.
func (f *Faulty) Put(ctx context.Context, key string, body []byte, meta map[string]string, opts PutOptions) (string, error) {
	fail, lost := f.inject(ctx, OpPut, key)
	if fail != nil {
		return "", fail
	}
	etag, err := f.b.Put(ctx, key, body, meta, opts)
	if lost != nil {
		return "", lost
	}
	return etag, err
}

// Delete implements Bucket.
func (f *Faulty) Delete(ctx context.Context, key string, opts DeleteOptions) error {
	fail, lost := f.inject(ctx, OpDelete, key)
	if fail != nil {
		return fail
	}
	err := f.b.Delete(ctx, key, opts)
	if lost != nil {
		return lost
	}
	return err
}

// List implements Bucket. Faults match on opts.Prefix.
func (f *Faulty) List(ctx context.Context, opts ListOptions) (ListPage, error) {
	fail, lost := f.inject(ctx, OpList, opts.Prefix)
	if fail != nil {
		return ListPage{}, fail
	}
	p, err := f.b.List(ctx, opts)
	if lost != nil {
		return ListPage{}, lost
	}
	return p, err
}

// String implements Bucket.
func (f *Faulty) String() string { return f.b.String() }

// Close closes the wrapped Bucket.
func (f *Faulty) Close() error { return f.b.Close() }
