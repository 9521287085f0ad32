package exec

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/events"
	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// SignalError is a trigger's SIGNAL: the statement is aborted with it.
type SignalError struct {
	Trigger  string
	SQLState string
	Message  string
}

func (e *SignalError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "unhandled user-defined exception condition"
	}
	return fmt.Sprintf("trigger %s: SQLSTATE %s: %s", e.Trigger, e.SQLState, msg)
}

// rowTriggers are a table's compiled triggers for one event.
type rowTriggers struct {
	table         *schema.Table
	event         string
	before, after []*compiledTrigger
}

type compiledTrigger struct {
	name string
	body []tstmt
}

// tstmt is one compiled statement of a trigger body.
type tstmt struct {
	setCol   int        // SET NEW.col: the column index
	set      *eval.Expr // SET NEW.col = set
	conds    []*eval.Expr
	branches [][]tstmt // IF: branch i runs when conds[i] is true; a final extra branch is ELSE
	signal   *sqlparse.Signal
	message  *eval.Expr
	call     string
	args     []*eval.Expr
	exec     sqlparse.Statement
}

// triggers compiles the table's triggers for an event (nil when it has none).
func (env *Env) triggers(t *schema.Table, event string) (*rowTriggers, error) {
	rt := &rowTriggers{table: t, event: event}
	scope := planner.TriggerScope(t)
	for _, tr := range t.Triggers {
		if tr.Event != event {
			continue
		}
		ct, err := tr.Parsed()
		if err != nil {
			return nil, fmt.Errorf("trigger %s: %w", tr.Name, err)
		}
		body, err := compileBody(ct.Body, t, scope)
		if err != nil {
			return nil, fmt.Errorf("trigger %s: %w", tr.Name, err)
		}
		c := &compiledTrigger{name: tr.Name, body: body}
		if tr.Timing == "BEFORE" {
			rt.before = append(rt.before, c)
		} else {
			rt.after = append(rt.after, c)
		}
	}
	if len(rt.before) == 0 && len(rt.after) == 0 {
		return nil, nil
	}
	return rt, nil
}

