package schema

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
	"github.com/s3db-go/s3db/storage"
	"github.com/s3db-go/s3db/storage/mem"
)

func alterSpecs(t *testing.T, sql string) []sqlparse.AlterSpec {
	t.Helper()
	stmts, err := sqlparse.Parse(sql)
	if err != nil {
		t.Fatal(err)
	}
	return stmts[0].(*sqlparse.AlterTable).Specs
}

// TestAlterVersions: what Alter keeps for older rows, and that the original
// table is left alone.
func TestAlterVersions(t *testing.T) {
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	tb, err := newTable(t, "CREATE TABLE t (id INT PRIMARY KEY, a INT, b TEXT, INDEX byA (a), CHECK (a > 0))")
	if err != nil {
		t.Fatal(err)
	}
	before := tb.CreateSQL()
	a, err := tb.Alter(alterSpecs(t, "ALTER TABLE t ADD c DATETIME DEFAULT CURRENT_TIMESTAMP FIRST, DROP b, RENAME COLUMN a TO aa, ADD d INT, MODIFY d VARCHAR(3) DEFAULT 'x', ADD CHECK (d <> '')"), now)
	if err != nil {
		t.Fatal(err)
	}
	n := a.Table
	if tb.CreateSQL() != before || tb.Version != 1 {
		t.Errorf("Alter changed the original table")
	}
	if n.Version != 2 || len(n.Burned) != 1 || n.Burned[0] != tb.Column("b").Code || !a.Scan {
		t.Errorf("version %d, burned %v, scan %v", n.Version, n.Burned, a.Scan)
	}
	c := n.Column("c")
	if c.Since != 2 || c.Fill == nil || *c.Fill != "2024-01-02 03:04:05" || n.Columns[0] != c {
		t.Errorf("added column: since %d fill %v first %v", c.Since, c.Fill, n.Columns[0].Name)
	}
	// d was added and modified by the same ALTER: no row has its old type.
	if d := n.Column("d"); len(d.History) != 1 || d.History[0].Until != 1 || d.TypeAt(1).Name != "INT" || d.TypeAt(2).Name != "VARCHAR" {
		t.Errorf("history of d: %+v", d.History)
	}
	if ck := n.Checks[0]; ck.Text != "(aa > 0)" {
		t.Errorf("check after RENAME COLUMN: %s", ck.Text)
	}
	if ix := n.Index("byA"); n.IndexColumns(ix)[0] != n.ColumnIndex("aa") {
		t.Errorf("index after RENAME COLUMN: %v", n.IndexColumns(ix))
	}
	if err := checkTable(n); err != nil {
		t.Error(err)
	}
	// Index-only changes keep the version.
	a2, err := n.Alter(alterSpecs(t, "ALTER TABLE t ADD INDEX byD (d), COMMENT 'x'"), now)
	if err != nil || a2.Table.Version != 2 || len(a2.AddIndexes) != 1 {
		t.Errorf("ADD INDEX: %v, version %d", err, a2.Table.Version)
	}
}

// TestStorageNames: renamed tables keep their storage; new tables avoid it;
// the catalog is written as format 3 only then, and heal finds the objects
// of a renamed table under its storage name.
func TestStorageNames(t *testing.T) {
	ctx := context.Background()
	b := storage.NewCounting(mem.New())
	s := NewStore(b, 0)
	if _, err := s.Update(ctx, addTable(t, "a")); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Current(ctx)
	if c.Format != 2 {
		t.Errorf("plain catalog written as format %d", c.Format)
	}
	c, err := s.Update(ctx, func(c *Catalog) error {
		tb := c.Table("a")
		a, err := tb.Alter(alterSpecs(t, "ALTER TABLE a RENAME TO b"), time.Now())
		if err != nil {
			return err
		}
		c.Remove("a")
		c.Put(a.Table)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Format != FormatVersion || c.Table("b").StorageName() != "a" || c.FreeStorage("a") != "a_2" || c.FreeStorage("B") != "B" {
		t.Errorf("format %d, storage %s, free %s", c.Format, c.Table("b").StorageName(), c.FreeStorage("a"))
	}
	putRow(t, b, "a")
	obj, _ := b.Get(ctx, CatalogKey)
	bad := strings.Replace(string(obj.Body), `"nextCode"`, `nextCode`, 1) // a bare key
	if bad == string(obj.Body) {
		t.Fatal("no corruption")
	}
	if _, err := b.Put(ctx, CatalogKey, []byte(bad), nil, storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	healed := false
	s2 := NewStore(b, 0)
	s2.OnHeal = func(HealEvent) { healed = true }
	if c, err := s2.Current(ctx); err != nil || !healed || c.Table("b") == nil {
		t.Fatalf("heal of a catalog with a renamed table: %v, healed %v", err, healed)
	}
}
