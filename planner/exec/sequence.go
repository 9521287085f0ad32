package exec

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// DefaultSequenceBlock is how many AUTO_INCREMENT values a connector
// reserves per request to a sequence when it needs fewer: 1, so that values
// are handed out in order across clients and none is skipped unless a
// statement fails. A larger block saves requests per INSERT but leaves gaps
// (a connector's unused values are lost when it closes) and makes values of
// different clients interleave out of order.
const DefaultSequenceBlock = 1

// Sequences hands out the values of AUTO_INCREMENT columns. Each column has
// one sequence object, resource=<table>/sequence=<code>/value, holding the
// highest value reserved so far (decimal text). A reservation reads it and
// writes it back raised with compare-and-swap (If-Match; If-None-Match for the
// first), retrying when another client got there first: concurrent inserters
// never get the same value. A connector keeps what it reserved beyond its
// need (Block) for its next INSERTs.
type Sequences struct {
	Block int64 // values reserved per request at least; < 1 means 1

	mu     sync.Mutex
	blocks map[string]*seqBlock
}

// seqBlock is a connector's reserved, unused range [next, end).
type seqBlock struct{ next, end int64 }

// NewSequences returns a sequence cache reserving block values per request.
func NewSequences(block int64) *Sequences {
	return &Sequences{Block: max(block, 1), blocks: map[string]*seqBlock{}}
}

func (env *Env) sequences() *Sequences {
	if env.Sequences == nil {
		env.Sequences = NewSequences(DefaultSequenceBlock)
	}
	return env.Sequences
}

// seqCacheKey names a column's sequence for the cache: a table dropped and
// created again under the same name has a new sequence.
func seqCacheKey(t *schema.Table, c *schema.Column) string {
	return record.SequenceKey(t.StorageName(), c.Code) + "@" + strconv.FormatInt(t.CreatedAt.UnixNano(), 10)
}

// reserve returns the first of n consecutive new values of the column's
// sequence.
func (s *Sequences) reserve(ctx context.Context, b storage.Bucket, t *schema.Table, c *schema.Column, n int64) (int64, error) {
	ck := seqCacheKey(t, c)
	s.mu.Lock()
	if blk := s.blocks[ck]; blk != nil && blk.end-blk.next >= n {
		first := blk.next
		blk.next += n
		s.mu.Unlock()
		return first, nil
	}
	s.mu.Unlock()
	want := max(n, s.Block)
	first, err := advance(ctx, b, t, c, func(cur int64) (int64, bool, error) {
		if cur > seqMax(c)-want {
			return 0, false, fmt.Errorf("table %s: the AUTO_INCREMENT sequence of column %s is exhausted (%d; %s holds at most %d)", t.Name, c.Name, cur, c.Type.SQL(), seqMax(c))
		}
		return cur + want, true, nil
	})
	if err != nil {
		return 0, err
	}
	if want > n {
		s.mu.Lock()
		s.blocks[ck] = &seqBlock{next: first + n, end: first + want}
		s.mu.Unlock()
	}
	return first, nil
}

// observe raises the sequence to v when a row was written with an explicit
// value v above it, so that later generated values do not collide with it
// (MySQL's rule). The connector's cached block is dropped if v reaches it.
func (s *Sequences) observe(ctx context.Context, b storage.Bucket, t *schema.Table, c *schema.Column, v int64) error {
	ck := seqCacheKey(t, c)
	s.mu.Lock()
	if blk := s.blocks[ck]; blk != nil && v >= blk.next {
		delete(s.blocks, ck)
	}
	s.mu.Unlock()
	_, err := advance(ctx, b, t, c, func(cur int64) (int64, bool, error) { return v, v > cur, nil })
	return err
}

// seqMax is the largest value the column holds (values are int64 here).
func seqMax(c *schema.Column) int64 {
	if c.Type.Kind == schema.KindUint {
		return int64(min(c.Type.UMax, math.MaxInt64))
	}
	return c.Type.Max
}

// advance changes the sequence object with compare-and-swap: next maps the
// current value (0 when there is none yet) to the new one, or says there is
// nothing to write. It returns the current value + 1, the first of the
// values the change reserved.
func advance(ctx context.Context, b storage.Bucket, t *schema.Table, c *schema.Column, next func(int64) (int64, bool, error)) (int64, error) {
	key := record.SequenceKey(t.StorageName(), c.Code)
	for attempt := 0; ; attempt++ {
		var cur int64
		opts := storage.PutOptions{IfNoneMatch: true}
		obj, err := b.Get(ctx, key)
		switch {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			return 0, fmt.Errorf("read AUTO_INCREMENT sequence %s: %w", key, err)
		default:
			text := strings.TrimSpace(string(obj.Body))
			if cur, err = strconv.ParseInt(text, 10, 64); err != nil || cur < 0 {
				return 0, fmt.Errorf("AUTO_INCREMENT sequence %s is corrupt: %q", key, schema.Truncate(text, 30))
			}
			opts = storage.PutOptions{IfMatch: obj.ETag}
		}
		v, write, err := next(cur)
		if err != nil || !write {
			return cur + 1, err
		}
		_, err = b.Put(ctx, key, []byte(strconv.FormatInt(v, 10)), nil, opts)
		if err == nil {
			return cur + 1, nil
		}
		if !errors.Is(err, storage.ErrPreconditionFailed) {
			return 0, fmt.Errorf("write AUTO_INCREMENT sequence %s: %w", key, err)
		}
		if attempt == maxConflicts {
			return 0, fmt.Errorf("AUTO_INCREMENT sequence %s: gave up after %d conflicting concurrent writes", key, maxConflicts)
		}
		if err := schema.Backoff(ctx, attempt); err != nil {
			return 0, err
		}
	}
}

// autoIncrement gives the rows of an INSERT whose AUTO_INCREMENT column is
// NULL or 0 (after BEFORE triggers, as MySQL) consecutive new values, and
// raises the sequence past explicit values. It returns the first generated
// value (LAST_INSERT_ID) and whether any was generated.
func (env *Env) autoIncrement(ctx context.Context, b storage.Bucket, t *schema.Table, rows [][]any) (int64, bool, error) {
	ai := t.AutoIncrementColumn()
	if ai < 0 {
		return 0, false, nil
	}
	c := t.Columns[ai]
	var need []int
	var explicit int64
	for r, row := range rows {
		v, err := schema.Coerce(c.Type, row[ai])
		if err != nil {
			return 0, false, rowError(len(rows), r, fmt.Errorf("table %s, column '%s': %w", t.Name, c.Name, err))
		}
		switch x := v.(type) {
		case nil:
			need = append(need, r)
		case int64:
			if x == 0 {
				need = append(need, r)
			}
			explicit = max(explicit, x)
		case uint64:
			if x == 0 {
				need = append(need, r)
			}
			explicit = max(explicit, int64(min(x, math.MaxInt64)))
		}
	}
	seq := env.sequences()
	if explicit > 0 {
		if err := seq.observe(ctx, b, t, c, explicit); err != nil {
			return 0, false, err
		}
	}
	if len(need) == 0 {
		return 0, false, nil
	}
	first, err := seq.reserve(ctx, b, t, c, int64(len(need)))
	if err != nil {
		return 0, false, err
	}
	for i, r := range need {
		rows[r][ai] = first + int64(i)
	}
	return first, true, nil
}
