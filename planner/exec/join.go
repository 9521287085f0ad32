package exec

import (
	"context"
	"errors"
	"io"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/record"
)

// keyed is a compiled list of join key expressions.
type keyed []*eval.Expr

// key evaluates the keys over a row: ok is false when a key is NULL (NULL
// never equals anything, so such a row matches nothing).
func (k keyed) key(env *Env, row []any) (string, bool, error) {
	vals := make([]any, len(k))
	ev := env.evalEnv(row)
	for i, e := range k {
		v, err := e.Eval(ev)
		if err != nil || v == nil {
			return "", false, err
		}
		vals[i] = v
	}
	return rowKey(vals), true, nil
}

func compileKeys(es []sqlparse.Expr, s planner.Schema) (keyed, error) {
	return compileAll(es, s)
}

// build drains an iterator into a hash table of its rows by key.
func build(ctx context.Context, in Iterator, keys keyed, env *Env) (table map[string][]Row, nullKey bool, n int, err error) {
	table = map[string][]Row{}
	err = drain(ctx, in, func(r Row) error {
		n++
		k, ok, err := keys.key(env, r.Values)
		if err != nil {
			return err
		}
		if !ok {
			nullKey = true
			return nil
		}
		table[k] = append(table[k], r)
		return nil
	})
	return table, nullKey, n, err
}

// hashJoin streams its left input against the right input held in memory.
type hashJoin struct {
	n            *planner.HashJoin
	left, right  Iterator
	lkeys, rkeys keyed
	residual     *eval.Expr
	env          *Env
	table        map[string][]Row
	built        bool
	cur          []any // the left row being matched
	matches      []Row
	matched      bool
	rightWidth   int
}

func newHashJoin(n *planner.HashJoin, left, right Iterator, env *Env) (Iterator, error) {
	j := &hashJoin{n: n, left: left, right: right, env: env, rightWidth: len(n.Right.Schema())}
	var err error
	if j.lkeys, err = compileKeys(n.LeftKeys, n.Left.Schema()); err != nil {
		return nil, err
	}
	if j.rkeys, err = compileKeys(n.RightKeys, n.Right.Schema()); err != nil {
		return nil, err
	}
	if n.Residual != nil {
		if j.residual, err = eval.Compile(n.Residual, n.Schema()); err != nil {
			return nil, err
		}
	}
	return j, nil
}

func (j *hashJoin) Next(ctx context.Context) (Row, error) {
	if !j.built {
		j.built = true
		var err error
		if j.table, _, _, err = build(ctx, j.right, j.rkeys, j.env); err != nil {
			return Row{}, err
		}
	}
	for {
		for len(j.matches) > 0 {
			r := j.matches[0]
			j.matches = j.matches[1:]
			out := concat(j.cur, r.Values)
			if ok, err := j.pass(out); err != nil || !ok {
				if err != nil {
					return Row{}, err
				}
				continue
			}
			j.matched = true
			return Row{Values: out}, nil
		}
		if j.cur != nil && !j.matched && j.n.Kind == sqlparse.JoinLeft {
			out := concat(j.cur, make([]any, j.rightWidth))
			j.cur = nil
			return Row{Values: out}, nil
		}
		l, err := j.left.Next(ctx)
		if err != nil {
			return Row{}, err
		}
		j.cur, j.matched, j.matches = l.Values, false, nil
		k, ok, err := j.lkeys.key(j.env, l.Values)
		if err != nil {
			return Row{}, err
		}
		if ok {
			j.matches = j.table[k]
		}
	}
}

func (j *hashJoin) pass(row []any) (bool, error) {
	if j.residual == nil {
		return true, nil
	}
	return j.env.matches(j.residual, row)
}

func (j *hashJoin) Close() error { return errors.Join(j.left.Close(), j.right.Close()) }

