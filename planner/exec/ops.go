package exec

import (
	"context"
	"io"
	"math"
	"strings"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
)

type sliceIter struct {
	rows [][]any
	i    int
}

func (s *sliceIter) Next(context.Context) (Row, error) {
	if s.i >= len(s.rows) {
		return Row{}, io.EOF
	}
	s.i++
	return Row{Values: s.rows[s.i-1]}, nil
}

func (s *sliceIter) Close() error { return nil }

type filterIter struct {
	in   Iterator
	cond *eval.Expr
	env  *Env
}

func (f *filterIter) Next(ctx context.Context) (Row, error) {
	for {
		r, err := f.in.Next(ctx)
		if err != nil {
			return r, err
		}
		ok, err := f.env.matches(f.cond, r.Values)
		if err != nil {
			return Row{}, err
		}
		if ok {
			return r, nil
		}
	}
}

func (f *filterIter) Close() error { return f.in.Close() }

// matches evaluates a condition: only TRUE passes (NULL and FALSE do not).
func (env *Env) matches(cond *eval.Expr, row []any) (bool, error) {
	v, err := cond.Eval(env.evalEnv(row))
	if err != nil {
		return false, err
	}
	t, null := eval.Truth(v)
	return t && !null, nil
}

type projectIter struct {
	in    Iterator
	exprs []*eval.Expr
	env   *Env
}

func (p *projectIter) Next(ctx context.Context) (Row, error) {
	r, err := p.in.Next(ctx)
	if err != nil {
		return r, err
	}
	out := make([]any, len(p.exprs))
	ev := p.env.evalEnv(r.Values)
	for i, e := range p.exprs {
		if out[i], err = e.Eval(ev); err != nil {
			return Row{}, err
		}
	}
	return Row{Values: out, ETag: r.ETag}, nil
}

func (p *projectIter) Close() error { return p.in.Close() }

type limitIter struct {
	in          Iterator
	count, skip int64 // count -1 = no limit
}

func (l *limitIter) Next(ctx context.Context) (Row, error) {
	for ; l.skip > 0; l.skip-- {
		if _, err := l.in.Next(ctx); err != nil {
			return Row{}, err
		}
	}
	if l.count == 0 {
		return Row{}, io.EOF
	}
	r, err := l.in.Next(ctx)
	if err == nil && l.count > 0 {
		l.count--
	}
	return r, err
}

func (l *limitIter) Close() error { return l.in.Close() }

type distinctIter struct {
	in   Iterator
	seen map[string]bool
}

func (d *distinctIter) Next(ctx context.Context) (Row, error) {
	for {
		r, err := d.in.Next(ctx)
		if err != nil {
			return r, err
		}
		k := rowKey(r.Values)
		if !d.seen[k] {
			d.seen[k] = true
			return r, nil
		}
	}
}

func (d *distinctIter) Close() error { return d.in.Close() }

// rowKey is an injective text key of a row's values, for DISTINCT and GROUP BY.
// Values that compare equal but differ in Go type (1 and 1.0) are normalised.
func rowKey(vals []any) string {
	var b strings.Builder
	for _, v := range vals {
		switch x := v.(type) {
		case nil:
			b.WriteString("N")
		case int64:
			b.WriteString("n" + schema.ValueText(x))
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1<<63 {
				b.WriteString("n" + schema.ValueText(int64(x)))
			} else {
				b.WriteString("n" + schema.ValueText(x))
			}
		case bool:
			b.WriteString("n" + schema.ValueText(x))
		default:
			s := schema.ValueText(v)
			b.WriteString("s" + schema.ValueText(int64(len(s))) + ":" + s)
		}
		b.WriteByte(0)
	}
	return b.String()
}

type trimIter struct {
	in   Iterator
	keep int
}

func (t *trimIter) Next(ctx context.Context) (Row, error) {
	r, err := t.in.Next(ctx)
	if err != nil {
		return r, err
	}
	r.Values = r.Values[:t.keep]
	return r, nil
}

func (t *trimIter) Close() error { return t.in.Close() }
