package driver

import (
	"context"
	sqldriver "database/sql/driver"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/exec"
	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage/record"
)

// conn is a connection. It holds no network state of its own: statements use
// the connector's storage client and catalog cache.
type conn struct {
	cn     *Connector
	closed bool
}

var (
	_ sqldriver.Conn               = (*conn)(nil)
	_ sqldriver.ConnPrepareContext = (*conn)(nil)
	_ sqldriver.ExecerContext      = (*conn)(nil)
	_ sqldriver.QueryerContext     = (*conn)(nil)
	_ sqldriver.ConnBeginTx        = (*conn)(nil)
	_ sqldriver.Pinger             = (*conn)(nil)
	_ sqldriver.SessionResetter    = (*conn)(nil)
	_ sqldriver.Validator          = (*conn)(nil)
	_ sqldriver.NamedValueChecker  = (*conn)(nil)
)

func (c *conn) Prepare(query string) (sqldriver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext parses the statement once; executions plan it against the
// catalog of their time.
func (c *conn) PrepareContext(ctx context.Context, query string) (sqldriver.Stmt, error) {
	stmts, err := parse(query)
	if err != nil {
		return nil, err
	}
	return &stmt{c: c, stmts: stmts, numInput: sqlparse.NumParams(stmts)}, nil
}

func parse(query string) ([]sqlparse.Statement, error) {
	stmts, err := sqlparse.ParseCached(query)
	if err != nil {
		return nil, classify(err)
	}
	if len(stmts) == 0 {
		return nil, &Error{Code: CodeSyntax, Msg: "empty statement"}
	}
	return stmts, nil
}

func (c *conn) Close() error {
	c.closed = true
	return nil
}

// Ping reads the catalog: it proves the store is reachable with these
// credentials (the error names the endpoint, never the secret).
func (c *conn) Ping(ctx context.Context) error {
	if _, err := c.cn.catalog.Reload(ctx); err != nil {
		return &Error{Code: CodeStorage, Msg: "ping " + c.cn.db.String(), Err: err}
	}
	return nil
}

// ResetSession is a no-op: connections keep no session state.
func (c *conn) ResetSession(ctx context.Context) error { return nil }

func (c *conn) IsValid() bool { return !c.closed }

// CheckNamedValue accepts positional arguments of the types database/sql
// converts to, and rejects sql.Named (the dialect's placeholders are `?`).
func (c *conn) CheckNamedValue(nv *sqldriver.NamedValue) error {
	if nv.Name != "" {
		return &Error{Code: CodeInvalidArgument, Msg: fmt.Sprintf("named argument %q: s3db placeholders are positional (?); pass the value without sql.Named", nv.Name)}
	}
	switch nv.Value.(type) {
	case uint64, uint: // BIGINT UNSIGNED values: database/sql's converter rejects those >= 2^63
		return nil
	}
	v, err := sqldriver.DefaultParameterConverter.ConvertValue(nv.Value)
	if err != nil {
		return &Error{Code: CodeInvalidArgument, Msg: fmt.Sprintf("argument %d", nv.Ordinal), Err: err}
	}
	nv.Value = v
	return nil
}

func (c *conn) ExecContext(ctx context.Context, query string, args []sqldriver.NamedValue) (sqldriver.Result, error) {
	stmts, err := parse(query)
	if err != nil {
		return nil, err
	}
	return c.exec(ctx, stmts, args)
}

func (c *conn) QueryContext(ctx context.Context, query string, args []sqldriver.NamedValue) (sqldriver.Rows, error) {
	stmts, err := parse(query)
	if err != nil {
		return nil, err
	}
	return c.query(ctx, stmts, args)
}

// exec runs the statements in order; the result is the last one's, with the
// affected rows summed.
func (c *conn) exec(ctx context.Context, stmts []sqlparse.Statement, args []sqldriver.NamedValue) (sqldriver.Result, error) {
	params, err := params(stmts, args)
	if err != nil {
		return nil, err
	}
	var out result
	for _, s := range stmts {
		res, err := c.execOne(ctx, s, params)
		out.affected += res.RowsAffected
		if err != nil {
			return nil, err
		}
		if res.HasInsertID {
			out.lastID, out.hasID = res.LastInsertID, true
		}
	}
	return out, nil
}

// execOne runs one statement. A row written under a newer schema version
// than the cached catalog's (another client's ALTER TABLE) makes it re-read
// the catalog and run again, once, when it has changed nothing yet.
func (c *conn) execOne(ctx context.Context, s sqlparse.Statement, params []any) (exec.Result, error) {
	for attempt := 0; ; attempt++ {
		plan, env, err := c.plan(ctx, s, params)
		if err != nil {
			return exec.Result{}, err
		}
		var res exec.Result
		if exec.IsQuery(plan) {
			var it exec.Iterator
			if it, err = exec.Open(ctx, plan, env); err == nil {
				err = closeAfterDrain(ctx, it)
			}
		} else {
			res, err = exec.Run(ctx, plan, env)
		}
		if err != nil && attempt == 0 && res.RowsAffected == 0 && c.staleCatalog(ctx, err) {
			continue
		}
		if err != nil {
			return res, classify(err)
		}
		return res, nil
	}
}

// staleCatalog reports an error caused by a cached catalog older than a row,
// after re-reading the catalog.
func (c *conn) staleCatalog(ctx context.Context, err error) bool {
	if !errors.Is(err, record.ErrNewerSchema) {
		return false
	}
	_, err = c.cn.catalog.Reload(ctx)
	return err == nil
}

func closeAfterDrain(ctx context.Context, it exec.Iterator) error {
	defer it.Close()
	for {
		if _, err := it.Next(ctx); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// query runs one statement that returns rows (a write runs too, with no rows).
func (c *conn) query(ctx context.Context, stmts []sqlparse.Statement, args []sqldriver.NamedValue) (sqldriver.Rows, error) {
	if len(stmts) != 1 {
		return nil, &Error{Code: CodeInvalidQuery, Msg: fmt.Sprintf("Query takes one statement, got %d: use Exec for scripts", len(stmts))}
	}
	params, err := params(stmts, args)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		plan, env, err := c.plan(ctx, stmts[0], params)
		if err != nil {
			return nil, err
		}
		if !exec.IsQuery(plan) {
			if _, err := c.execOne(ctx, stmts[0], params); err != nil {
				return nil, err
			}
			return &rows{it: emptyIter{}, ctx: ctx}, nil
		}
		it, err := exec.Open(ctx, plan, env)
		if err != nil {
			if attempt == 0 && c.staleCatalog(ctx, err) {
				continue
			}
			return nil, classify(err)
		}
		// The first row is read now: a catalog older than the rows shows
		// there (or in a later row, when the scan streams; that fails), and
		// nothing has reached the caller yet, so the query can run again.
		first, err := it.Next(ctx)
		if err != nil && attempt == 0 && c.staleCatalog(ctx, err) {
			it.Close()
			continue
		}
		return newRows(ctx, &peeked{Iterator: it, row: first, err: err}, plan.Schema()), nil
	}
}

// peeked is an iterator whose first row (or error) was read ahead.
type peeked struct {
	exec.Iterator
	row  exec.Row
	err  error
	done bool
}

func (p *peeked) Next(ctx context.Context) (exec.Row, error) {
	if !p.done {
		p.done = true
		return p.row, p.err
	}
	return p.Iterator.Next(ctx)
}

// plan plans one statement against the cached catalog. A table the cache
// does not know makes it re-read the catalog once: another client may have
// just created it.
func (c *conn) plan(ctx context.Context, s sqlparse.Statement, params []any) (planner.Node, *exec.Env, error) {
	now := time.Now().UTC()
	opts := planner.Options{DefaultBehavior: c.cn.cfg.Behavior, Now: now}
	cat, err := c.cn.catalog.Current(ctx)
	if err != nil {
		return nil, nil, classify(err)
	}
	plan, err := planner.Plan(s, cat, opts)
	var missing *planner.NoSuchTableError
	if errors.As(err, &missing) {
		if cat, err = c.cn.catalog.Reload(ctx); err != nil {
			return nil, nil, classify(err)
		}
		plan, err = planner.Plan(s, cat, opts)
	}
	if err != nil {
		return nil, nil, classify(err)
	}
	env, err := c.cn.env(ctx, cat)
	if err != nil {
		return nil, nil, err
	}
	env.Params, env.Now = params, now
	return plan, env, nil
}

// params checks the argument count against the placeholders.
func params(stmts []sqlparse.Statement, args []sqldriver.NamedValue) ([]any, error) {
	if n := sqlparse.NumParams(stmts); n != len(args) {
		return nil, &Error{Code: CodeInvalidArgument, Msg: fmt.Sprintf("the statement has %d placeholders (?) but %d arguments were given", n, len(args))}
	}
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out, nil
}
