package planner

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// NoSuchTableError reports a statement naming a table the catalog lacks. The
// driver re-reads the catalog once before reporting it (the table may have
// been created by another client).
type NoSuchTableError struct{ Name string }

func (e *NoSuchTableError) Error() string { return fmt.Sprintf("table '%s' doesn't exist", e.Name) }

// ErrTransactions is returned for BEGIN/COMMIT/ROLLBACK.
var ErrTransactions = errors.New("transactions are not supported yet: each statement is atomic per row; use single statements")

// Options tune planning.
type Options struct {
	DefaultBehavior string    // behavior for CREATE TABLE without BEHAVIOR
	Now             time.Time // the statement's time (table creation stamps)
}

// Plan builds the optimized plan of one statement against a catalog.
func Plan(stmt sqlparse.Statement, cat *schema.Catalog, opts Options) (Node, error) {
	b := &builder{cat: cat, opts: opts}
	n, err := b.statement(stmt)
	if err != nil {
		return nil, err
	}
	return Optimize(n), nil
}

type builder struct {
	cat  *schema.Catalog
	opts Options
}

func (b *builder) statement(stmt sqlparse.Statement) (Node, error) {
	switch s := stmt.(type) {
	case *sqlparse.Select:
		return b.selectStmt(s)
	case *sqlparse.Union:
		return b.union(s)
	case *sqlparse.Insert:
		return b.insert(s)
	case *sqlparse.Update:
		return b.update(s)
	case *sqlparse.Delete:
		return b.delete(s)
	case *sqlparse.CreateTable:
		t, err := schema.NewTable(s, b.opts.DefaultBehavior, b.opts.Now)
		if err != nil {
			return nil, err
		}
		for _, ix := range t.Indexes {
			if err := finishIndex(t, ix); err != nil {
				return nil, err
			}
		}
		if err := CheckConstraints(t); err != nil { // build_alter.go
			return nil, err
		}
		return &CreateTable{Table: t, IfNotExists: s.IfNotExists}, nil
	case *sqlparse.DropTable:
		return &DropTable{Names: s.Names, IfExists: s.IfExists}, nil
	case *sqlparse.ShowTables:
		return b.showTables(), nil
	case *sqlparse.Describe:
		return b.describe(s.Table)
	case *sqlparse.Explain:
		if _, ok := s.Stmt.(*sqlparse.Explain); ok {
			return nil, errors.New("EXPLAIN of EXPLAIN is not supported")
		}
		inner, err := b.statement(s.Stmt)
		if err != nil {
			return nil, err
		}
		return &Explain{Plan: inner, Analyze: s.Analyze}, nil
	case *sqlparse.CreateIndex:
		return b.createIndex(s)
	case *sqlparse.DropIndex:
		return b.dropIndex(s)
	case *sqlparse.ShowIndex:
		return b.showIndex(s.Table)
	case *sqlparse.ShowCreateTable:
		t, err := b.table(s.Table)
		if err != nil {
			return nil, err
		}
		return &Values{
			Columns: Schema{{Name: "Table", Type: &text, NotNull: true}, {Name: "Create Table", Type: &text, NotNull: true}},
			Rows:    [][]any{{t.Name, t.CreateSQL()}},
		}, nil
	case *sqlparse.CreateTrigger:
		return b.createTrigger(s)
	case *sqlparse.DropTrigger:
		return b.dropTrigger(s)
	case *sqlparse.ShowTriggers:
		return b.showTriggers(), nil
	case *sqlparse.ShowCreateTrigger:
		return b.showCreateTrigger(s.Name)
	case *sqlparse.Begin, *sqlparse.Commit, *sqlparse.Rollback:
		return nil, ErrTransactions
	}
	if n, err := b.schemaChange(stmt); n != nil || err != nil { // build_alter.go
		return n, err
	}
	return nil, fmt.Errorf("unsupported statement %T", stmt)
}

func (b *builder) table(name string) (*schema.Table, error) {
	t := b.cat.Table(name)
	if t == nil {
		return nil, &NoSuchTableError{Name: name}
	}
	return t, nil
}

// check compiles e against s to report unknown columns, misplaced aggregates
// and unknown functions before any request is made.
func check(e sqlparse.Expr, s Schema, clause string) error {
	if e == nil {
		return nil
	}
	_, err := eval.Compile(e, clauseScope{s, clause})
	return err
}

