package exec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/s3db-go/s3db/crypto"
	"github.com/s3db-go/s3db/events"
	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
)

// Row is one row flowing between operators. ETag is set by the access paths
// (the version of the object the row was read from) and used by writes.
type Row struct {
	Values []any
	ETag   string
}

// Iterator is a pull iterator: Next returns io.EOF after the last row. Close
// releases its resources (stops background fetches) and may be called early.
type Iterator interface {
	Next(ctx context.Context) (Row, error)
	Close() error
}

// DefaultConcurrency bounds parallel requests per statement.
const DefaultConcurrency = 32

// Env is what a statement executes with.
type Env struct {
	Bucket      storage.Bucket
	Catalog     *schema.Store
	Params      []any
	Now         time.Time
	Concurrency int // parallel requests; 0 = DefaultConcurrency
	// Stats, when set, collects rows and requests per plan node (EXPLAIN ANALYZE).
	Stats *Stats
	// Hooks are the Go functions trigger bodies CALL (nil: none registered).
	Hooks *events.Registry
	// Bus delivers row changes to listeners (nil: no listeners).
	Bus *events.Bus
	// Keys seal and open SECRET values; KeysErr says why Keys is nil when
	// the catalog has keys (no passphrase, a wrong one). KeyProvider gives
	// the passphrase for the database's first key (CREATE TABLE with SECRET).
	Keys        *crypto.Keyring
	KeysErr     error
	KeyProvider crypto.KeyProvider
	// Sequences hands out AUTO_INCREMENT values (sequence.go); one per
	// connector, which keeps reserved blocks. nil: a private one, block 1.
	Sequences *Sequences
}

func (env *Env) concurrency() int {
	if env.Concurrency > 0 {
		return env.Concurrency
	}
	return DefaultConcurrency
}

func (env *Env) evalEnv(row []any) *eval.Env {
	return &eval.Env{Row: row, Params: env.Params, Now: env.Now}
}

// constant evaluates an expression without column references (LIMIT, VALUES, keys).
func (env *Env) constant(e sqlparse.Expr) (any, error) {
	v, ok, err := eval.Const(e, env.Params)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s is not a constant", eval.Format(e))
	}
	return v, nil
}

// count evaluates a LIMIT/OFFSET value: a non-negative integer, or -1 for nil.
func (env *Env) count(e sqlparse.Expr, what string) (int64, error) {
	if e == nil {
		return -1, nil
	}
	v, err := env.constant(e)
	if err != nil {
		return 0, err
	}
	n, err := eval.ToInt64(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s must be a non-negative integer, got %s", what, schema.Quote(v))
	}
	return n, nil
}

// limits evaluates LIMIT and OFFSET: count is -1 without LIMIT, offset 0 without OFFSET.
func (env *Env) limits(count, offset sqlparse.Expr) (int64, int64, error) {
	c, err := env.count(count, "LIMIT")
	if err != nil {
		return 0, 0, err
	}
	o, err := env.count(offset, "OFFSET")
	return c, max(o, 0), err
}

// NodeStats are the measurements of one plan node.
type NodeStats struct {
	Rows     atomic.Int64
	counting *storage.Counting
}

// Requests made by the node itself (not its inputs).
func (s *NodeStats) Requests() storage.Counts {
	if s.counting == nil {
		return storage.Counts{}
	}
	return s.counting.Counts()
}

// Stats collects NodeStats per plan node.
type Stats struct {
	mu sync.Mutex
	m  map[planner.Node]*NodeStats
}

// NewStats returns an empty collector.
func NewStats() *Stats { return &Stats{m: map[planner.Node]*NodeStats{}} }

// For returns the stats of n (nil if none were collected).
func (s *Stats) For(n planner.Node) *NodeStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[n]
}

func (s *Stats) node(n planner.Node) *NodeStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	ns := s.m[n]
	if ns == nil {
		ns = &NodeStats{}
		s.m[n] = ns
	}
	return ns
}

// bucketFor returns the bucket node n talks to: counted when stats are on.
func (env *Env) bucketFor(n planner.Node) storage.Bucket {
	if env.Stats == nil {
		return env.Bucket
	}
	ns := env.Stats.node(n)
	if ns.counting == nil {
		ns.counting = storage.NewCounting(env.Bucket)
	}
	return ns.counting
}

// counted wraps an iterator to count the rows node n produces.
type counted struct {
	Iterator
	ns *NodeStats
}

func (c counted) Next(ctx context.Context) (Row, error) {
	r, err := c.Iterator.Next(ctx)
	if err == nil {
		c.ns.Rows.Add(1)
	}
	return r, err
}

// Open builds the iterator tree of a query plan. Every expression is compiled
// before the first request is made.
func Open(ctx context.Context, n planner.Node, env *Env) (Iterator, error) {
	it, err := open(ctx, n, env)
	if err != nil {
		return nil, err
	}
	if env.Stats != nil {
		it = counted{it, env.Stats.node(n)}
	}
	return it, nil
}

