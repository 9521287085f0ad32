package exec

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// maxConflicts bounds the re-read-and-retry loop of one row's UPDATE/DELETE.
const maxConflicts = 100

// rowOp writes one row conditionally on r.ETag. It returns whether a request
// changed the row and the row as written (nil for a delete), or
// storage.ErrPreconditionFailed when another writer got there first.
type rowOp func(ctx context.Context, b storage.Bucket, key string, r Row) (changed bool, newRow []any, err error)

// mutate runs op on every row the input produces (up to LIMIT), with bounded
// parallelism. A row whose write loses a race is re-read and, if it still
// matches WHERE, written again from its new version, so concurrent updates
// are never lost (`SET n = n + 1` from N clients adds exactly N).
//
// After each row is written, its AFTER triggers run and listeners get the
// change. A table with triggers for the event has its rows handled one at a
// time, in order (events/doc.go).
func mutate(ctx context.Context, node, input planner.Node, t *schema.Table, where, limit sqlparse.Expr, env *Env, trig *rowTriggers, event string, op rowOp) (int64, error) {
	lim, err := env.count(limit, "LIMIT")
	if err != nil || lim == 0 {
		return 0, err
	}
	var cond *eval.Expr
	if where != nil {
		if cond, err = eval.Compile(where, input.Schema()); err != nil {
			return 0, err
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	it, err := Open(ctx, input, env)
	if err != nil {
		return 0, err
	}
	defer it.Close()
	b := env.bucketFor(node)
	var (
		affected atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
		sem      = make(chan struct{}, env.concurrency())
	)
	if trig != nil {
		sem = make(chan struct{}, 1)
	}
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}
	apply := func(r Row) {
		key := record.Key(t.StorageName(), r.Values[t.PKIndex()])
		for attempt := 0; ; attempt++ {
			changed, newRow, err := op(ctx, b, key, r)
			if err == nil {
				if changed {
					affected.Add(1)
					if err := trig.runAfter(ctx, env, newRow, r.Values); err != nil {
						fail(err)
					} else if err := env.publish(ctx, t, event, newRow, r.Values); err != nil {
						fail(err)
					}
				}
				return
			}
			if !errors.Is(err, storage.ErrPreconditionFailed) {
				fail(fmt.Errorf("row %s: %w", schema.Quote(r.Values[t.PKIndex()]), err))
				return
			}
			if attempt == maxConflicts {
				fail(fmt.Errorf("row %s: gave up after %d conflicting concurrent writes", schema.Quote(r.Values[t.PKIndex()]), maxConflicts))
				return
			}
			if err := schema.Backoff(ctx, attempt); err != nil {
				fail(err)
				return
			}
			f := getRow(ctx, t, b, key, env.secrets())
			if f.err != nil {
				fail(f.err)
				return
			}
			if f.skip {
				return // deleted meanwhile
			}
			if cond != nil {
				ok, err := env.matches(cond, f.row.Values)
				if err != nil || !ok {
					if err != nil {
						fail(err)
					}
					return // no longer matches WHERE
				}
			}
			r = f.row
		}
	}
	var matched int64
	err = drain(ctx, it, func(r Row) error {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			apply(r)
		}()
		if matched++; lim > 0 && matched == lim {
			return errStop // LIMIT reached: read no further row
		}
		return nil
	})
	wg.Wait()
	if firstErr != nil {
		return affected.Load(), firstErr
	}
	if err != nil && !errors.Is(err, errStop) {
		return affected.Load(), err
	}
	return affected.Load(), nil
}

var errStop = errors.New("stop")