// checkConst reports an expression that references columns where only
// literals and placeholders may stand.
func checkConst(e sqlparse.Expr, clause string) error {
	if e == nil {
		return nil
	}
	if refs := eval.ColumnRefs(e); len(refs) > 0 {
		return fmt.Errorf("%s must be a constant or ?, not column '%s'", clause, qualified(refs[0].Table, refs[0].Name))
	}
	return check(e, nil, clause)
}

func (b *builder) source(from *sqlparse.TableRef) (Node, error) {
	if from == nil {
		return &Values{Rows: [][]any{{}}}, nil
	}
	if n, ok, err := b.infoSchema(from); ok { // infoschema.go
		return n, err
	}
	t, err := b.table(from.Name)
	if err != nil {
		return nil, err
	}
	return &FullScan{Table: t, Alias: from.Alias}, nil
}

// where plans a WHERE clause over src: a Filter for the plain conditions,
// then a semi-join for each AND-ed [NOT] IN (SELECT ...) / [NOT] EXISTS.
func (b *builder) where(src Node, cond sqlparse.Expr) (Node, error) {
	var plain, subs []sqlparse.Expr
	for _, c := range conjuncts(cond) {
		switch {
		case c == nil:
		case isSubqueryCond(c):
			subs = append(subs, c)
		case containsSubquery(c):
			return nil, errSubqueryPlace
		default:
			plain = append(plain, c)
		}
	}
	if p := And(plain); p != nil {
		if err := check(p, src.Schema(), "where clause"); err != nil {
			return nil, err
		}
		src = &Filter{Input: src, Cond: p}
	}
	return b.subqueryConds(src, subs)
}

var errSubqueryPlace = errors.New("a subquery is supported only as an AND-ed condition of WHERE: [NOT] IN (SELECT ...) or [NOT] EXISTS (SELECT ...)")

type field struct {
	expr sqlparse.Expr
	col  Column
}

func (b *builder) selectStmt(s *sqlparse.Select) (Node, error) {
	src, err := b.from(s.From, s.Joins)
	if err != nil {
		return nil, err
	}
	for _, f := range s.Fields {
		if f.Expr != nil && containsSubquery(f.Expr) {
			return nil, errSubqueryPlace
		}
	}
	for _, o := range s.OrderBy {
		if containsSubquery(o.Expr) {
			return nil, errSubqueryPlace
		}
	}
	if s.Having != nil && containsSubquery(s.Having) {
		return nil, errSubqueryPlace
	}
	if src, err = b.where(src, s.Where); err != nil {
		return nil, err
	}
	fields, err := expandFields(s.Fields, src.Schema())
	if err != nil {
		return nil, err
	}
	having := s.Having
	order := make([]sqlparse.OrderItem, len(s.OrderBy))
	copy(order, s.OrderBy)
	if len(s.GroupBy) > 0 || having != nil || anyAggregate(fields, order) {
		agg, err := b.aggregate(src, s.GroupBy, fields, &having, order)
		if err != nil {
			return nil, err
		}
		src = agg
		if having != nil {
			if err := check(having, src.Schema(), "having clause"); err != nil {
				return nil, err
			}
			src = &Filter{Input: src, Cond: having}
		}
	}
	in := src.Schema()
	proj := &Project{Input: src}
	for _, f := range fields {
		if err := check(f.expr, in, "field list"); err != nil {
			return nil, err
		}
		proj.Exprs = append(proj.Exprs, f.expr)
		proj.Columns = append(proj.Columns, f.col)
	}
	keys, err := orderKeys(order, fields, proj, in)
	if err != nil {
		return nil, err
	}
	visible := len(fields)
	var n Node = proj
	if s.Distinct {
		if len(proj.Exprs) > visible {
			return nil, errors.New("ORDER BY expression is not in the SELECT list, which DISTINCT requires")
		}
		n = &Distinct{Input: n}
	}
	if len(keys) > 0 {
		n = &Sort{Input: n, Keys: keys}
	}
	if s.Limit != nil || s.Offset != nil {
		if err := checkConst(s.Limit, "LIMIT"); err != nil {
			return nil, err
		}
		if err := checkConst(s.Offset, "OFFSET"); err != nil {
			return nil, err
		}
		n = &Limit{Input: n, Count: s.Limit, Offset: s.Offset}
	}
	if len(proj.Exprs) > visible {
		n = &Trim{Input: n, Keep: visible}
	}
	return n, nil
}

