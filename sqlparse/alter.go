package sqlparse

import (
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
)

// This file is the schema-change part of the IR and its translation:
// ALTER TABLE, RENAME TABLE, TRUNCATE TABLE and CHECK constraints.

// CheckDef is a CHECK constraint: CONSTRAINT name CHECK (expr) at table
// level, or a column's CHECK (Name "" unless CONSTRAINT name was written).
type CheckDef struct {
	Name string
	Expr Expr
}

// AlterTable is ALTER TABLE t spec, spec, .... The specs apply in order.
type AlterTable struct {
	Table string
	Specs []AlterSpec
}

// AlterSpec is one change of an ALTER TABLE: *AlterAddColumn,
// *AlterDropColumn, *AlterModifyColumn (MODIFY and CHANGE), *AlterRenameColumn,
// *AlterColumnDefault, *AlterRename, *AlterAddIndex, *AlterDropIndex,
// *AlterAddCheck, *AlterDropConstraint or *AlterComment.
type AlterSpec interface{ alterSpec() }

// ColumnPosition is where ADD/MODIFY/CHANGE puts a column: FIRST, AFTER a
// column, or (the zero value) at the end for ADD and in place for MODIFY.
type ColumnPosition struct {
	First bool
	After string
}

// AlterAddColumn is ADD [COLUMN] [IF NOT EXISTS] col type ... [FIRST | AFTER c].
// ADD COLUMN (a ..., b ...) is one AlterAddColumn per column.
type AlterAddColumn struct {
	Column      ColumnDef
	Position    ColumnPosition
	IfNotExists bool
}

// AlterDropColumn is DROP [COLUMN] [IF EXISTS] col.
type AlterDropColumn struct {
	Name     string
	IfExists bool
}

// AlterModifyColumn is MODIFY [COLUMN] col type ... (Old == Column.Name) or
// CHANGE [COLUMN] old new type .... The column is redefined entirely, as in
// MySQL: attributes not written (NOT NULL, DEFAULT, COMMENT) are dropped.
type AlterModifyColumn struct {
	Old      string
	Column   ColumnDef
	Position ColumnPosition
	IfExists bool
}

// AlterRenameColumn is RENAME COLUMN old TO new.
type AlterRenameColumn struct{ Old, New string }

// AlterColumnDefault is ALTER [COLUMN] col SET DEFAULT expr (Drop false) or
// ALTER [COLUMN] col DROP DEFAULT (Drop true).
type AlterColumnDefault struct {
	Column  string
	Default Expr // a NULL Literal for SET DEFAULT NULL
	Drop    bool
}

// AlterRename is RENAME [TO|AS] new.
type AlterRename struct{ Name string }

// AlterAddIndex is ADD {INDEX|KEY|UNIQUE} [name] (cols).
type AlterAddIndex struct {
	Index       IndexDef
	IfNotExists bool
}

// AlterDropIndex is DROP {INDEX|KEY} [IF EXISTS] name.
type AlterDropIndex struct {
	Name     string
	IfExists bool
}

// AlterAddCheck is ADD [CONSTRAINT [name]] CHECK (expr).
type AlterAddCheck struct{ Check CheckDef }

// AlterDropConstraint is DROP CHECK name or DROP CONSTRAINT name: a CHECK
// constraint, or for DROP CONSTRAINT also a UNIQUE index of that name.
type AlterDropConstraint struct{ Name string }

// AlterComment is the table option COMMENT [=] 'text'.
type AlterComment struct{ Comment string }

// TableRename is one `old TO new` of RENAME TABLE.
type TableRename struct{ From, To string }

// RenameTable is RENAME TABLE a TO b [, c TO d ...]: the renames apply in
// order, all or none.
type RenameTable struct{ Renames []TableRename }

// TruncateTable is TRUNCATE [TABLE] t.
type TruncateTable struct{ Name string }

func (*AlterTable) statement()    {}
func (*RenameTable) statement()   {}
func (*TruncateTable) statement() {}

