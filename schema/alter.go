package schema

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/s3db-go/s3db/sqlparse"
)

// Alteration is what an ALTER TABLE makes of a table: the table as it will be
// (a copy; the original is untouched) and what the executor does besides
// writing it to the catalog.
type Alteration struct {
	Table *Table
	// Scan: every existing row must be valid under Table (types, NOT NULL,
	// CHECK) before the change is committed: a MODIFY of a type or to NOT
	// NULL, a new CHECK. It costs a full scan.
	Scan bool
	// NeedsEmpty, when not "", is why the change is only possible on a table
	// without rows (checked with the same scan).
	NeedsEmpty string
	// AddIndexes are created, and filled from the rows, after the change;
	// DropIndexes are removed and their entries deleted.
	AddIndexes  []*Index
	DropIndexes []*Index
	// Renamed: Table.Name is new (ALTER TABLE ... RENAME TO).
	Renamed bool
}

// Alter applies the specs of an ALTER TABLE, in order, to a copy of t. A
// change of columns or CHECK constraints makes a new schema version, which
// keeps what rows of older versions need to be read without rewriting them
// (version.go): an added column's fill value, a dropped column's burned code,
// a modified column's earlier type. Every bad spec is an error and t is left
// as it was.
func (t *Table) Alter(specs []sqlparse.AlterSpec, now time.Time) (*Alteration, error) {
	n := t.clone()
	a := &Alteration{Table: n}
	version := t.Version + 1
	bump := false
	fail := func(format string, args ...any) (*Alteration, error) {
		return nil, fmt.Errorf("ALTER TABLE %s: %s", t.Name, fmt.Sprintf(format, args...))
	}
	for _, sp := range specs {
		switch s := sp.(type) {
		case *sqlparse.AlterAddColumn:
			if n.Column(s.Column.Name) != nil {
				if s.IfNotExists {
					continue
				}
				return fail("duplicate column name '%s'", s.Column.Name)
			}
			if s.Column.PrimaryKey {
				return fail("cannot add a PRIMARY KEY column (the primary key is the row's object key)")
			}
			c, err := newColumn(n.Name, s.Column)
			if err != nil {
				return nil, err
			}
			c.Code, c.Since = n.nextCode(), version
			if c.Default != nil {
				switch c.Default.Kind {
				case DefaultValue:
					v := c.Default.Value
					c.Fill = &v
				case DefaultCurrentTimestamp:
					v, err := Coerce(c.Type, now)
					if err != nil {
						return nil, err
					}
					text := ValueText(v)
					c.Fill = &text
				case DefaultUUID:
					a.NeedsEmpty = fmt.Sprintf("column '%s' with DEFAULT (UUID()) needs a value per existing row; add it without a DEFAULT, fill it with UPDATE, then MODIFY it", c.Name)
				}
			}
			switch {
			case c.AutoIncrement:
				a.NeedsEmpty = fmt.Sprintf("AUTO_INCREMENT column '%s' can only be added to an empty table (existing rows would have no value)", c.Name)
			case c.NotNull && c.Fill == nil && a.NeedsEmpty == "":
				a.NeedsEmpty = fmt.Sprintf("column '%s' is NOT NULL without a DEFAULT, but the table has rows: give it a DEFAULT", c.Name)
			}
			if err := n.place(c, -1, s.Position); err != nil {
				return fail("%v", err)
			}
			if err := a.columnExtras(n, s.Column); err != nil {
				return nil, err
			}
			bump = true
		case *sqlparse.AlterDropColumn:
			i := n.ColumnIndex(s.Name)
			if i < 0 {
				if s.IfExists {
					continue
				}
				return fail("can't DROP COLUMN '%s': it does not exist", s.Name)
			}
			c := n.Columns[i]
			if err := n.inUse(c, "drop"); err != nil {
				return fail("%v", err)
			}
			for _, ck := range n.Checks {
				if ck.Uses(c.Name) {
					return fail("check constraint '%s' uses column '%s': drop the constraint first", ck.Name, c.Name)
				}
			}
			n.Burned = append(n.Burned, c.Code)
			n.Columns = slices.Delete(n.Columns, i, i+1)
			bump = true
		case *sqlparse.AlterModifyColumn:
			if err := a.modify(n, s, version); err != nil {
				if errors.Is(err, errSkip) {
					continue
				}
				return fail("%v", err)
			}
			bump = true
		case *sqlparse.AlterRenameColumn:
			c := n.Column(s.Old)
			if c == nil {
				return fail("unknown column '%s'", s.Old)
			}
			if err := n.rename(c, s.New); err != nil {
				return fail("%v", err)
			}
			bump = true
		case *sqlparse.AlterColumnDefault:
			c := n.Column(s.Column)
			switch {
			case c == nil:
				return fail("unknown column '%s'", s.Column)
			case s.Drop:
				c.Default = nil
			case c.AutoIncrement:
				return fail("an AUTO_INCREMENT column cannot have a DEFAULT")
			default:
				d, err := newDefault(c, s.Default)
				if err != nil {
					return fail("column %s: %v", c.Name, err)
				}
				if strings.EqualFold(c.Name, n.PrimaryKey) && d.Kind != DefaultUUID {
					return fail("the PRIMARY KEY column %s cannot have a DEFAULT", c.Name)
				}
				c.Default = d
			}
			bump = true
		case *sqlparse.AlterRename:
			if err := CheckTableName(s.Name); err != nil {
				return nil, err
			}
			n.Storage, n.Name, a.Renamed = t.StorageName(), s.Name, true
		case *sqlparse.AlterAddIndex:
			if s.IfNotExists && s.Index.Name != "" && n.Index(s.Index.Name) != nil {
				continue
			}
			ix, err := n.NewIndex(s.Index)
			if err != nil {
				return nil, err
			}
			n.Indexes = append(n.Indexes, ix)
			a.AddIndexes = append(a.AddIndexes, ix)
		case *sqlparse.AlterDropIndex:
			if n.Index(s.Name) == nil {
				if s.IfExists {
					continue
				}
				return fail("can't DROP INDEX '%s': it does not exist", s.Name)
			}
			a.dropIndex(n, s.Name)
		case *sqlparse.AlterAddCheck:
			if _, err := n.AddCheck(s.Check.Name, s.Check.Expr); err != nil {
				return nil, err
			}
			a.Scan, bump = true, true
		case *sqlparse.AlterDropConstraint:
			switch {
			case n.Check(s.Name) != nil:
				ck := n.Check(s.Name)
				n.Checks = slices.DeleteFunc(n.Checks, func(x *Check) bool { return x == ck })
				bump = true
			case n.Index(s.Name) != nil && n.Index(s.Name).Unique:
				a.dropIndex(n, s.Name)
			default:
				return fail("constraint '%s' does not exist", s.Name)
			}
		case *sqlparse.AlterComment:
			n.Comment = s.Comment
		default:
			return fail("unsupported change %T", sp)
		}
	}
	if err := n.checkAutoIncrement(); err != nil {
		return nil, err
	}
	if created, updated := n.TimestampColumns(); n.Timestamps && (created < 0 || updated < 0) {
		return fail("TIMESTAMPS = ON maintains %s and %s: they cannot be dropped", CreatedAt, UpdatedAt)
	}
	if err := n.addTimestamps(); err != nil { // checks their types
		return nil, err
	}
	if bump {
		n.Version = version
	}
	return a, nil
}

