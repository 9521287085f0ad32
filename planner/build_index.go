package planner

import (
	"fmt"

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
		for i, ci := range t.IndexColumns(ix) {
			v.Rows = append(v.Rows, []any{t.Name, unique, ix.Name, int64(i + 1), t.Columns[ci].Name, "PARTITION"})
		}
	}
	return v, nil
}
