package planner

import (
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/events"
	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// CreateTrigger adds Trigger to Table's triggers at Position among those of
// the same timing and event (the catalog is re-checked when it is written).
type CreateTrigger struct {
	Table       *schema.Table
	Trigger     *schema.Trigger
	Follows     string
	Precedes    string
	IfNotExists bool
}

// DropTrigger removes a trigger.
type DropTrigger struct {
	Name     string
	IfExists bool
}

func (n *CreateTrigger) Schema() Schema   { return noSchema }
func (n *DropTrigger) Schema() Schema     { return noSchema }
func (n *CreateTrigger) Children() []Node { return nil }
func (n *DropTrigger) Children() []Node   { return nil }

// TriggerScope is the scope of a trigger body's expressions: the NEW columns
// (qualified NEW) then the OLD columns (qualified OLD). The executor
// evaluates them over the row NEW ++ OLD.
func TriggerScope(t *schema.Table) Schema {
	return append(tableSchema(t, "NEW"), tableSchema(t, "OLD")...)
}

// createTrigger validates a CREATE TRIGGER against the catalog: the table,
// the name, the columns SET NEW names, every expression, every statement of
// the body (planned with NEW and OLD as constants), and that the triggers it
// would fire never lead back to its own table (a cycle).
func (b *builder) createTrigger(s *sqlparse.CreateTrigger) (Node, error) {
	t, err := b.table(s.Table)
	if err != nil {
		return nil, err
	}
	if owner, tr := b.cat.Trigger(s.Name); tr != nil && !s.IfNotExists {
		return nil, fmt.Errorf("trigger '%s' already exists (on table %s)", tr.Name, owner.Name)
	}
	scope := TriggerScope(t)
	if err := b.checkBody(s.Body, t, s, scope); err != nil {
		return nil, fmt.Errorf("trigger %s: %w", s.Name, err)
	}
	names := triggerNames(t.TriggersFor(s.Timing, s.Event))
	if _, err := events.Place(names, s.Name, s.Follows, s.Precedes); err != nil {
		return nil, fmt.Errorf("trigger %s: %w", s.Name, err)
	}
	if err := b.checkCycle(t.Name, s.Body, map[string]bool{strings.ToLower(t.Name): true}); err != nil {
		return nil, fmt.Errorf("trigger %s: %w", s.Name, err)
	}
	tr := &schema.Trigger{Name: s.Name, Timing: s.Timing, Event: s.Event, Text: s.Text, CreatedAt: b.opts.Now.UTC()}
	return &CreateTrigger{Table: t, Trigger: tr, Follows: s.Follows, Precedes: s.Precedes, IfNotExists: s.IfNotExists}, nil
}

func triggerNames(ts []*schema.Trigger) []string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	return names
}

