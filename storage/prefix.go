package storage

import (
	"context"
	"fmt"
	"strings"
)

// WithPrefix returns a view of b in which every key is stored as
// prefix+"/"+key, so that several databases can share one bucket. List
// results have the prefix stripped and their tokens stay valid for the view.
// The prefix is given without a trailing slash (one is tolerated); an empty
// prefix returns b itself. Closing the view closes b.
func WithPrefix(b Bucket, prefix string) Bucket {
	prefix = strings.TrimRight(prefix, "/")
	if prefix == "" {
		return b
	}
	return &prefixed{b: b, p: prefix + "/"}
}

type prefixed struct {
	b Bucket
	p string // with the trailing slash
}

func (p *prefixed) Get(ctx context.Context, key string) (*Object, error) {
	if err := ValidateKey(key); err != nil {
		return nil, fmt.Errorf("get %s: %w", key, err)
	}
	o, err := p.b.Get(ctx, p.p+key)
	if err != nil {
		return nil, err
	}
	o.Key = key
	return o, nil
}

func (p *prefixed) Head(ctx context.Context, key string) (*Object, error) {
	if err := ValidateKey(key); err != nil {
		return nil, fmt.Errorf("head %s: %w", key, err)
	}
	o, err := p.b.Head(ctx, p.p+key)
	if err != nil {
		return nil, err
	}
	o.Key = key
	return o, nil
}

func (p *prefixed) Put(ctx context.Context, key string, body []byte, meta map[string]string, opts PutOptions) (string, error) {
	if err := ValidateKey(key); err != nil {
		return "", fmt.Errorf("put %s: %w", key, err)
	}
	return p.b.Put(ctx, p.p+key, body, meta, opts)
}

func (p *prefixed) Delete(ctx context.Context, key string, opts DeleteOptions) error {
	if err := ValidateKey(key); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return p.b.Delete(ctx, p.p+key, opts)
}

func (p *prefixed) List(ctx context.Context, opts ListOptions) (ListPage, error) {
	opts.Prefix = p.p + opts.Prefix
	if opts.StartAfter != "" {
		opts.StartAfter = p.p + opts.StartAfter
	}
	page, err := p.b.List(ctx, opts)
	for i := range page.Objects {
		page.Objects[i].Key = strings.TrimPrefix(page.Objects[i].Key, p.p)
	}
	return page, err
}

func (p *prefixed) String() string { return fmt.Sprintf("%s, prefix %s", p.b, p.p) }

func (p *prefixed) Close() error { return p.b.Close() }