func compileBody(body []sqlparse.TriggerStmt, t *schema.Table, scope planner.Schema) ([]tstmt, error) {
	var out []tstmt
	for _, st := range body {
		var c tstmt
		var err error
		switch x := st.(type) {
		case *sqlparse.SetNew:
			c.setCol = t.ColumnIndex(x.Column)
			if c.setCol < 0 {
				return nil, fmt.Errorf("unknown column '%s' in 'NEW'", x.Column)
			}
			c.set, err = eval.Compile(x.Value, scope)
		case *sqlparse.If:
			for _, br := range x.Branches {
				cond, err := eval.Compile(br.Cond, scope)
				if err != nil {
					return nil, err
				}
				b, err := compileBody(br.Body, t, scope)
				if err != nil {
					return nil, err
				}
				c.conds, c.branches = append(c.conds, cond), append(c.branches, b)
			}
			els, err := compileBody(x.Else, t, scope)
			if err != nil {
				return nil, err
			}
			c.branches = append(c.branches, els)
		case *sqlparse.Signal:
			c.signal = x
			if x.Message != nil {
				c.message, err = eval.Compile(x.Message, scope)
			}
		case *sqlparse.Call:
			c.call = x.Name
			c.args, err = compileAll(x.Args, scope)
		case *sqlparse.Exec:
			c.exec = x.Stmt
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// runBefore runs the BEFORE triggers on one row; they may change newRow.
func (rt *rowTriggers) runBefore(ctx context.Context, env *Env, newRow, oldRow []any) error {
	if rt == nil {
		return nil
	}
	return rt.run(ctx, env, rt.before, "BEFORE", newRow, oldRow)
}

// runAfter runs the AFTER triggers on one written row.
func (rt *rowTriggers) runAfter(ctx context.Context, env *Env, newRow, oldRow []any) error {
	if rt == nil {
		return nil
	}
	return rt.run(ctx, env, rt.after, "AFTER", newRow, oldRow)
}

func (rt *rowTriggers) run(ctx context.Context, env *Env, ts []*compiledTrigger, timing string, newRow, oldRow []any) error {
	for _, tr := range ts {
		tctx, err := events.Enter(ctx, events.Frame{Trigger: tr.name, Table: rt.table.Name, Kind: kindOf(rt.event)})
		if err != nil {
			return fmt.Errorf("trigger %s: %w", tr.name, err)
		}
		x := &triggerRun{rt: rt, env: env, name: tr.name, timing: timing, newRow: newRow, oldRow: oldRow}
		if err := x.body(tctx, tr.body); err != nil {
			var sig *SignalError
			var hook *events.HookError
			if errors.As(err, &sig) || errors.As(err, &hook) {
				return err // they name the trigger already
			}
			return fmt.Errorf("trigger %s: %w", tr.name, err)
		}
	}
	return nil
}

type triggerRun struct {
	rt             *rowTriggers
	env            *Env
	name, timing   string
	newRow, oldRow []any
}

// scopeRow is the row trigger expressions see: NEW ++ OLD (NULLs for the
// side an event lacks).
func (x *triggerRun) scopeRow() []any {
	n := len(x.rt.table.Columns)
	row := make([]any, 2*n)
	copy(row, x.newRow)
	copy(row[n:], x.oldRow)
	return row
}

func (x *triggerRun) eval(e *eval.Expr) (any, error) { return e.Eval(x.env.evalEnv(x.scopeRow())) }

func (x *triggerRun) body(ctx context.Context, body []tstmt) error {
	for _, st := range body {
		switch {
		case st.set != nil:
			v, err := x.eval(st.set)
			if err != nil {
				return err
			}
			c := x.rt.table.Columns[st.setCol]
			if v, err = schema.Coerce(c.Type, v); err != nil {
				return fmt.Errorf("SET NEW.%s: %w", c.Name, err)
			}
			x.newRow[st.setCol] = v
		case st.branches != nil:
			taken := len(st.conds) // ELSE
			for i, cond := range st.conds {
				v, err := x.eval(cond)
				if err != nil {
					return err
				}
				if t, null := eval.Truth(v); t && !null {
					taken = i
					break
				}
			}
			if err := x.body(ctx, st.branches[taken]); err != nil {
				return err
			}
		case st.signal != nil:
			sig := &SignalError{Trigger: x.name, SQLState: st.signal.SQLState}
			if st.message != nil {
				v, err := x.eval(st.message)
				if err != nil {
					return err
				}
				sig.Message = eval.ToString(v)
			}
			return sig
		case st.call != "":
			if err := x.callHook(ctx, st); err != nil {
				return err
			}
		case st.exec != nil:
			if err := x.env.runNested(ctx, planner.BindRow(st.exec, x.rt.table, x.newRow, x.oldRow)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (x *triggerRun) callHook(ctx context.Context, st tstmt) error {
	args := make([]any, len(st.args))
	for i, a := range st.args {
		v, err := x.eval(a)
		if err != nil {
			return err
		}
		args[i] = v
	}
	t := x.rt.table
	cols := t.ColumnNames()
	call := &events.Call{Hook: st.call, Trigger: x.name, Table: t.Name, Args: args, Event: kindOf(x.rt.event)}
	call.Timing, _ = events.ParseTiming(x.timing)
	if x.newRow != nil {
		if x.timing == "BEFORE" {
			call.New = events.NewWritableRow(cols, x.newRow, func(i int, v any) (any, error) { return schema.Coerce(t.Columns[i].Type, v) })
		} else {
			call.New = events.NewRow(cols, x.newRow)
		}
	}
	if x.oldRow != nil {
		call.Old = events.NewRow(cols, x.oldRow)
	}
	return x.env.Hooks.Invoke(ctx, call)
}

// runNested plans and runs a write statement of a trigger body.
func (env *Env) runNested(ctx context.Context, stmt sqlparse.Statement) error {
	cat, err := env.Catalog.Current(ctx)
	if err != nil {
		return err
	}
	plan, err := planner.Plan(stmt, cat, planner.Options{Now: env.Now})
	if err != nil {
		return err
	}
	_, err = Run(ctx, plan, env)
	return err
}

func kindOf(event string) events.Kind {
	k, _ := events.ParseKind(strings.ToLower(event))
	return k
}

// publish sends a row change to the connector's listeners.
func (env *Env) publish(ctx context.Context, t *schema.Table, event string, newRow, oldRow []any) error {
	if env.Bus == nil {
		return nil
	}
	ev := events.Event{Table: t.Name, Kind: kindOf(event), Time: env.Now}
	if newRow != nil {
		ev.New = rowMap(t, newRow)
	}
	if oldRow != nil {
		ev.Old = rowMap(t, oldRow)
	}
	return env.Bus.Publish(ctx, ev)
}

func rowMap(t *schema.Table, row []any) map[string]any {
	m := make(map[string]any, len(row))
	for i, c := range t.Columns {
		m[c.Name] = row[i]
	}
	return m
}
