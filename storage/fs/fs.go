package fs

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/s3db-go/s3db/storage"
)

const (
	lockName   = ".s3db.lock"
	tmpPattern = ".s3db-tmp-*"
	format     = 1
)

// Bucket is a storage.Bucket in a local folder. It is safe for concurrent
// use, also by several processes opening the same folder.
type Bucket struct {
	root string
	mu   sync.Mutex // with lock: serializes the check-and-commit of writers
	lock *os.File
}

var _ storage.Bucket = (*Bucket)(nil)

// header is the first line of an object file.
type header struct {
	Format int               `json:"format"`
	Key    string            `json:"key"`
	ETag   string            `json:"etag"`
	Meta   map[string]string `json:"meta,omitempty"`
}

// Open opens the bucket in dir, creating the folder if needed.
func Open(dir string) (*Bucket, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	lock, err := os.OpenFile(filepath.Join(root, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	return &Bucket{root: root, lock: lock}, nil
}

// begin checks ctx and the key and returns the key's file.
func (b *Bucket) begin(ctx context.Context, key string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := storage.ValidateKey(key); err != nil {
		return "", err
	}
	return b.path(key)
}

// lockWriters serializes a writer's check-and-commit with every other writer
// of the folder, in this process and others.
func (b *Bucket) lockWriters() (unlock func(), err error) {
	b.mu.Lock()
	if err := lockFile(b.lock); err != nil {
		b.mu.Unlock()
		return nil, fmt.Errorf("lock %s: %w", b.lock.Name(), err)
	}
	return func() {
		unlockFile(b.lock)
		b.mu.Unlock()
	}, nil
}

// objectFile is an open object file whose header has been read.
type objectFile struct {
	*os.File
	body *bufio.Reader // positioned at the body
	header
	size int64 // of the body
	mod  time.Time
}

// openObject opens the object file at path and reads its header.
func openObject(path string) (*objectFile, error) {
	f, err := os.Open(path)
	if errors.Is(err, iofs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil, storage.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	o := &objectFile{File: f, body: bufio.NewReader(f)}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	line, err := o.body.ReadBytes('\n')
	if err == nil {
		err = json.Unmarshal(line, &o.header)
	}
	if err == nil && o.Format != format {
		err = fmt.Errorf("unknown format %d", o.Format)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("corrupt object file %s: %w", path, err)
	}
	o.size = fi.Size() - int64(len(line))
	o.mod = fi.ModTime().UTC().Truncate(time.Second)
	return o, nil
}

// read returns the object in path, with its body if withBody.
func read(path, key string, withBody bool) (*storage.Object, error) {
	f, err := openObject(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	o := &storage.Object{Key: key, Meta: storage.CloneMeta(f.Meta), ETag: f.ETag, Size: f.size, LastModified: f.mod}
	if withBody {
		o.Body = make([]byte, f.size)
		if _, err := io.ReadFull(f.body, o.Body); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	return o, nil
}

// currentETag returns the ETag of the object in path, or ErrNotFound.
func currentETag(path string) (string, error) {
	f, err := openObject(path)
	if err != nil {
		return "", err
	}
	f.Close()
	return f.ETag, nil
}

// Get implements storage.Bucket.
func (b *Bucket) Get(ctx context.Context, key string) (*storage.Object, error) {
	path, err := b.begin(ctx, key)
	if err == nil {
		var o *storage.Object
		if o, err = read(path, key, true); err == nil {
			return o, nil
		}
	}
	return nil, fmt.Errorf("get %s: %w", key, err)
}

// Head implements storage.Bucket.
func (b *Bucket) Head(ctx context.Context, key string) (*storage.Object, error) {
	path, err := b.begin(ctx, key)
	if err == nil {
		var o *storage.Object
		if o, err = read(path, key, false); err == nil {
			return o, nil
		}
	}
	return nil, fmt.Errorf("head %s: %w", key, err)
}

// Put implements storage.Bucket.
func (b *Bucket) Put(ctx context.Context, key string, body []byte, meta map[string]string, opts storage.PutOptions) (string, error) {
	etag, err := b.put(ctx, key, body, meta, opts)
	if err != nil {
		return "", fmt.Errorf("put %s: %w", key, err)
	}
	return etag, nil
}

func (b *Bucket) put(ctx context.Context, key string, body []byte, meta map[string]string, opts storage.PutOptions) (string, error) {
	path, err := b.begin(ctx, key)
	if err != nil {
		return "", err
	}
	if err := storage.ValidatePut(key, meta, opts); err != nil {
		return "", err
	}
	h := header{Format: format, Key: key, ETag: storage.ETag(body), Meta: meta}
	tmp, err := writeTemp(filepath.Dir(path), &h, body)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp) // fails harmlessly once renamed
	if err := ctx.Err(); err != nil {
		return "", err
	}

	unlock, err := b.lockWriters()
	if err != nil {
		return "", err
	}
	defer unlock()
	if opts.IfNoneMatch || opts.IfMatch != "" {
		cur, err := currentETag(path)
		switch {
		case err != nil && !errors.Is(err, storage.ErrNotFound):
			return "", err
		case opts.IfNoneMatch && err == nil:
			return "", fmt.Errorf("%w: the key exists", storage.ErrPreconditionFailed)
		case opts.IfMatch != "" && err != nil:
			return "", fmt.Errorf("%w: the key does not exist", storage.ErrPreconditionFailed)
		case opts.IfMatch != "" && !storage.ETagsEqual(cur, opts.IfMatch):
			return "", fmt.Errorf("%w: the ETag is %s, not %s", storage.ErrPreconditionFailed, cur, opts.IfMatch)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", err
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return "", err
	}
	return h.ETag, nil
}

// writeTemp writes an object file to a new temporary file in dir, creating
// dir as needed, and fsyncs it.
func writeTemp(dir string, h *header, body []byte) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // Encode ends the line with '\n'
	enc.SetEscapeHTML(false)
	if err := enc.Encode(h); err != nil {
		return "", err
	}
	var f *os.File
	for attempt := 0; ; attempt++ {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		var err error
		f, err = os.CreateTemp(dir, tmpPattern)
		if err == nil {
			break
		}
		// A Delete may remove the directory between MkdirAll and CreateTemp
		// when it empties it; try again.
		if !errors.Is(err, iofs.ErrNotExist) || attempt == 10 {
			return "", err
		}
	}
	_, err := f.Write(buf.Bytes())
	if err == nil {
		_, err = f.Write(body)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Delete implements storage.Bucket.
func (b *Bucket) Delete(ctx context.Context, key string, opts storage.DeleteOptions) error {
	if err := b.delete(ctx, key, opts); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return nil
}

func (b *Bucket) delete(ctx context.Context, key string, opts storage.DeleteOptions) error {
	path, err := b.begin(ctx, key)
	if err != nil {
		return err
	}
	unlock, err := b.lockWriters()
	if err != nil {
		return err
	}
	if opts.IfMatch != "" {
		cur, err := currentETag(path)
		if err == nil && !storage.ETagsEqual(cur, opts.IfMatch) {
			err = fmt.Errorf("%w: the ETag is %s, not %s", storage.ErrPreconditionFailed, cur, opts.IfMatch)
		}
		if err != nil {
			unlock()
			return err
		}
	}
	err = os.Remove(path)
	unlock()
	if errors.Is(err, iofs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil
	}
	if err != nil {
		return err
	}
	// Remove the directories this left empty, best effort: a concurrent Put
	// may refill one, and then the removal fails harmlessly.
	dir := filepath.Dir(path)
	for dir != b.root && os.Remove(dir) == nil {
		dir = filepath.Dir(dir)
	}
	// A concurrent Delete of a sibling may have removed dir meanwhile: then
	// there is nothing left to sync.
	if err := syncDir(dir); err != nil && !errors.Is(err, iofs.ErrNotExist) {
		return err
	}
	return nil
}

// List implements storage.Bucket. The token is the last key of the page.
func (b *Bucket) List(ctx context.Context, opts storage.ListOptions) (storage.ListPage, error) {
	l := lister{ctx: ctx, prefix: opts.Prefix, after: opts.StartAfter, limit: opts.MaxKeys}
	if opts.Token != "" {
		l.after = opts.Token
	}
	if l.limit <= 0 || l.limit > storage.MaxListKeys {
		l.limit = storage.MaxListKeys
	}
	base := opts.Prefix[:strings.LastIndexByte(opts.Prefix, '/')+1]
	dir, err := b.dirPath(base)
	if err == nil {
		err = l.walk(dir, base)
	} else if errors.Is(err, storage.ErrInvalidKey) {
		err = nil // no key can have this prefix
	}
	if err != nil {
		return storage.ListPage{}, fmt.Errorf("list %s: %w", opts.Prefix, err)
	}
	return l.page, nil
}

// lister collects one page of keys in a depth-first walk in key order.
type lister struct {
	ctx           context.Context
	prefix, after string
	limit         int
	page          storage.ListPage
	done          bool
}

type entry struct {
	key   string // for a directory, the prefix of its keys, ending in '/'
	name  string
	isDir bool
}

// walk lists the keys in dir, all of which start with keyPrefix.
func (l *lister) walk(dir, keyPrefix string) error {
	if err := l.ctx.Err(); err != nil {
		return err
	}
	des, err := os.ReadDir(dir)
	if errors.Is(err, iofs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var ents []entry
	for _, de := range des {
		name := de.Name()
		switch {
		case strings.HasPrefix(name, "."): // the lock, temporary and foreign hidden files
		case de.IsDir():
			seg, ok := segmentFromDir(name)
			k := keyPrefix + seg + "/"
			// Descend if keys under k can match the prefix and some can come
			// after l.after: all of them are below it if it is past k and
			// does not start with k.
			if ok && (strings.HasPrefix(k, l.prefix) || strings.HasPrefix(l.prefix, k)) &&
				(l.after <= k || strings.HasPrefix(l.after, k)) {
				ents = append(ents, entry{key: k, name: name, isDir: true})
			}
		case de.Type().IsRegular():
			seg, ok := segmentFromFile(name)
			if k := keyPrefix + seg; ok && strings.HasPrefix(k, l.prefix) && k > l.after {
				ents = append(ents, entry{key: k, name: name})
			}
		}
	}
	// A directory's key ends in '/', which orders it among its siblings
	// exactly as its keys order among theirs.
	slices.SortFunc(ents, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	for _, e := range ents {
		path := filepath.Join(dir, e.name)
		if e.isDir {
			if err := l.walk(path, e.key); err != nil || l.done {
				return err
			}
			continue
		}
		if len(l.page.Objects) == l.limit {
			l.page.NextToken = l.page.Objects[l.limit-1].Key
			l.done = true
			return nil
		}
		o, err := read(path, e.key, false)
		if errors.Is(err, storage.ErrNotFound) {
			continue // deleted since ReadDir
		}
		if err != nil {
			return err
		}
		l.page.Objects = append(l.page.Objects, storage.ObjectInfo{Key: e.key, ETag: o.ETag, Size: o.Size, LastModified: o.LastModified})
	}
	return nil
}

// String returns the folder as a file URL.
func (b *Bucket) String() string { return "file://" + filepath.ToSlash(b.root) }

// Close releases the lock file; the data stays in the folder.
func (b *Bucket) Close() error { return b.lock.Close() }
