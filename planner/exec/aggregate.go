package exec

import (
	"context"
	"io"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/eval"
)

// aggregateIter groups its input (hash aggregation, in memory: one entry per
// group) and yields one row per group, groups in order of first appearance.
type aggregateIter struct {
	n      *planner.Aggregate
	in     Iterator
	env    *Env
	groups []*eval.Expr
	args   [][]*eval.Expr // per aggregate, its compiled arguments
	out    [][]any
	i      int
	done   bool
}

func newAggregate(n *planner.Aggregate, in Iterator, env *Env) (Iterator, error) {
	s := n.Input.Schema()
	groups, err := compileAll(n.GroupBy, s)
	if err != nil {
		return nil, err
	}
	a := &aggregateIter{n: n, in: in, env: env, groups: groups}
	for _, f := range n.Aggs {
		args, err := compileAll(f.Args, s)
		if err != nil {
			return nil, err
		}
		a.args = append(a.args, args)
		if _, err := eval.NewAccumulator(f); err != nil {
			return nil, err
		}
	}
	return a, nil
}

type group struct {
	key  []any
	accs []eval.Accumulator
}

func (a *aggregateIter) newGroup(key []any) *group {
	g := &group{key: key}
	for _, f := range a.n.Aggs {
		acc, _ := eval.NewAccumulator(f) // checked in newAggregate
		g.accs = append(g.accs, acc)
	}
	return g
}

func (a *aggregateIter) load(ctx context.Context) error {
	a.done = true
	byKey := map[string]*group{}
	var order []*group
	err := drain(ctx, a.in, func(r Row) error {
		ev := a.env.evalEnv(r.Values)
		key := make([]any, len(a.groups))
		for i, g := range a.groups {
			v, err := g.Eval(ev)
			if err != nil {
				return err
			}
			key[i] = v
		}
		k := rowKey(key)
		g := byKey[k]
		if g == nil {
			g = a.newGroup(key)
			byKey[k] = g
			order = append(order, g)
		}
		for i, acc := range g.accs {
			var v any = int64(1) // COUNT(*) counts rows
			if len(a.args[i]) > 0 {
				var err error
				if v, err = a.args[i][0].Eval(ev); err != nil {
					return err
				}
			}
			if err := acc.Add(v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(order) == 0 && len(a.groups) == 0 {
		order = append(order, a.newGroup(nil)) // aggregates over no rows: one row
	}
	for _, g := range order {
		row := append([]any{}, g.key...)
		for _, acc := range g.accs {
			row = append(row, acc.Result())
		}
		a.out = append(a.out, row)
	}
	return nil
}

func (a *aggregateIter) Next(ctx context.Context) (Row, error) {
	if !a.done {
		if err := a.load(ctx); err != nil {
			return Row{}, err
		}
	}
	if a.i >= len(a.out) {
		return Row{}, io.EOF
	}
	a.i++
	return Row{Values: a.out[a.i-1]}, nil
}

func (a *aggregateIter) Close() error { return a.in.Close() }