var errSkip = errors.New("skip")

// modify applies MODIFY / CHANGE: the column is redefined from its new
// definition, keeping its field code (so its stored values), and its
// earlier type is remembered for the rows written with it.
func (a *Alteration) modify(n *Table, s *sqlparse.AlterModifyColumn, version int) error {
	i := n.ColumnIndex(s.Old)
	if i < 0 {
		if s.IfExists {
			return errSkip
		}
		return fmt.Errorf("unknown column '%s'", s.Old)
	}
	old := n.Columns[i]
	isPK := strings.EqualFold(old.Name, n.PrimaryKey)
	if s.Column.PrimaryKey && !isPK {
		return errors.New("the PRIMARY KEY cannot move to another column (it is the row's object key)")
	}
	c, err := newColumn(n.Name, s.Column)
	if err != nil {
		return err
	}
	c.Code, c.Since, c.Fill, c.History = old.Code, old.Since, old.Fill, slices.Clone(old.History)
	if !old.Type.Equal(c.Type) {
		if isPK {
			return fmt.Errorf("the type of the PRIMARY KEY column %s cannot change: its values are the rows' object keys", old.Name)
		}
		if err := n.inIndex(old, "change the type of"); err != nil {
			return err
		}
		if len(c.History) == 0 || c.History[len(c.History)-1].Until != version-1 {
			c.History = append(c.History, TypeAt{Until: version - 1, Type: old.Type})
		}
		a.Scan = true
	}
	if isPK {
		if c.Default != nil && c.Default.Kind != DefaultUUID {
			return fmt.Errorf("the PRIMARY KEY column %s cannot have a DEFAULT", old.Name)
		}
		c.NotNull = true
	}
	if c.NotNull && !old.NotNull {
		a.Scan = true
	}
	if c.AutoIncrement && !old.AutoIncrement {
		a.NeedsEmpty = fmt.Sprintf("AUTO_INCREMENT can only be given to column '%s' of an empty table (its sequence would restart below existing values)", c.Name)
	}
	if c.Name != old.Name {
		// CHANGE old new: a rename as well (rename checks the new name).
		newName := c.Name
		c.Name = old.Name
		n.Columns[i] = c
		if err := n.rename(c, newName); err != nil {
			return err
		}
	} else {
		n.Columns[i] = c
	}
	if s.Position != (sqlparse.ColumnPosition{}) {
		if err := n.place(c, i, s.Position); err != nil {
			return err
		}
	}
	return a.columnExtras(n, s.Column)
}

