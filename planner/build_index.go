package planner

import (
	"errors"
	"fmt"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// CreateIndex adds a partition to a table and backfills its entries from the
// rows already there.
type CreateIndex struct {
	Table       *schema.Table
	Index       *schema.Index
	IfNotExists bool
}

// DropIndex removes a partition and deletes its entries.
type DropIndex struct {
	Table    *schema.Table
	Name     string
	IfExists bool
}

func (n *CreateIndex) Schema() Schema   { return noSchema }
func (n *DropIndex) Schema() Schema     { return noSchema }
func (n *CreateIndex) Children() []Node { return nil }
func (n *DropIndex) Children() []Node   { return nil }

func (b *builder) createIndex(s *sqlparse.CreateIndex) (Node, error) {
	t, err := b.table(s.Table)
	if err != nil {
		return nil, err
	}
	if t.Index(s.Index.Name) != nil {
		if s.IfNotExists {
			return &Values{}, nil
		}
		return nil, fmt.Errorf("table %s: index %s already exists", t.Name, s.Index.Name)
	}
	ix, err := t.NewIndex(s.Index)
	if err == nil {
		err = finishIndex(t, ix)
	}
	if err != nil {
		return nil, err
	}
	return &CreateIndex{Table: t, Index: ix, IfNotExists: s.IfNotExists}, nil
}

func (b *builder) dropIndex(s *sqlparse.DropIndex) (Node, error) {
	t, err := b.table(s.Table)
	if err != nil {
		return nil, err
	}
	if t.Index(s.Name) == nil {
		if s.IfExists {
			return &Values{}, nil
		}
		return nil, fmt.Errorf("table %s has no index %s", t.Name, s.Name)
	}
	return &DropIndex{Table: t, Name: s.Name, IfExists: s.IfExists}, nil
}

// volatile functions give another value on each call: no index can hold them.
var volatile = map[string]bool{"NOW": true, "CURRENT_TIMESTAMP": true, "UTC_TIMESTAMP": true, "CURDATE": true,
	"CURRENT_DATE": true, "UUID": true, "RAND": true, "UNIX_TIMESTAMP": true}

// finishIndex checks the expression parts of an index and records the type
// of their values (entries encode values by type).
func finishIndex(t *schema.Table, ix *schema.Index) error {
	scope := tableSchema(t, "")
	for i := range ix.Codes {
		text, ok := ix.Expr(i)
		if !ok {
			continue
		}
		where := func(err error) error {
			return fmt.Errorf("table %s, index %s, expression %s: %w", t.Name, ix.Name, text, err)
		}
		e, err := sqlparse.ParseExpr(text)
		if err != nil {
			return where(err)
		}
		if err := check(e, scope, "index expression"); err != nil {
			return where(err)
		}
		var bad error
		eval.Walk(e, func(x sqlparse.Expr) bool {
			switch x := x.(type) {
			case *sqlparse.Func:
				if volatile[x.Name] || eval.IsAggregate(x.Name) {
					bad = fmt.Errorf("%s changes from call to call: it cannot be indexed", x.Name)
				}
			case *sqlparse.ColumnRef:
				if c := t.Column(x.Name); c != nil && (c.Type.Kind == schema.KindSecret || c.Type.Kind == schema.KindVector) {
					bad = fmt.Errorf("column %s (%s) cannot be in a partition", c.Name, c.Type.SQL())
				}
			}
			return bad == nil
		})
		if bad != nil {
			return where(bad)
		}
		typ, _ := inferType(e, scope)
		if typ == nil {
			return where(errors.New("its type is unknown: CAST it to the type to index"))
		}
		ix.Types[i] = *typ
	}
	return nil
}

// showIndex lists a table's indexes as MySQL's SHOW INDEX does: one row per
// column of each index, the primary key first.
func (b *builder) showIndex(name string) (Node, error) {
	t, err := b.table(name)
	if err != nil {
		return nil, err
	}
	v := &Values{Columns: Schema{
		{Name: "Table", Type: &text, NotNull: true}, {Name: "Non_unique", Type: &bigint, NotNull: true},
		{Name: "Key_name", Type: &text, NotNull: true}, {Name: "Seq_in_index", Type: &bigint, NotNull: true},
		{Name: "Column_name", Type: &text, NotNull: true}, {Name: "Index_type", Type: &text, NotNull: true},
	}}
	v.Rows = append(v.Rows, []any{t.Name, int64(0), "PRIMARY", int64(1), t.PrimaryKey, "OBJECT KEY"})
	for _, ix := range t.Indexes {
		unique := int64(1)
		if ix.Unique {
			unique = 0
		}
		for i := range ix.Codes {
			v.Rows = append(v.Rows, []any{t.Name, unique, ix.Name, int64(i + 1), t.PartName(ix, i), "PARTITION"})
		}
	}
	return v, nil
}