// expandFields turns the select list into expressions with output names.
func expandFields(fs []sqlparse.SelectField, in Schema) ([]field, error) {
	var out []field
	for _, f := range fs {
		if f.Star {
			matched := false
			for _, c := range in {
				if c.Hidden || (f.Table != "" && !strings.EqualFold(c.Table, f.Table)) {
					continue
				}
				matched = true
				out = append(out, field{&sqlparse.ColumnRef{Table: c.Table, Name: c.Name}, c})
			}
			if !matched && f.Table != "" {
				return nil, fmt.Errorf("unknown table '%s' in field list", f.Table)
			}
			continue
		}
		col := Column{Name: f.Alias}
		if col.Name == "" {
			col.Name = f.Text
		}
		if ref, ok := f.Expr.(*sqlparse.ColumnRef); ok {
			if i, err := in.Resolve(ref.Table, ref.Name); err == nil {
				col.Table, col.Type, col.NotNull = in[i].Table, in[i].Type, in[i].NotNull
				if f.Alias == "" {
					col.Name = in[i].Name
				}
			}
		} else {
			col.Type, col.NotNull = inferType(f.Expr, in)
		}
		out = append(out, field{f.Expr, col})
	}
	return out, nil
}

func isAggregate(e sqlparse.Expr) bool {
	f, ok := e.(*sqlparse.Func)
	return ok && eval.IsAggregate(f.Name)
}

func containsAggregate(e sqlparse.Expr) bool {
	found := false
	eval.Walk(e, func(x sqlparse.Expr) bool {
		found = found || isAggregate(x)
		return !found
	})
	return found
}

func anyAggregate(fields []field, order []sqlparse.OrderItem) bool {
	for _, f := range fields {
		if containsAggregate(f.expr) {
			return true
		}
	}
	for _, o := range order {
		if containsAggregate(o.Expr) {
			return true
		}
	}
	return false
}

// aggregate plans GROUP BY and aggregates: it rewrites the select list, HAVING
// and ORDER BY so that group expressions and aggregate calls become references
// to the Aggregate node's output columns, which are named by their SQL text
// ("team", "COUNT(*)"). A column reference left outside both is an error
// (MySQL's ONLY_FULL_GROUP_BY).
func (b *builder) aggregate(src Node, groupBy []sqlparse.Expr, fields []field, having *sqlparse.Expr, order []sqlparse.OrderItem) (Node, error) {
	in := src.Schema()
	agg := &Aggregate{Input: src}
	for _, g := range groupBy {
		if containsAggregate(g) {
			return nil, errors.New("aggregate functions are not allowed in GROUP BY")
		}
		if err := check(g, in, "group statement"); err != nil {
			return nil, err
		}
		typ, notNull := inferType(g, in)
		agg.GroupBy = append(agg.GroupBy, g)
		agg.Columns = append(agg.Columns, Column{Name: eval.Format(g), Type: typ, NotNull: notNull})
	}
	rewrite := func(e sqlparse.Expr, clause string) (sqlparse.Expr, error) {
		var err error
		setErr := func(e error) {
			if err == nil {
				err = e
			}
		}
		out := eval.Rewrite(e, func(x sqlparse.Expr) sqlparse.Expr {
			for i, g := range agg.GroupBy {
				if reflect.DeepEqual(x, g) {
					return &sqlparse.ColumnRef{Name: agg.Columns[i].Name}
				}
			}
			switch f := x.(type) {
			case *sqlparse.ColumnRef:
				if _, e := in.Resolve(f.Table, f.Name); e != nil {
					setErr(fmt.Errorf("%v in '%s'", e, clause))
				} else {
					setErr(fmt.Errorf("column '%s' in '%s' is neither in GROUP BY nor inside an aggregate function", qualified(f.Table, f.Name), clause))
				}
			case *sqlparse.Func:
				if !eval.IsAggregate(f.Name) {
					return nil
				}
				for _, a := range f.Args {
					if containsAggregate(a) {
						setErr(fmt.Errorf("aggregate functions cannot be nested: %s", eval.Format(f)))
					}
					if e := check(a, in, clause); e != nil {
						setErr(e)
					}
				}
				name := eval.Format(f)
				for i, a := range agg.Aggs {
					if reflect.DeepEqual(a, f) {
						return &sqlparse.ColumnRef{Name: agg.Columns[len(agg.GroupBy)+i].Name}
					}
				}
				agg.Aggs = append(agg.Aggs, f)
				typ, notNull := inferType(f, in)
				agg.Columns = append(agg.Columns, Column{Name: name, Type: typ, NotNull: notNull})
				return &sqlparse.ColumnRef{Name: name}
			}
			return nil
		})
		return out, err
	}
	original := make([]sqlparse.Expr, len(fields))
	var err error
	for i := range fields {
		original[i] = fields[i].expr
		if fields[i].expr, err = rewrite(fields[i].expr, "field list"); err != nil {
			return nil, err
		}
		fields[i].col.Table = "" // now read from the Aggregate's output
	}
	if *having != nil {
		// HAVING may name select-list aliases (MySQL): substitute their expressions.
		*having = eval.Rewrite(*having, func(x sqlparse.Expr) sqlparse.Expr {
			if ref, ok := x.(*sqlparse.ColumnRef); ok && ref.Table == "" {
				if _, err := in.Resolve("", ref.Name); err != nil {
					if i := outputIndex(fields, ref.Name); i >= 0 {
						return original[i]
					}
				}
			}
			return nil
		})
		if *having, err = rewrite(*having, "having clause"); err != nil {
			return nil, err
		}
	}
	for i := range order {
		if ref, ok := order[i].Expr.(*sqlparse.ColumnRef); ok && ref.Table == "" && outputIndex(fields, ref.Name) >= 0 {
			continue // an output alias: resolved after projection
		}
		if order[i].Expr, err = rewrite(order[i].Expr, "order clause"); err != nil {
			return nil, err
		}
	}
	return agg, nil
}