// columnExtras adds what a column definition of ADD or MODIFY declares
// beyond the column: a UNIQUE index, a CHECK constraint.
func (a *Alteration) columnExtras(n *Table, cd sqlparse.ColumnDef) error {
	if cd.Unique {
		ix, err := n.NewIndex(sqlparse.IndexDef{Name: cd.Name, Columns: []string{cd.Name}, Unique: true})
		if err != nil {
			return err
		}
		n.Indexes = append(n.Indexes, ix)
		a.AddIndexes = append(a.AddIndexes, ix)
	}
	if cd.Check != nil {
		if _, err := n.AddCheck(cd.CheckName, cd.Check); err != nil {
			return err
		}
		a.Scan = true
	}
	return nil
}

// dropIndex removes an index; one added by the same ALTER is just forgotten.
func (a *Alteration) dropIndex(n *Table, name string) {
	ix := n.Index(name)
	n.Indexes = slices.DeleteFunc(n.Indexes, func(x *Index) bool { return x == ix })
	if slices.Contains(a.AddIndexes, ix) {
		a.AddIndexes = slices.DeleteFunc(a.AddIndexes, func(x *Index) bool { return x == ix })
		return
	}
	a.DropIndexes = append(a.DropIndexes, ix)
}

// place moves column c (at position from, -1 if not in the list yet) to pos:
// FIRST, AFTER a column, or the end for a new column / where it was.
func (n *Table) place(c *Column, from int, pos sqlparse.ColumnPosition) error {
	if from >= 0 {
		n.Columns = slices.Delete(n.Columns, from, from+1)
	}
	at := len(n.Columns)
	switch {
	case pos.First:
		at = 0
	case pos.After != "":
		j := n.ColumnIndex(pos.After)
		if j < 0 {
			return fmt.Errorf("unknown column '%s' in AFTER", pos.After)
		}
		at = j + 1
	case from >= 0:
		at = from
	}
	n.Columns = slices.Insert(n.Columns, at, c)
	return nil
}

// rename renames column c: its field code stays, so stored values follow;
// CHECK constraints and expression index parts that name it are rewritten.
func (n *Table) rename(c *Column, name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("invalid column name %s", Quote(name))
	}
	if other := n.Column(name); other != nil && other != c {
		return fmt.Errorf("duplicate column name '%s'", name)
	}
	if n.Timestamps && (strings.EqualFold(c.Name, CreatedAt) || strings.EqualFold(c.Name, UpdatedAt)) && !strings.EqualFold(c.Name, name) {
		return fmt.Errorf("column %s is maintained by TIMESTAMPS = ON: it cannot be renamed", c.Name)
	}
	for _, ck := range n.Checks {
		if err := ck.renameColumn(c.Name, name); err != nil {
			return err
		}
	}
	for _, ix := range n.Indexes {
		for i, text := range ix.Exprs {
			if text == "" {
				continue
			}
			renamed, err := renameInExpr(text, c.Name, name)
			if err != nil {
				return fmt.Errorf("index %s: %w", ix.Name, err)
			}
			ix.Exprs[i] = renamed
		}
	}
	if strings.EqualFold(n.PrimaryKey, c.Name) {
		n.PrimaryKey = name
	}
	c.Name = name
	return nil
}