func (*AlterAddColumn) alterSpec()      {}
func (*AlterDropColumn) alterSpec()     {}
func (*AlterModifyColumn) alterSpec()   {}
func (*AlterRenameColumn) alterSpec()   {}
func (*AlterColumnDefault) alterSpec()  {}
func (*AlterRename) alterSpec()         {}
func (*AlterAddIndex) alterSpec()       {}
func (*AlterDropIndex) alterSpec()      {}
func (*AlterAddCheck) alterSpec()       {}
func (*AlterDropConstraint) alterSpec() {}
func (*AlterComment) alterSpec()        {}

// WalkExpr calls f for e and every expression inside it, parents before
// children (nil is skipped). Callers may change the nodes they are given,
// e.g. rename the ColumnRefs of an expression they parsed themselves.
func WalkExpr(e Expr, f func(Expr)) { walkExpr(e, f) }

// ---- translation ----

// info returns what the pre-pass learnt about the current statement.
func (t *translator) info() createInfo {
	var info createInfo
	for _, c := range t.creates {
		if c.off >= t.start && c.off < t.end {
			info = c
		}
	}
	return info
}

// checkDef translates a CHECK constraint of a column list or an ALTER TABLE.
func (t *translator) checkDef(c *ast.Constraint, off int) CheckDef {
	if !c.Enforced {
		t.unsupported(t.findFrom(off, "NOT", "ENFORCED"), "NOT ENFORCED")
	}
	return CheckDef{Name: c.Name, Expr: t.expr(c.Expr)}
}

// columnCheck translates a column's CHECK option.
func (t *translator) columnCheck(d *ColumnDef, o *ast.ColumnOption, off int) {
	switch {
	case d.Check != nil:
		t.unsupported(t.findFrom(off, "CHECK"), "a second CHECK on one column (use table-level CHECK constraints)")
	case !o.Enforced:
		t.unsupported(t.findFrom(off, "ENFORCED"), "NOT ENFORCED")
	}
	d.Check, d.CheckName = t.expr(o.Expr), o.ConstraintName
}