func outputIndex(fields []field, name string) int {
	found := -1
	for i, f := range fields {
		if strings.EqualFold(f.col.Name, name) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// orderKeys resolves ORDER BY items to output columns: an output name or
// alias, an expression equal to a select-list item (sqlparse turns ORDER BY 2
// into the second item's expression), or else a hidden column appended to the
// projection.
func orderKeys(order []sqlparse.OrderItem, fields []field, proj *Project, in Schema) ([]SortKey, error) {
	var keys []SortKey
	for _, o := range order {
		idx := -1
		switch x := o.Expr.(type) {
		case *sqlparse.ColumnRef:
			if x.Table == "" {
				idx = outputIndex(fields, x.Name)
			}
		}
		for i := 0; idx < 0 && i < len(fields); i++ {
			if reflect.DeepEqual(fields[i].expr, o.Expr) {
				idx = i
			}
		}
		if idx < 0 {
			if err := check(o.Expr, in, "order clause"); err != nil {
				return nil, err
			}
			typ, notNull := inferType(o.Expr, in)
			proj.Exprs = append(proj.Exprs, o.Expr)
			proj.Columns = append(proj.Columns, Column{Name: eval.Format(o.Expr), Type: typ, NotNull: notNull, Hidden: true})
			idx = len(proj.Exprs) - 1
		}
		keys = append(keys, SortKey{Index: idx, Desc: o.Desc})
	}
	return keys, nil
}

func (b *builder) insert(s *sqlparse.Insert) (Node, error) {
	t, err := b.table(s.Table)
	if err != nil {
		return nil, err
	}
	n := &Insert{Table: t}
	if s.Columns == nil {
		for i := range t.Columns {
			n.Columns = append(n.Columns, i)
		}
	}
	seen := map[int]bool{}
	for _, name := range s.Columns {
		i := t.ColumnIndex(name)
		if i < 0 {
			return nil, fmt.Errorf("unknown column '%s' in 'field list' of table %s", name, t.Name)
		}
		if seen[i] {
			return nil, fmt.Errorf("column '%s' specified twice", name)
		}
		seen[i] = true
		n.Columns = append(n.Columns, i)
	}
	for r, row := range s.Rows {
		if len(row) != len(n.Columns) {
			return nil, fmt.Errorf("column count doesn't match value count at row %d (%d columns, %d values)", r+1, len(n.Columns), len(row))
		}
		for _, e := range row {
			if err := checkConst(e, "VALUES"); err != nil {
				return nil, fmt.Errorf("row %d: %w", r+1, err)
			}
		}
	}
	n.Rows = s.Rows
	return n, nil
}

func (b *builder) update(s *sqlparse.Update) (Node, error) {
	t, err := b.table(s.Table)
	if err != nil {
		return nil, err
	}
	if len(s.OrderBy) > 0 {
		return nil, errors.New("UPDATE ... ORDER BY is not supported yet")
	}
	if s.Where != nil && containsSubquery(s.Where) {
		return nil, errors.New("subqueries in UPDATE are not supported yet")
	}
	src, err := b.where(&FullScan{Table: t}, s.Where)
	if err != nil {
		return nil, err
	}
	n := &Update{Input: src, Table: t, Where: s.Where, Limit: s.Limit}
	for _, a := range s.Set {
		i := t.ColumnIndex(a.Column)
		if i < 0 {
			return nil, fmt.Errorf("unknown column '%s' in 'field list' of table %s", a.Column, t.Name)
		}
		if i == t.PKIndex() {
			return nil, fmt.Errorf("changing the primary key column %s is not supported yet: INSERT a new row and DELETE the old one", t.PrimaryKey)
		}
		if err := check(a.Value, src.Schema(), "field list"); err != nil {
			return nil, err
		}
		n.Set = append(n.Set, Assignment{Index: i, Value: a.Value})
	}
	return n, checkConst(s.Limit, "LIMIT")
}

func (b *builder) delete(s *sqlparse.Delete) (Node, error) {
	t, err := b.table(s.Table)
	if err != nil {
		return nil, err
	}
	if len(s.OrderBy) > 0 {
		return nil, errors.New("DELETE ... ORDER BY is not supported yet")
	}
	if s.Where != nil && containsSubquery(s.Where) {
		return nil, errors.New("subqueries in DELETE are not supported yet")
	}
	src, err := b.where(&FullScan{Table: t}, s.Where)
	if err != nil {
		return nil, err
	}
	return &Delete{Input: src, Table: t, Where: s.Where, Limit: s.Limit}, checkConst(s.Limit, "LIMIT")
}

func (b *builder) showTables() Node {
	v := &Values{Columns: Schema{{Name: "Tables", Type: &text, NotNull: true}}}
	for _, name := range b.cat.TableNames() {
		v.Rows = append(v.Rows, []any{name})
	}
	return v
}

func (b *builder) describe(name string) (Node, error) {
	t, err := b.table(name)
	if err != nil {
		return nil, err
	}
	v := &Values{Columns: Schema{
		{Name: "Field", Type: &text, NotNull: true}, {Name: "Type", Type: &text, NotNull: true},
		{Name: "Null", Type: &text, NotNull: true}, {Name: "Key", Type: &text, NotNull: true},
		{Name: "Default", Type: &text}, {Name: "Extra", Type: &text, NotNull: true},
	}}
	for _, c := range t.Columns {
		null, key, extra := "YES", "", ""
		if c.NotNull {
			null = "NO"
		}
		if strings.EqualFold(c.Name, t.PrimaryKey) {
			key = "PRI"
			if c.Type.Kind == schema.KindString {
				extra = "generated id"
			}
		} else {
			key = indexKey(t, c)
		}
		if c.AutoIncrement {
			extra = "auto_increment"
		}
		var def any
		if s, ok := c.DefaultSQL(); ok {
			def = s
		}
		v.Rows = append(v.Rows, []any{c.Name, strings.ToLower(c.Type.SQL()), null, key, def, extra})
	}
	return v, nil
}

// indexKey is DESCRIBE's Key for a column, as MySQL shows it: UNI for a
// one-column UNIQUE index, MUL when it leads any other index.
func indexKey(t *schema.Table, c *schema.Column) string {
	key := ""
	for _, ix := range t.Indexes {
		if ix.Codes[0] != c.Code {
			continue
		}
		if ix.Unique && len(ix.Codes) == 1 {
			return "UNI"
		}
		key = "MUL"
	}
	return key
}