func (b *builder) checkBody(body []sqlparse.TriggerStmt, t *schema.Table, s *sqlparse.CreateTrigger, scope Schema) error {
	for _, st := range body {
		switch x := st.(type) {
		case *sqlparse.SetNew:
			i := t.ColumnIndex(x.Column)
			if i < 0 {
				return fmt.Errorf("unknown column '%s' in 'NEW'", x.Column)
			}
			if i == t.PKIndex() && s.Event == "UPDATE" {
				return fmt.Errorf("changing the primary key column %s is not supported yet", t.PrimaryKey)
			}
			if err := check(x.Value, scope, "trigger body"); err != nil {
				return err
			}
		case *sqlparse.If:
			for _, br := range x.Branches {
				if err := check(br.Cond, scope, "trigger body"); err != nil {
					return err
				}
				if err := b.checkBody(br.Body, t, s, scope); err != nil {
					return err
				}
			}
			if err := b.checkBody(x.Else, t, s, scope); err != nil {
				return err
			}
		case *sqlparse.Signal:
			if err := check(x.Message, scope, "trigger body"); err != nil {
				return err
			}
		case *sqlparse.Call:
			for _, a := range x.Args {
				if err := check(a, scope, "trigger body"); err != nil {
					return err
				}
			}
		case *sqlparse.Exec:
			if _, err := b.statement(BindRow(x.Stmt, t, nil, nil)); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkCycle follows the writes of a trigger body through the triggers they
// fire; reaching a table already on the path is a cycle.
func (b *builder) checkCycle(table string, body []sqlparse.TriggerStmt, path map[string]bool) error {
	for _, w := range bodyWrites(body) {
		target := b.cat.Table(w.table)
		if target == nil {
			continue
		}
		key := strings.ToLower(target.Name)
		if path[key] {
			return fmt.Errorf("%w: it writes table %s, which is already being written by the statement that fires it", events.ErrTriggerCycle, target.Name)
		}
		path[key] = true
		for _, tr := range target.Triggers {
			if tr.Event != w.event {
				continue
			}
			ct, err := tr.Parsed()
			if err != nil {
				return err
			}
			if err := b.checkCycle(target.Name, ct.Body, path); err != nil {
				return err
			}
		}
		delete(path, key)
	}
	return nil
}

type write struct{ table, event string }

// bodyWrites lists the tables a trigger body's statements write.
func bodyWrites(body []sqlparse.TriggerStmt) []write {
	var out []write
	for _, st := range body {
		switch x := st.(type) {
		case *sqlparse.If:
			for _, br := range x.Branches {
				out = append(out, bodyWrites(br.Body)...)
			}
			out = append(out, bodyWrites(x.Else)...)
		case *sqlparse.Exec:
			switch s := x.Stmt.(type) {
			case *sqlparse.Insert:
				out = append(out, write{s.Table, "INSERT"})
			case *sqlparse.Update:
				out = append(out, write{s.Table, "UPDATE"})
			case *sqlparse.Delete:
				out = append(out, write{s.Table, "DELETE"})
			}
		}
	}
	return out
}

// BindRow returns a copy of a trigger body's statement with every NEW.col and
// OLD.col replaced by the row's value as a literal (NULL when the row is nil,
// for validation). The statement can then be planned and run as any other.
func BindRow(stmt sqlparse.Statement, t *schema.Table, newRow, oldRow []any) sqlparse.Statement {
	bind := func(e sqlparse.Expr) sqlparse.Expr {
		if e == nil {
			return nil
		}
		return eval.Rewrite(e, func(x sqlparse.Expr) sqlparse.Expr {
			ref, ok := x.(*sqlparse.ColumnRef)
			if !ok {
				return nil
			}
			var row []any
			switch strings.ToUpper(ref.Table) {
			case "NEW":
				row = newRow
			case "OLD":
				row = oldRow
			default:
				return nil
			}
			i := t.ColumnIndex(ref.Name)
			if i < 0 || row == nil {
				return &sqlparse.Literal{}
			}
			return &sqlparse.Literal{Value: row[i]}
		})
	}
	binds := func(es []sqlparse.Expr) []sqlparse.Expr {
		out := make([]sqlparse.Expr, len(es))
		for i, e := range es {
			out[i] = bind(e)
		}
		return out
	}
	switch s := stmt.(type) {
	case *sqlparse.Insert:
		c := *s
		c.Rows = make([][]sqlparse.Expr, len(s.Rows))
		for i, r := range s.Rows {
			c.Rows[i] = binds(r)
		}
		return &c
	case *sqlparse.Update:
		c := *s
		c.Where, c.Limit = bind(s.Where), bind(s.Limit)
		c.Set = make([]sqlparse.Assignment, len(s.Set))
		for i, a := range s.Set {
			c.Set[i] = sqlparse.Assignment{Column: a.Column, Value: bind(a.Value)}
		}
		return &c
	case *sqlparse.Delete:
		c := *s
		c.Where, c.Limit = bind(s.Where), bind(s.Limit)
		return &c
	}
	return stmt
}

// dropTrigger only names the trigger; the executor removes it with
// compare-and-swap.
func (b *builder) dropTrigger(s *sqlparse.DropTrigger) (Node, error) {
	if _, tr := b.cat.Trigger(s.Name); tr == nil && !s.IfExists {
		return nil, fmt.Errorf("trigger '%s' does not exist", s.Name)
	}
	return &DropTrigger{Name: s.Name, IfExists: s.IfExists}, nil
}

// showTriggers lists every trigger, as MySQL's SHOW TRIGGERS does.
func (b *builder) showTriggers() Node {
	v := &Values{Columns: Schema{
		{Name: "Trigger", Type: &text, NotNull: true}, {Name: "Event", Type: &text, NotNull: true},
		{Name: "Table", Type: &text, NotNull: true}, {Name: "Statement", Type: &text, NotNull: true},
		{Name: "Timing", Type: &text, NotNull: true}, {Name: "Created", Type: &dtime},
	}}
	for _, name := range b.cat.TableNames() {
		t := b.cat.Table(name)
		for _, tr := range t.Triggers {
			v.Rows = append(v.Rows, []any{tr.Name, tr.Event, t.Name, triggerBody(tr.Text), tr.Timing, tr.CreatedAt})
		}
	}
	return v
}

// triggerBody is the body of a CREATE TRIGGER text: what follows FOR EACH ROW
// (and FOLLOWS/PRECEDES name).
func triggerBody(text string) string {
	up := strings.ToUpper(text)
	i := strings.Index(up, "FOR EACH ROW")
	if i < 0 {
		return text
	}
	rest := strings.TrimSpace(text[i+len("FOR EACH ROW"):])
	if f := strings.Fields(rest); len(f) >= 2 && (strings.EqualFold(f[0], "FOLLOWS") || strings.EqualFold(f[0], "PRECEDES")) {
		rest = strings.TrimSpace(rest[strings.Index(rest, f[1])+len(f[1]):])
	}
	return rest
}

func (b *builder) showCreateTrigger(name string) (Node, error) {
	_, tr := b.cat.Trigger(name)
	if tr == nil {
		return nil, fmt.Errorf("trigger '%s' does not exist", name)
	}
	return &Values{
		Columns: Schema{{Name: "Trigger", Type: &text, NotNull: true}, {Name: "SQL Original Statement", Type: &text, NotNull: true}},
		Rows:    [][]any{{tr.Name, tr.Text}},
	}, nil
}
