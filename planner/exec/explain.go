package exec

import (
	"context"

	"github.com/s3db-go/s3db/planner"
)

// explain produces EXPLAIN's rows: one per plan node. With ANALYZE it first
// runs the plan (a write plan really writes) and adds, per node, the rows it
// produced and the requests it made itself.
func explain(ctx context.Context, n *planner.Explain, env *Env) (Iterator, error) {
	lines := planner.ExplainLines(n.Plan)
	rows := make([][]any, len(lines))
	if !n.Analyze {
		for i, l := range lines {
			rows[i] = []any{l.Text}
		}
		return &sliceIter{rows: rows}, nil
	}
	run := *env
	run.Stats = NewStats()
	if err := runToEnd(ctx, n.Plan, &run); err != nil {
		return nil, err
	}
	for i, l := range lines {
		var count any
		requests := ""
		if s := run.Stats.For(l.Node); s != nil {
			count = s.Rows.Load()
			if c := s.Requests(); c.Total() > 0 {
				requests = c.String()
			}
		}
		rows[i] = []any{l.Text, count, requests}
	}
	return &sliceIter{rows: rows}, nil
}

func runToEnd(ctx context.Context, n planner.Node, env *Env) error {
	if !IsQuery(n) {
		_, err := Run(ctx, n, env)
		return err
	}
	it, err := Open(ctx, n, env)
	if err != nil {
		return err
	}
	defer it.Close()
	return drain(ctx, it, func(Row) error { return nil })
}