func concat(a, b []any) []any {
	out := make([]any, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// lookupJoin reads the left input in batches and GETs the right rows by
// primary key, 1 GET per distinct key of the batch, in parallel.
type lookupJoin struct {
	n        *planner.LookupJoin
	left     Iterator
	key      *eval.Expr
	residual *eval.Expr
	env      *Env
	bucket   storage.Bucket
	out      []Row
	eof      bool
	width    int
}

func newLookupJoin(n *planner.LookupJoin, left Iterator, env *Env) (Iterator, error) {
	j := &lookupJoin{n: n, left: left, env: env, width: len(n.Table.Columns)}
	var err error
	if j.key, err = eval.Compile(n.Key, n.Left.Schema()); err != nil {
		return nil, err
	}
	if n.Residual != nil {
		if j.residual, err = eval.Compile(n.Residual, n.Schema()); err != nil {
			return nil, err
		}
	}
	j.bucket = env.bucketFor(n)
	return j, nil
}

func (j *lookupJoin) Next(ctx context.Context) (Row, error) {
	for len(j.out) == 0 {
		if j.eof {
			return Row{}, io.EOF
		}
		if err := j.batch(ctx); err != nil {
			return Row{}, err
		}
	}
	r := j.out[0]
	j.out = j.out[1:]
	return r, nil
}

// batch joins the next batch of left rows: it fetches the right rows of the
// batch's distinct keys at once, by primary key (1 GET per key) or through
// the index (1 LIST per key value + 1 GET per row), then matches each left
// row with them.
func (j *lookupJoin) batch(ctx context.Context) error {
	size := 2 * j.env.concurrency()
	t := j.n.Table
	typ := t.Columns[t.PKIndex()].Type
	if j.n.Index != nil {
		typ = t.PartType(j.n.Index, 0)
	}
	var lefts [][]any
	var matchKeys []string
	var distinct []any
	seen := map[string]bool{}
	for len(lefts) < size {
		l, err := j.left.Next(ctx)
		if errors.Is(err, io.EOF) {
			j.eof = true
			break
		}
		if err != nil {
			return err
		}
		v, err := j.key.Eval(j.env.evalEnv(l.Values))
		if err != nil {
			return err
		}
		mk := ""
		if v != nil {
			if cv, err := schema.Coerce(typ, v); err == nil {
				mk = rowKey([]any{cv})
				if !seen[mk] {
					seen[mk] = true
					distinct = append(distinct, cv)
				}
			}
		}
		lefts = append(lefts, l.Values)
		matchKeys = append(matchKeys, mk)
	}
	rights, err := j.fetch(ctx, distinct)
	if err != nil {
		return err
	}
	for i, l := range lefts {
		matched := false
		for _, r := range rights[matchKeys[i]] {
			out := concat(l, r.Values)
			ok := true
			if j.residual != nil {
				if ok, err = j.env.matches(j.residual, out); err != nil {
					return err
				}
			}
			if ok {
				j.out = append(j.out, Row{Values: out})
				matched = true
			}
		}
		if !matched && j.n.Kind == sqlparse.JoinLeft {
			j.out = append(j.out, Row{Values: concat(l, make([]any, j.width))})
		}
	}
	return nil
}

// fetch reads the right rows of the given key values (already of the key's
// type), grouped by rowKey of the value.
func (j *lookupJoin) fetch(ctx context.Context, vals []any) (map[string][]Row, error) {
	out := map[string][]Row{}
	if len(vals) == 0 {
		return out, nil
	}
	t := j.n.Table
	if j.n.Index == nil {
		got := make([]fetched, len(vals))
		parallel(len(vals), j.env.concurrency(), func(i int) {
			got[i] = getRow(ctx, t, j.bucket, record.Key(t.StorageName(), vals[i]), j.env.secrets())
		})
		for i, f := range got {
			if f.err != nil {
				return nil, f.err
			}
			if !f.skip {
				out[rowKey([]any{vals[i]})] = []Row{f.row}
			}
		}
		return out, nil
	}
	lits := make([]sqlparse.Expr, len(vals))
	for i, v := range vals {
		lits[i] = &sqlparse.Literal{Value: v}
	}
	lookup := &planner.PartitionLookup{Table: t, Alias: j.n.Alias, Index: j.n.Index, Eq: [][]sqlparse.Expr{lits}}
	it, err := openPartition(ctx, lookup, j.env)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	err = drain(ctx, it, func(r Row) error {
		v, err := partValue(t, j.n.Index, 0, r.Values)
		if err == nil && v != nil {
			k := rowKey([]any{v})
			out[k] = append(out[k], r)
		}
		return err
	})
	return out, err
}

func (j *lookupJoin) Close() error { return j.left.Close() }

// semiJoin filters its left input by the existence of matches in the right
// input, which it holds in memory.
type semiJoin struct {
	n            *planner.SemiJoin
	left, right  Iterator
	lkeys, rkeys keyed
	residual     *eval.Expr
	env          *Env
	built        bool
	table        map[string][]Row
	rightNull    bool // NOT IN: the subquery returned a NULL
	rightRows    int
}

func newSemiJoin(n *planner.SemiJoin, left, right Iterator, env *Env) (Iterator, error) {
	j := &semiJoin{n: n, left: left, right: right, env: env}
	var err error
	if j.lkeys, err = compileKeys(n.LeftKeys, n.Left.Schema()); err != nil {
		return nil, err
	}
	if j.rkeys, err = compileKeys(n.RightKeys, n.Right.Schema()); err != nil {
		return nil, err
	}
	if n.Residual != nil {
		joined := append(append(planner.Schema{}, n.Left.Schema()...), n.Right.Schema()...)
		if j.residual, err = eval.Compile(n.Residual, joined); err != nil {
			return nil, err
		}
	}
	return j, nil
}

func (j *semiJoin) Next(ctx context.Context) (Row, error) {
	if !j.built {
		j.built = true
		var err error
		if j.table, j.rightNull, j.rightRows, err = build(ctx, j.right, j.rkeys, j.env); err != nil {
			return Row{}, err
		}
	}
	for {
		l, err := j.left.Next(ctx)
		if err != nil {
			return Row{}, err
		}
		keep, err := j.keep(l.Values)
		if err != nil {
			return Row{}, err
		}
		if keep {
			return l, nil
		}
	}
}

// keep decides one left row: found is whether a right row matches; a NULL
// key makes NOT IN unknown (the row is dropped) unless the right is empty.
func (j *semiJoin) keep(left []any) (bool, error) {
	k, ok, err := j.lkeys.key(j.env, left)
	if err != nil {
		return false, err
	}
	if !ok {
		if j.n.NullAware {
			return j.rightRows == 0, nil
		}
		return j.n.Anti, nil // NULL matches nothing: kept only by an anti-join
	}
	candidates := j.table[k]
	found := false
	for _, r := range candidates {
		if j.residual == nil {
			found = true
			break
		}
		ok, err := j.env.matches(j.residual, concat(left, r.Values))
		if err != nil {
			return false, err
		}
		if ok {
			found = true
			break
		}
	}
	if !j.n.Anti {
		return found, nil
	}
	if found {
		return false, nil
	}
	return !(j.n.NullAware && j.rightNull), nil
}

func (j *semiJoin) Close() error { return errors.Join(j.left.Close(), j.right.Close()) }

// appendIter reads its inputs one after the other.
type appendIter struct {
	inputs []Iterator
	i      int
}

func (a *appendIter) Next(ctx context.Context) (Row, error) {
	for a.i < len(a.inputs) {
		r, err := a.inputs[a.i].Next(ctx)
		if errors.Is(err, io.EOF) {
			a.i++
			continue
		}
		return r, err
	}
	return Row{}, io.EOF
}

func (a *appendIter) Close() error {
	var errs []error
	for _, in := range a.inputs {
		errs = append(errs, in.Close())
	}
	return errors.Join(errs...)
}