func (t *translator) alterTable(n *ast.AlterTableStmt) *AlterTable {
	a := &AlterTable{Table: t.tableName(n.Table)}
	elems, next := t.info().elems, 0
	colDef := func(c *ast.ColumnDef) ColumnDef {
		e := element{off: t.stmtOff()}
		for i := next; i < len(elems); i++ {
			if strings.EqualFold(elems[i].name, c.Name.Name.O) {
				e, next = elems[i], i+1
				break
			}
		}
		return t.columnDef(c, e)
	}
	position := func(p *ast.ColumnPosition) ColumnPosition {
		switch {
		case p == nil:
		case p.Tp == ast.ColumnPositionFirst:
			return ColumnPosition{First: true}
		case p.Tp == ast.ColumnPositionAfter:
			return ColumnPosition{After: p.RelativeColumn.Name.O}
		}
		return ColumnPosition{}
	}
	for _, sp := range n.Specs {
		switch sp.Tp {
		case ast.AlterTableAddColumns:
			if len(sp.NewConstraints) > 0 {
				t.unsupported(t.find("INDEX", "KEY", "UNIQUE", "CONSTRAINT", "CHECK", "PRIMARY"), "a constraint inside ADD COLUMN (...): use ADD INDEX / ADD CHECK")
			}
			for _, c := range sp.NewColumns {
				a.Specs = append(a.Specs, &AlterAddColumn{Column: colDef(c), Position: position(sp.Position), IfNotExists: sp.IfNotExists})
			}
		case ast.AlterTableDropColumn:
			a.Specs = append(a.Specs, &AlterDropColumn{Name: sp.OldColumnName.Name.O, IfExists: sp.IfExists})
		case ast.AlterTableModifyColumn, ast.AlterTableChangeColumn:
			if len(sp.NewColumns) != 1 {
				t.unsupported(t.find("MODIFY", "CHANGE"), "MODIFY of several columns")
				continue
			}
			def := colDef(sp.NewColumns[0])
			old := def.Name
			if sp.OldColumnName != nil {
				old = sp.OldColumnName.Name.O
			}
			a.Specs = append(a.Specs, &AlterModifyColumn{Old: old, Column: def, Position: position(sp.Position), IfExists: sp.IfExists})
		case ast.AlterTableRenameColumn:
			a.Specs = append(a.Specs, &AlterRenameColumn{Old: sp.OldColumnName.Name.O, New: sp.NewColumnName.Name.O})
		case ast.AlterTableAlterColumn:
			if len(sp.NewColumns) != 1 {
				t.unsupported(t.find("ALTER"), "ALTER COLUMN")
				continue
			}
			c := sp.NewColumns[0]
			d := &AlterColumnDefault{Column: c.Name.Name.O, Drop: len(c.Options) == 0}
			if len(c.Options) == 1 && c.Options[0].Expr != nil {
				d.Default = t.expr(c.Options[0].Expr)
			} else if !d.Drop {
				t.unsupported(t.find("SET"), "ALTER COLUMN "+restore(c))
			}
			a.Specs = append(a.Specs, d)
		case ast.AlterTableRenameTable:
			a.Specs = append(a.Specs, &AlterRename{Name: t.tableName(sp.NewTable)})
		case ast.AlterTableAddConstraint:
			t.alterConstraint(a, sp)
		case ast.AlterTableDropIndex:
			a.Specs = append(a.Specs, &AlterDropIndex{Name: sp.Name, IfExists: sp.IfExists})
		case ast.AlterTableDropCheck:
			a.Specs = append(a.Specs, &AlterDropConstraint{Name: sp.Constraint.Name})
		case ast.AlterTableOption:
			for _, o := range sp.Options {
				switch o.Tp {
				case ast.TableOptionEngine, ast.TableOptionCharset, ast.TableOptionCollate:
					// harmless MySQL habits, as in CREATE TABLE
				case ast.TableOptionComment:
					a.Specs = append(a.Specs, &AlterComment{Comment: o.StrValue})
				default:
					name, _, _ := strings.Cut(restore(o), " =")
					kw, _, _ := strings.Cut(name, " ")
					t.unsupported(t.find(kw), "table option "+name+" in ALTER TABLE")
				}
			}
		case ast.AlterTableDropPrimaryKey:
			t.unsupported(t.find("DROP"), "DROP PRIMARY KEY (the primary key is the row's object key)")
		case ast.AlterTableRenameIndex:
			t.unsupported(t.find("RENAME"), "RENAME INDEX (an index's name is part of its entries' keys: DROP INDEX and ADD INDEX)")
		case ast.AlterTableLock, ast.AlterTableAlgorithm:
			t.unsupported(t.find("LOCK", "ALGORITHM"), "LOCK/ALGORITHM")
		default:
			first := strings.ToUpper(strings.Fields(restore(sp) + " ?")[0])
			t.unsupported(t.find(first), "ALTER TABLE ... "+first+" (this kind of change)")
		}
	}
	if len(a.Specs) == 0 && t.err == nil {
		t.fail(t.stmtOff(), "ALTER TABLE %s changes nothing", a.Table)
	}
	return a
}

// alterConstraint translates ADD INDEX/KEY/UNIQUE/CHECK/CONSTRAINT ... with
// CREATE TABLE's constraint translation.
func (t *translator) alterConstraint(a *AlterTable, sp *ast.AlterTableSpec) {
	c := sp.Constraint
	off := t.find("ADD")
	switch c.Tp {
	case ast.ConstraintPrimaryKey:
		t.unsupported(t.findFrom(off, "PRIMARY"), "ADD PRIMARY KEY (the primary key is the row's object key: create a new table)")
		return
	case ast.ConstraintCheck:
		a.Specs = append(a.Specs, &AlterAddCheck{Check: t.checkDef(c, off)})
		return
	}
	var ct CreateTable
	t.constraint(&ct, c, off)
	for _, ix := range ct.Indexes {
		a.Specs = append(a.Specs, &AlterAddIndex{Index: ix, IfNotExists: c.IfNotExists})
	}
}

