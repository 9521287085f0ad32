package sqlparse

import (
	"strconv"
	"strings"
)

// dumpChecks dumps the CHECK constraints of a CREATE TABLE.
func dumpChecks(line func(string, ...any), s *CreateTable) {
	for _, c := range s.Columns {
		if c.Check != nil {
			line("  COLUMN %s CHECK%s %s", c.Name, cond(c.CheckName != "", " "+strconv.Quote(c.CheckName)), dumpExpr(c.Check))
		}
	}
	for _, c := range s.Checks {
		line("  CHECK%s %s", cond(c.Name != "", " "+strconv.Quote(c.Name)), dumpExpr(c.Expr))
	}
}

// dumpAlter dumps ALTER TABLE, RENAME TABLE and TRUNCATE TABLE.
func dumpAlter(line func(string, ...any), s Statement) {
	pos := func(p ColumnPosition) string {
		switch {
		case p.First:
			return " FIRST"
		case p.After != "":
			return " AFTER " + p.After
		}
		return ""
	}
	col := func(c ColumnDef) string {
		def := ""
		if c.HasDefault {
			def = " DEFAULT " + dumpExpr(c.Default)
		}
		check := ""
		if c.Check != nil {
			check = " CHECK" + cond(c.CheckName != "", " "+strconv.Quote(c.CheckName)) + " " + dumpExpr(c.Check)
		}
		return c.Name + " " + dumpType(c.Type) + cond(c.NotNull, " NOT NULL") + cond(c.PrimaryKey, " PRIMARY KEY") +
			cond(c.Unique, " UNIQUE") + cond(c.AutoIncrement, " AUTO_INCREMENT") + def + check +
			cond(c.Comment != "", " COMMENT "+strconv.Quote(c.Comment)) + " @" + itoa(c.Pos.Line) + ":" + itoa(c.Pos.Col)
	}
	switch s := s.(type) {
	case *AlterTable:
		line("ALTER TABLE %s", s.Table)
		for _, sp := range s.Specs {
			switch sp := sp.(type) {
			case *AlterAddColumn:
				line("  ADD COLUMN %s%s%s", cond(sp.IfNotExists, "IF NOT EXISTS "), col(sp.Column), pos(sp.Position))
			case *AlterDropColumn:
				line("  DROP COLUMN %s%s", cond(sp.IfExists, "IF EXISTS "), sp.Name)
			case *AlterModifyColumn:
				line("  MODIFY COLUMN %s%s TO %s%s", cond(sp.IfExists, "IF EXISTS "), sp.Old, col(sp.Column), pos(sp.Position))
			case *AlterRenameColumn:
				line("  RENAME COLUMN %s TO %s", sp.Old, sp.New)
			case *AlterColumnDefault:
				if sp.Drop {
					line("  ALTER COLUMN %s DROP DEFAULT", sp.Column)
				} else {
					line("  ALTER COLUMN %s SET DEFAULT %s", sp.Column, dumpExpr(sp.Default))
				}
			case *AlterRename:
				line("  RENAME TO %s", sp.Name)
			case *AlterAddIndex:
				line("  ADD %sINDEX %s%q (%s)", cond(sp.Index.Unique, "UNIQUE "), cond(sp.IfNotExists, "IF NOT EXISTS "), sp.Index.Name, dumpIndexParts(sp.Index))
			case *AlterDropIndex:
				line("  DROP INDEX %s%s", cond(sp.IfExists, "IF EXISTS "), sp.Name)
			case *AlterAddCheck:
				line("  ADD CHECK%s %s", cond(sp.Check.Name != "", " "+strconv.Quote(sp.Check.Name)), dumpExpr(sp.Check.Expr))
			case *AlterDropConstraint:
				line("  DROP CONSTRAINT %s", sp.Name)
			case *AlterComment:
				line("  COMMENT %q", sp.Comment)
			default:
				line("  ?%T", sp)
			}
		}
	case *RenameTable:
		var parts []string
		for _, r := range s.Renames {
			parts = append(parts, r.From+" TO "+r.To)
		}
		line("RENAME TABLE %s", strings.Join(parts, ", "))
	case *TruncateTable:
		line("TRUNCATE TABLE %s", s.Name)
	default:
		line("?%T", s)
	}
}