func open(ctx context.Context, n planner.Node, env *Env) (Iterator, error) {
	switch x := n.(type) {
	case *planner.FullScan:
		return newFullScan(ctx, x.Table, env.bucketFor(n), env.secrets(), env.concurrency(), false), nil
	case *planner.IndexOnly:
		return newFullScan(ctx, x.Table, env.bucketFor(n), env.secrets(), env.concurrency(), true), nil
	case *planner.PointGet:
		return newPointGet(ctx, x, env)
	case *planner.PartitionLookup:
		return openPartition(ctx, x, env)
	case *planner.Values:
		return &sliceIter{rows: x.Rows}, nil
	case *planner.Explain:
		return explain(ctx, x, env)
	case *planner.HashJoin, *planner.SemiJoin, *planner.Append:
		return openMulti(ctx, n, env)
	}
	kids := n.Children()
	if len(kids) != 1 {
		return nil, fmt.Errorf("%T is not a query", n)
	}
	in, err := Open(ctx, kids[0], env)
	if err != nil {
		return nil, err
	}
	it, err := unary(n, in, env)
	if err != nil {
		in.Close()
		return nil, err
	}
	return it, nil
}

func unary(n planner.Node, in Iterator, env *Env) (Iterator, error) {
	inSchema := n.Children()[0].Schema()
	switch x := n.(type) {
	case *planner.Filter:
		cond, err := eval.Compile(x.Cond, inSchema)
		if err != nil {
			return nil, err
		}
		return &filterIter{in: in, cond: cond, env: env}, nil
	case *planner.Project:
		exprs, err := compileAll(x.Exprs, inSchema)
		if err != nil {
			return nil, err
		}
		return &projectIter{in: in, exprs: exprs, env: env}, nil
	case *planner.Aggregate:
		return newAggregate(x, in, env)
	case *planner.Sort:
		return newSort(x.Keys, in, -1, 0), nil
	case *planner.TopN:
		count, offset, err := env.limits(x.Count, x.Offset)
		if err != nil {
			return nil, err
		}
		return newSort(x.Keys, in, count, offset), nil
	case *planner.Limit:
		count, offset, err := env.limits(x.Count, x.Offset)
		if err != nil {
			return nil, err
		}
		return &limitIter{in: in, count: count, skip: offset}, nil
	case *planner.Distinct:
		return &distinctIter{in: in, seen: map[string]bool{}}, nil
	case *planner.Trim:
		return &trimIter{in: in, keep: x.Keep}, nil
	case *planner.LookupJoin:
		return newLookupJoin(x, in, env)
	}
	return nil, fmt.Errorf("%T is not a query operator", n)
}

// openMulti opens the operators with several inputs.
func openMulti(ctx context.Context, n planner.Node, env *Env) (Iterator, error) {
	var ins []Iterator
	closeAll := func() {
		for _, in := range ins {
			in.Close()
		}
	}
	for _, k := range n.Children() {
		in, err := Open(ctx, k, env)
		if err != nil {
			closeAll()
			return nil, err
		}
		ins = append(ins, in)
	}
	var it Iterator
	var err error
	switch x := n.(type) {
	case *planner.HashJoin:
		it, err = newHashJoin(x, ins[0], ins[1], env)
	case *planner.SemiJoin:
		it, err = newSemiJoin(x, ins[0], ins[1], env)
	case *planner.Append:
		it = &appendIter{inputs: ins}
	}
	if err != nil {
		closeAll()
		return nil, err
	}
	return it, nil
}

func compileAll(es []sqlparse.Expr, s planner.Schema) ([]*eval.Expr, error) {
	out := make([]*eval.Expr, len(es))
	for i, e := range es {
		c, err := eval.Compile(e, s)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// Result is the outcome of a write or DDL statement.
type Result struct {
	RowsAffected int64
	// LastInsertID is the first AUTO_INCREMENT value an INSERT generated,
	// when HasInsertID (MySQL's LAST_INSERT_ID()).
	LastInsertID int64
	HasInsertID  bool
}

// Run executes a write or DDL plan.
func Run(ctx context.Context, n planner.Node, env *Env) (Result, error) {
	var (
		affected int64
		res      Result
		err      error
	)
	switch x := n.(type) {
	case *planner.Insert:
		affected, res.LastInsertID, res.HasInsertID, err = insert(ctx, x, env)
	case *planner.Update:
		affected, err = update(ctx, x, env)
	case *planner.Delete:
		affected, err = deleteRows(ctx, x, env)
	case *planner.CreateTable:
		err = createTable(ctx, x, env)
	case *planner.DropTable:
		err = dropTables(ctx, x, env)
	case *planner.CreateTrigger:
		err = createTrigger(ctx, x, env)
	case *planner.CreateIndex:
		err = createIndex(ctx, x, env)
	case *planner.DropIndex:
		err = dropIndex(ctx, x, env)
	case *planner.DropTrigger:
		err = dropTrigger(ctx, x, env)
	case *planner.AlterTable, *planner.RenameTable, *planner.TruncateTable:
		err = schemaChange(ctx, n, env) // alter.go
	default:
		return Result{}, fmt.Errorf("%T is not a write statement", n)
	}
	if env.Stats != nil {
		env.Stats.node(n).Rows.Add(affected)
	}
	res.RowsAffected = affected
	return res, err
}

// IsQuery reports whether a plan produces rows (Open) rather than a Result (Run).
func IsQuery(n planner.Node) bool {
	switch n.(type) {
	case *planner.Insert, *planner.Update, *planner.Delete, *planner.CreateTable, *planner.DropTable,
		*planner.CreateTrigger, *planner.DropTrigger, *planner.CreateIndex, *planner.DropIndex,
		*planner.AlterTable, *planner.RenameTable, *planner.TruncateTable:
		return false
	}
	return true
}

// drain reads an iterator to the end, calling fn for each row.
func drain(ctx context.Context, it Iterator, fn func(Row) error) error {
	for {
		r, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
}