func (t *translator) renameTable(n *ast.RenameTableStmt) *RenameTable {
	r := &RenameTable{}
	for _, tt := range n.TableToTables {
		r.Renames = append(r.Renames, TableRename{From: t.tableName(tt.OldTable), To: t.tableName(tt.NewTable)})
	}
	return r
}

func (t *translator) truncateTable(n *ast.TruncateTableStmt) *TruncateTable {
	return &TruncateTable{Name: t.tableName(n.Table)}
}

// ---- pre-pass ----

// isAlterTable reports whether the statement starting with token t is an
// ALTER [ONLINE|OFFLINE] [IGNORE] TABLE.
func isAlterTable(sql string, t token) bool {
	if !t.is(sql, "ALTER") {
		return false
	}
	t = nextToken(sql, t.end)
	for t.is(sql, "ONLINE") || t.is(sql, "OFFLINE") || t.is(sql, "IGNORE") {
		t = nextToken(sql, t.end)
	}
	return t.is(sql, "TABLE")
}

// scanAlter finds the column definitions of an ALTER TABLE (after ADD,
// MODIFY and CHANGE), as scanCreate does for a CREATE TABLE: their names and
// type words, and the edits that stand in for extension types.
func scanAlter(sql string, ts []token) (createInfo, []edit) {
	c := createInfo{off: ts[0].off, tailOff: ts[len(ts)-1].end}
	var edits []edit
	add := func(name, typ token) {
		e := element{name: name.unquoted(sql), off: name.off}
		if typ.kind == tWord {
			e.typ = strings.ToUpper(typ.text(sql))
			if ed, ok := extensionType(sql, name, typ); ok {
				edits = append(edits, ed)
			}
		}
		c.elems = append(c.elems, e)
	}
	// Split the specs: depth-0 commas after the table name.
	i := 0
	for i < len(ts) && !ts[i].is(sql, "TABLE") {
		i++
	}
	i += 2 // TABLE name
	for i < len(ts) && ts[i].is(sql, ".") {
		i += 2 // db.name
	}
	var clauses [][]token
	depth, start := 0, i
	for j := i; j <= len(ts); j++ {
		if j == len(ts) || depth == 0 && ts[j].is(sql, ",") {
			if start < j {
				clauses = append(clauses, ts[start:j])
			}
			start = j + 1
			continue
		}
		switch {
		case ts[j].is(sql, "("):
			depth++
		case ts[j].is(sql, ")"):
			depth--
		}
	}
	at := func(cl []token, k int) token {
		if k < len(cl) {
			return cl[k]
		}
		return token{kind: tEOF}
	}
	for _, cl := range clauses {
		k := 1
		skip := func(words ...string) {
			for _, w := range words {
				if !at(cl, k).is(sql, w) {
					return
				}
				k++
			}
		}
		switch first := cl[0]; {
		case first.is(sql, "ADD"):
			skip("COLUMN")
			skip("IF", "NOT", "EXISTS")
			if at(cl, k).is(sql, "(") { // ADD [COLUMN] (a INT, b INT)
				d, elem := 0, true
				for _, tk := range cl[k:] {
					switch {
					case tk.is(sql, "("):
						d++
					case tk.is(sql, ")"):
						d--
					case d == 1 && tk.is(sql, ","):
						elem = true
					case d == 1 && elem:
						elem = false
						// the token after tk, inside the list
						add(tk, nextToken(sql[:cl[len(cl)-1].end], tk.end))
					}
				}
				continue
			}
			name := at(cl, k)
			if name.kind == tWord {
				for _, kw := range elementKeywords {
					if name.is(sql, kw) {
						name.kind = tEOF
					}
				}
			}
			if name.kind == tWord || name.kind == tIdent {
				add(name, at(cl, k+1))
			}
		case first.is(sql, "MODIFY"):
			skip("COLUMN")
			skip("IF", "EXISTS")
			if at(cl, k).kind != tEOF {
				add(at(cl, k), at(cl, k+1))
			}
		case first.is(sql, "CHANGE"):
			skip("COLUMN")
			skip("IF", "EXISTS")
			if at(cl, k+1).kind != tEOF {
				add(at(cl, k+1), at(cl, k+2))
			}
		}
	}
	return c, edits
}