func update(ctx context.Context, n *planner.Update, env *Env) (int64, error) {
	in := n.Input.Schema()
	sets := make([]*eval.Expr, len(n.Set))
	for i, a := range n.Set {
		c, err := eval.Compile(a.Value, in)
		if err != nil {
			return 0, err
		}
		sets[i] = c
	}
	t := n.Table
	trig, err := env.triggers(t, "UPDATE")
	if err != nil {
		return 0, err
	}
	op := func(ctx context.Context, b storage.Bucket, key string, r Row) (bool, []any, error) {
		row := append([]any(nil), r.Values...)
		ev := env.evalEnv(r.Values)
		for i, a := range n.Set {
			v, err := sets[i].Eval(ev)
			if err != nil {
				return false, nil, err
			}
			row[a.Index] = v
		}
		if err := trig.runBefore(ctx, env, row, r.Values); err != nil {
			return false, nil, err
		}
		if err := checkRow(t, row); err != nil {
			return false, nil, err
		}
		if rowKey(row) == rowKey(r.Values) {
			return false, nil, nil // unchanged: MySQL counts changed rows only
		}
		if err := stamp(t, row, r.Values, env.Now); err != nil { // constraint.go
			return false, nil, err
		}
		if err := env.checkConstraints(t, row); err != nil {
			return false, nil, err
		}
		enc, err := record.EncodeWith(t, row, env.secrets())
		if err != nil {
			return false, nil, err
		}
		added, removed, err := changedEntries(t, r.Values, row)
		if err != nil {
			return false, nil, err
		}
		claims, err := acquireClaims(ctx, b, t, env.secrets(), row, r.Values) // new UNIQUE values first
		if err != nil {
			return false, nil, err
		}
		if _, err = b.Put(ctx, key, enc.Body, enc.Meta, storage.PutOptions{IfMatch: r.ETag}); err != nil {
			releaseClaims(context.WithoutCancel(ctx), b, claims)
			return false, nil, err
		}
		if err := dropClaims(ctx, b, t, r.Values, row); err != nil {
			return true, row, err
		}
		// The row moved in its partitions: new entries, then old ones gone.
		if err := putEntries(ctx, b, added, env.concurrency()); err != nil {
			return true, row, err
		}
		if err := deleteEntries(ctx, b, removed, env.concurrency()); err != nil {
			return true, row, err
		}
		return true, row, settleEntries(ctx, env, b, t, key, added)
	}
	return mutate(ctx, n, n.Input, t, n.Where, n.Limit, env, trig, "UPDATE", op)
}

func deleteRows(ctx context.Context, n *planner.Delete, env *Env) (int64, error) {
	trig, err := env.triggers(n.Table, "DELETE")
	if err != nil {
		return 0, err
	}
	op := func(ctx context.Context, b storage.Bucket, key string, r Row) (bool, []any, error) {
		if err := trig.runBefore(ctx, env, nil, r.Values); err != nil {
			return false, nil, err
		}
		err := b.Delete(ctx, key, storage.DeleteOptions{IfMatch: r.ETag})
		if errors.Is(err, storage.ErrNotFound) {
			return false, nil, nil
		}
		if err != nil {
			return false, nil, err
		}
		entries, err := entryKeys(n.Table, r.Values)
		if err == nil {
			err = deleteEntries(ctx, b, entries, env.concurrency())
		}
		if err == nil {
			err = dropClaims(ctx, b, n.Table, r.Values, nil)
		}
		return true, nil, err
	}
	return mutate(ctx, n, n.Input, n.Table, n.Where, n.Limit, env, trig, "DELETE", op)
}

// settleEntries makes sure the entries an UPDATE added are still the row's.
// A concurrent UPDATE of the same row may have moved it on (and deleted
// these entries) before this one wrote them; re-reading the row after
// writing them and deleting those it no longer has leaves no stale entry
// behind: a later writer's deletes all come after this read. Only an
// interrupted statement can leave one (CheckTable finds and repairs it).
// It costs 1 GET, only for an UPDATE that changed indexed values.
func settleEntries(ctx context.Context, env *Env, b storage.Bucket, t *schema.Table, key string, added []string) error {
	if len(added) == 0 {
		return nil
	}
	f := getRow(ctx, t, b, key, env.secrets())
	if f.err != nil {
		return f.err
	}
	var current []string
	if !f.skip {
		var err error
		if current, err = entryKeys(t, f.row.Values); err != nil {
			return err
		}
	}
	stale := slices.DeleteFunc(slices.Clone(added), func(k string) bool { return slices.Contains(current, k) })
	return deleteEntries(ctx, b, stale, env.concurrency())
}
