package planner

import (
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// AlterTable changes a table's schema. The executor re-applies Specs to the
// catalog's table of its time (schema.Table.Alter) inside the catalog's
// compare-and-swap; Alteration is what planning made of them against the
// cached catalog, and Indexes the ADD INDEX parts, created and filled after
// the change like CREATE INDEX.
type AlterTable struct {
	Table      *schema.Table
	Specs      []sqlparse.AlterSpec
	Alteration *schema.Alteration
	Indexes    []*CreateIndex
}

// RenameTable renames tables: a catalog change only (a table's objects stay
// under its storage name).
type RenameTable struct{ Renames []sqlparse.TableRename }

// TruncateTable deletes every row and partition entry of a table and keeps
// its schema.
type TruncateTable struct{ Table *schema.Table }

func (n *AlterTable) Schema() Schema      { return noSchema }
func (n *RenameTable) Schema() Schema     { return noSchema }
func (n *TruncateTable) Schema() Schema   { return noSchema }
func (n *AlterTable) Children() []Node    { return nil }
func (n *RenameTable) Children() []Node   { return nil }
func (n *TruncateTable) Children() []Node { return nil }

// schemaChange plans ALTER TABLE, RENAME TABLE and TRUNCATE TABLE (nil, nil
// for any other statement).
func (b *builder) schemaChange(stmt sqlparse.Statement) (Node, error) {
	switch s := stmt.(type) {
	case *sqlparse.AlterTable:
		return b.alterTable(s)
	case *sqlparse.RenameTable:
		return b.renameTable(s)
	case *sqlparse.TruncateTable:
		t, err := b.table(s.Name)
		if err != nil {
			return nil, err
		}
		return &TruncateTable{Table: t}, nil
	}
	return nil, nil
}

func (b *builder) alterTable(s *sqlparse.AlterTable) (Node, error) {
	t, err := b.table(s.Table)
	if err != nil {
		return nil, err
	}
	a, err := t.Alter(s.Specs, b.opts.Now)
	if err != nil {
		return nil, err
	}
	n := &AlterTable{Table: t, Specs: s.Specs, Alteration: a}
	nt := a.Table
	if a.Renamed {
		if other := b.cat.Table(nt.Name); other != nil && other != t {
			return nil, fmt.Errorf("table '%s' already exists", other.Name)
		}
		if err := RenameBlocked(b.cat, t); err != nil {
			return nil, err
		}
	}
	if err := CheckConstraints(nt); err != nil {
		return nil, err
	}
	for _, ix := range a.AddIndexes {
		if err := finishIndex(nt, ix); err != nil {
			return nil, err
		}
		n.Indexes = append(n.Indexes, &CreateIndex{Table: nt, Index: ix})
	}
	if err := CheckTriggersAfter(b.cat, t, nt); err != nil {
		return nil, err
	}
	return n, nil
}

// CheckConstraints compiles every CHECK constraint of t over its columns, as
// the executor evaluates them: unknown functions and misused expressions are
// errors before anything is written.
func CheckConstraints(t *schema.Table) error {
	scope := tableSchema(t, "")
	for _, ck := range t.Checks {
		e, err := ck.Parsed()
		if err == nil {
			err = check(e, scope, "check constraint")
		}
		if err != nil {
			return fmt.Errorf("table %s, check constraint '%s': %w", t.Name, ck.Name, err)
		}
	}
	return nil
}

// CheckTriggersAfter validates, as CREATE TRIGGER does, every trigger that
// an ALTER TABLE of old into new concerns: the table's own triggers (they
// name its columns as NEW.col and OLD.col) and those of other tables whose
// bodies write it. A change that would break one is refused, naming it.
func CheckTriggersAfter(cat *schema.Catalog, old, new *schema.Table) error {
	tables := map[string]*schema.Table{}
	for k, t := range cat.Tables {
		tables[k] = t
	}
	delete(tables, strings.ToLower(old.Name))
	tables[strings.ToLower(new.Name)] = new
	after := &schema.Catalog{Format: cat.Format, Tables: tables, Keys: cat.Keys}
	b := &builder{cat: after}
	for _, t := range after.Tables {
		for _, tr := range t.Triggers {
			ct, err := tr.Parsed()
			if err != nil {
				return err
			}
			if t != new && !writes(ct.Body, old.Name) {
				continue
			}
			if err := b.checkBody(ct.Body, t, ct, TriggerScope(t)); err != nil {
				return fmt.Errorf("ALTER TABLE %s would break trigger %s: %w (DROP TRIGGER %s first and create it again after)", old.Name, tr.Name, err, tr.Name)
			}
		}
	}
	return nil
}

// writes reports whether a trigger body writes the named table.
func writes(body []sqlparse.TriggerStmt, table string) bool {
	for _, w := range bodyWrites(body) {
		if strings.EqualFold(w.table, table) {
			return true
		}
	}
	return false
}

// RenameBlocked refuses to rename a table that triggers refer to by name:
// its own (their text says ON table) and those that write it. Drop them,
// rename, and create them again.
func RenameBlocked(cat *schema.Catalog, t *schema.Table) error {
	if len(t.Triggers) > 0 {
		return fmt.Errorf("table %s has triggers (%s), which name it: DROP them, rename the table, and create them again", t.Name, triggerList(t.Triggers))
	}
	for _, other := range cat.Tables {
		for _, tr := range other.Triggers {
			ct, err := tr.Parsed()
			if err != nil {
				return err
			}
			if writes(ct.Body, t.Name) {
				return fmt.Errorf("trigger %s (on table %s) writes table %s by name: DROP it, rename the table, and create it again", tr.Name, other.Name, t.Name)
			}
		}
	}
	return nil
}

func triggerList(ts []*schema.Trigger) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	return strings.Join(names, ", ")
}

// renameTable checks RENAME TABLE against the catalog, applying the renames
// in order to a copy of the table list (so a TO b, b TO c and swaps through
// a temporary name work). The executor applies them again, all in one
// compare-and-swap of the catalog.
func (b *builder) renameTable(s *sqlparse.RenameTable) (Node, error) {
	view := *b.cat // ApplyRenames replaces the table list of what it is given
	if _, err := ApplyRenames(&view, s.Renames); err != nil {
		return nil, err
	}
	return &RenameTable{Renames: s.Renames}, nil
}

// ApplyRenames applies RENAME TABLE's renames, in order, to c (which it
// changes: pass a private copy) and returns the renamed tables.
func ApplyRenames(c *schema.Catalog, renames []sqlparse.TableRename) ([]*schema.Table, error) {
	tables := map[string]*schema.Table{}
	for k, t := range c.Tables {
		tables[k] = t
	}
	view := &schema.Catalog{Tables: tables}
	var out []*schema.Table
	for _, r := range renames {
		t := view.Table(r.From)
		if t == nil {
			return nil, &NoSuchTableError{Name: r.From}
		}
		if err := schema.CheckTableName(r.To); err != nil {
			return nil, err
		}
		if other := view.Table(r.To); other != nil && other != t {
			return nil, fmt.Errorf("table '%s' already exists", other.Name)
		}
		if err := RenameBlocked(view, t); err != nil {
			return nil, err
		}
		cp := *t
		cp.Storage, cp.Name = t.StorageName(), r.To
		if cp.Storage == cp.Name {
			cp.Storage = ""
		}
		view.Remove(t.Name)
		view.Put(&cp)
		out = append(out, &cp)
	}
	c.Tables = view.Tables
	return out, nil
}