// inUse refuses to drop a column the table cannot do without.
func (n *Table) inUse(c *Column, what string) error {
	switch {
	case strings.EqualFold(c.Name, n.PrimaryKey):
		return fmt.Errorf("can't %s the PRIMARY KEY column %s", what, c.Name)
	case n.Timestamps && (strings.EqualFold(c.Name, CreatedAt) || strings.EqualFold(c.Name, UpdatedAt)):
		return fmt.Errorf("can't %s column %s: TIMESTAMPS = ON maintains it", what, c.Name)
	}
	return n.inIndex(c, what)
}

// inIndex refuses to change a column an index is built on: its entries'
// keys hold the column's values, encoded by its type.
func (n *Table) inIndex(c *Column, what string) error {
	for _, ix := range n.Indexes {
		if slices.Contains(ix.Codes, c.Code) {
			return fmt.Errorf("can't %s column %s: index %s is built on it (DROP INDEX first)", what, c.Name, ix.Name)
		}
		for _, text := range ix.Exprs {
			if text != "" && exprUses(text, c.Name) {
				return fmt.Errorf("can't %s column %s: index %s is built on it (DROP INDEX first)", what, c.Name, ix.Name)
			}
		}
	}
	return nil
}

// exprUses reports whether stored expression text names a column.
func exprUses(text, column string) bool {
	e, err := sqlparse.ParseExpr(text)
	if err != nil {
		return true // unreadable: assume it does, refuse the change
	}
	used := false
	sqlparse.WalkExpr(e, func(x sqlparse.Expr) {
		if ref, ok := x.(*sqlparse.ColumnRef); ok && strings.EqualFold(ref.Name, column) {
			used = true
		}
	})
	return used
}

// renameInExpr rewrites stored expression text for a renamed column.
func renameInExpr(text, old, name string) (string, error) {
	if !exprUses(text, old) {
		return text, nil
	}
	e, err := sqlparse.ParseExpr(text)
	if err != nil {
		return "", err
	}
	sqlparse.WalkExpr(e, func(x sqlparse.Expr) {
		if ref, ok := x.(*sqlparse.ColumnRef); ok && strings.EqualFold(ref.Name, old) {
			ref.Name = name
		}
	})
	return sqlparse.Format(e), nil
}

// clone returns a deep copy of t that Alter may change.
func (t *Table) clone() *Table {
	n := *t
	n.Columns = make([]*Column, len(t.Columns))
	for i, c := range t.Columns {
		cc := *c
		cc.History = slices.Clone(c.History)
		if c.Default != nil {
			d := *c.Default
			cc.Default = &d
		}
		n.Columns[i] = &cc
	}
	n.Indexes = make([]*Index, len(t.Indexes))
	for i, ix := range t.Indexes {
		cp := *ix
		cp.Codes, cp.Exprs, cp.Types = slices.Clone(ix.Codes), slices.Clone(ix.Exprs), slices.Clone(ix.Types)
		n.Indexes[i] = &cp
	}
	n.Checks = make([]*Check, len(t.Checks))
	for i, ck := range t.Checks {
		cp := *ck
		n.Checks[i] = &cp
	}
	n.Triggers = slices.Clone(t.Triggers)
	n.Burned = slices.Clone(t.Burned)
	return &n
}

// Upgrade converts a row of from (an earlier version of t: the same field
// codes) into t's column order, as a reader of t sees a row written under
// from: a column from lacks reads its fill value, every value is converted
// to t's type. Errors name the column.
func (t *Table) Upgrade(from *Table, row []any) ([]any, error) {
	out := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		var v any
		if old := from.ByCode(c.Code); old != nil {
			v = row[from.ColumnIndex(old.Name)]
		} else if c.Fill != nil {
			v = *c.Fill
		}
		cv, err := Coerce(c.Type, v)
		if err != nil {
			return nil, fmt.Errorf("column '%s': %w", c.Name, err)
		}
		out[i] = cv
	}
	return out, nil
}
