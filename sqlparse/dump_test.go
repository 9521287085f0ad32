package sqlparse

import (
	"fmt"
	"strconv"
	"strings"
)

// dump renders statements as deterministic, readable text for golden files:
// one clause a line, expressions as S-expressions. Literals show their Go
// type: 1 is int64, 1u uint64, 1f float64, "a" string.
func dump(stmts []Statement) string {
	var b strings.Builder
	for _, s := range stmts {
		dumpStmt(&b, s, "")
	}
	return b.String()
}

func dumpStmt(b *strings.Builder, s Statement, in string) {
	line := func(format string, args ...any) { fmt.Fprintf(b, in+format+"\n", args...) }
	switch s := s.(type) {
	case *CreateTable:
		line("CREATE TABLE %s%s", s.Name, cond(s.IfNotExists, " IF NOT EXISTS"))
		for _, c := range s.Columns {
			def := ""
			if c.HasDefault {
				def = " DEFAULT " + dumpExpr(c.Default)
			}
			line("  COLUMN %s %s%s%s%s%s%s%s @%d:%d", c.Name, dumpType(c.Type), cond(c.NotNull, " NOT NULL"),
				cond(c.PrimaryKey, " PRIMARY KEY"), cond(c.Unique, " UNIQUE"), cond(c.AutoIncrement, " AUTO_INCREMENT"),
				def, cond(c.Comment != "", " COMMENT "+strconv.Quote(c.Comment)), c.Pos.Line, c.Pos.Col)
		}
		if s.PrimaryKey != nil {
			line("  PRIMARY KEY (%s)", strings.Join(s.PrimaryKey, ", "))
		}
		for _, ix := range s.Indexes {
			line("  %sINDEX %q (%s)", cond(ix.Unique, "UNIQUE "), ix.Name, dumpIndexParts(ix))
		}
		dumpChecks(line, s) // alter_dump_test.go
		if o := s.Options; o != (TableOptions{}) {
			line("  OPTIONS behavior=%q timestamps=%v comment=%q", o.Behavior, o.Timestamps, o.Comment)
		}
	case *DropTable:
		line("DROP TABLE %s%s", cond(s.IfExists, "IF EXISTS "), strings.Join(s.Names, ", "))
	case *ShowTables:
		line("SHOW TABLES")
	case *Describe:
		line("DESCRIBE %s", s.Table)
	case *CreateIndex:
		line("CREATE%s INDEX %s%s ON %s (%s)", cond(s.Index.Unique, " UNIQUE"), cond(s.IfNotExists, "IF NOT EXISTS "), s.Index.Name, s.Table, dumpIndexParts(s.Index))
	case *DropIndex:
		line("DROP INDEX %s%s ON %s", cond(s.IfExists, "IF EXISTS "), s.Name, s.Table)
	case *ShowIndex:
		line("SHOW INDEX FROM %s", s.Table)
	case *ShowCreateTable:
		line("SHOW CREATE TABLE %s", s.Table)
	case *Insert:
		cols := "*"
		if s.Columns != nil {
			cols = "(" + strings.Join(s.Columns, ", ") + ")"
		}
		line("INSERT %s %s", s.Table, cols)
		for _, row := range s.Rows {
			line("  ROW %s", dumpExprs(row))
		}
	case *Select:
		line("SELECT%s", cond(s.Distinct, " DISTINCT"))
		for _, f := range s.Fields {
			switch {
			case f.Star && f.Table != "":
				line("  FIELD %s.*", f.Table)
			case f.Star:
				line("  FIELD *")
			default:
				line("  FIELD %s%s TEXT %q", dumpExpr(f.Expr), cond(f.Alias != "", " AS "+strconv.Quote(f.Alias)), f.Text)
			}
		}
		if s.From != nil {
			line("  FROM %s%s", s.From.Name, cond(s.From.Alias != "", " AS "+s.From.Alias))
		}
		for _, j := range s.Joins {
			line("  %s JOIN %s%s ON %s", j.Kind, j.Table.Name, cond(j.Table.Alias != "", " AS "+j.Table.Alias), dumpExpr(j.On))
		}
		dumpClause(line, "WHERE", s.Where)
		if s.GroupBy != nil {
			line("  GROUP BY %s", dumpExprs(s.GroupBy))
		}
		dumpClause(line, "HAVING", s.Having)
		dumpOrder(line, s.OrderBy)
		dumpClause(line, "LIMIT", s.Limit)
		dumpClause(line, "OFFSET", s.Offset)
	case *Update:
		line("UPDATE %s", s.Table)
		for _, a := range s.Set {
			line("  SET %s = %s", a.Column, dumpExpr(a.Value))
		}
		dumpClause(line, "WHERE", s.Where)
		dumpOrder(line, s.OrderBy)
		dumpClause(line, "LIMIT", s.Limit)
	case *Delete:
		line("DELETE %s", s.Table)
		dumpClause(line, "WHERE", s.Where)
		dumpOrder(line, s.OrderBy)
		dumpClause(line, "LIMIT", s.Limit)
	case *Union:
		for i, sel := range s.Selects {
			if i > 0 {
				line("UNION%s", cond(s.All[i-1], " ALL"))
			}
			dumpStmt(b, sel, in+"  ")
		}
		dumpOrder(line, s.OrderBy)
		dumpClause(line, "LIMIT", s.Limit)
		dumpClause(line, "OFFSET", s.Offset)
	case *Explain:
		line("EXPLAIN%s", cond(s.Analyze, " ANALYZE"))
		dumpStmt(b, s.Stmt, in+"  ")
	case *CreateTrigger:
		order := cond(s.Follows != "", " FOLLOWS "+s.Follows) + cond(s.Precedes != "", " PRECEDES "+s.Precedes)
		line("CREATE TRIGGER %s%s %s %s ON %s%s", cond(s.IfNotExists, "IF NOT EXISTS "), s.Name, s.Timing, s.Event, s.Table, order)
		line("  TEXT %q", s.Text)
		dumpTrigger(b, s.Body, in+"  ")
	case *DropTrigger:
		line("DROP TRIGGER %s%s", cond(s.IfExists, "IF EXISTS "), s.Name)
	case *ShowTriggers:
		line("SHOW TRIGGERS")
	case *ShowCreateTrigger:
		line("SHOW CREATE TRIGGER %s", s.Name)
	case *Begin:
		line("BEGIN")
	case *Commit:
		line("COMMIT")
	case *Rollback:
		line("ROLLBACK")
	default:
		dumpAlter(line, s) // alter_dump_test.go
	}
}

// dumpTrigger dumps the statements of a trigger body, one a line, with
// their positions.
func dumpTrigger(b *strings.Builder, body []TriggerStmt, in string) {
	line := func(format string, args ...any) { fmt.Fprintf(b, in+format+"\n", args...) }
	for _, s := range body {
		switch s := s.(type) {
		case *SetNew:
			line("SET NEW.%s = %s @%d:%d", s.Column, dumpExpr(s.Value), s.Pos.Line, s.Pos.Col)
		case *If:
			for i, br := range s.Branches {
				line("%s %s", cond(i == 0, "IF")+cond(i > 0, "ELSEIF"), dumpExpr(br.Cond))
				dumpTrigger(b, br.Body, in+"  ")
			}
			if s.Else != nil {
				line("ELSE")
				dumpTrigger(b, s.Else, in+"  ")
			}
			line("END IF")
		case *Signal:
			msg := ""
			if s.Message != nil {
				msg = " MESSAGE_TEXT " + dumpExpr(s.Message)
			}
			line("SIGNAL %q%s", s.SQLState, msg)
		case *Call:
			line("CALL %s %s @%d:%d", s.Name, dumpExprs(s.Args), s.Pos.Line, s.Pos.Col)
		case *Exec:
			line("EXEC @%d:%d", s.Pos.Line, s.Pos.Col)
			dumpStmt(b, s.Stmt, in+"  ")
		default:
			line("?%T", s)
		}
	}
}

// dumpInline dumps a subquery on one line.
func dumpInline(s *Select) string {
	var b strings.Builder
	dumpStmt(&b, s, "")
	return strings.Join(strings.Fields(b.String()), " ")
}

func dumpClause(line func(string, ...any), name string, e Expr) {
	if e != nil {
		line("  %s %s", name, dumpExpr(e))
	}
}

func dumpOrder(line func(string, ...any), items []OrderItem) {
	if items == nil {
		return
	}
	var parts []string
	for _, it := range items {
		parts = append(parts, dumpExpr(it.Expr)+cond(it.Desc, " DESC"))
	}
	line("  ORDER BY %s", strings.Join(parts, ", "))
}

func cond(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

func dumpType(t TypeSpec) string {
	s := t.Name
	switch {
	case t.Elems != nil:
		s += fmt.Sprintf("%q", t.Elems)
	case t.Scale != -1:
		s += fmt.Sprintf("(%d,%d)", t.Length, t.Scale)
	case t.Length != -1:
		s += fmt.Sprintf("(%d)", t.Length)
	}
	return s + cond(t.Unsigned, " UNSIGNED")
}

func dumpExprs(es []Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = dumpExpr(e)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func dumpExpr(e Expr) string {
	not := func(n bool) string { return cond(n, "NOT ") }
	switch e := e.(type) {
	case *Literal:
		switch v := e.Value.(type) {
		case nil:
			return "NULL"
		case string:
			return strconv.Quote(v)
		case int64:
			return strconv.FormatInt(v, 10)
		case uint64:
			return strconv.FormatUint(v, 10) + "u"
		case float64:
			return strconv.FormatFloat(v, 'g', -1, 64) + "f"
		default:
			return fmt.Sprint(v)
		}
	case *Param:
		return "?" + strconv.Itoa(e.Index)
	case *ColumnRef:
		if e.Table != "" {
			return "`" + e.Table + "`.`" + e.Name + "`"
		}
		return "`" + e.Name + "`"
	case *Binary:
		return "(" + e.Op + " " + dumpExpr(e.L) + " " + dumpExpr(e.R) + ")"
	case *Unary:
		return "(" + e.Op + " " + dumpExpr(e.X) + ")"
	case *IsNull:
		return "(IS " + not(e.Not) + "NULL " + dumpExpr(e.X) + ")"
	case *IsBool:
		return "(IS " + not(e.Not) + strings.ToUpper(strconv.FormatBool(e.Value)) + " " + dumpExpr(e.X) + ")"
	case *In:
		if e.Sub != nil {
			return "(" + not(e.Not) + "IN " + dumpExpr(e.X) + " (" + dumpInline(e.Sub) + "))"
		}
		return "(" + not(e.Not) + "IN " + dumpExpr(e.X) + " " + dumpExprs(e.List) + ")"
	case *Exists:
		return "(" + not(e.Not) + "EXISTS (" + dumpInline(e.Sub) + "))"
	case *Between:
		return "(" + not(e.Not) + "BETWEEN " + dumpExpr(e.X) + " " + dumpExpr(e.Lo) + " " + dumpExpr(e.Hi) + ")"
	case *Like:
		esc := ""
		if e.Escape != '\\' {
			esc = " ESCAPE " + strconv.QuoteRune(e.Escape)
		}
		return "(" + not(e.Not) + "LIKE " + dumpExpr(e.X) + " " + dumpExpr(e.Pattern) + esc + ")"
	case *Func:
		s := "(" + e.Name + cond(e.Distinct, " DISTINCT") + cond(e.Star, " *")
		for _, a := range e.Args {
			s += " " + dumpExpr(a)
		}
		return s + ")"
	case *Case:
		s := "(CASE"
		if e.Operand != nil {
			s += " " + dumpExpr(e.Operand)
		}
		for _, w := range e.Whens {
			s += " (WHEN " + dumpExpr(w.Cond) + " " + dumpExpr(w.Result) + ")"
		}
		if e.Else != nil {
			s += " (ELSE " + dumpExpr(e.Else) + ")"
		}
		return s + ")"
	case *Cast:
		return "(CAST " + dumpExpr(e.X) + " AS " + dumpType(e.Type) + ")"
	case *Keyword:
		return "{" + e.Name + "}"
	case nil:
		return "<nil>"
	}
	return fmt.Sprintf("?%T", e)
}

// dumpIndexParts lists an index's parts: columns, and expressions dumped.
func dumpIndexParts(ix IndexDef) string {
	parts := append([]string(nil), ix.Columns...)
	for i, e := range ix.Exprs {
		if e != nil {
			parts[i] = dumpExpr(e)
		}
	}
	return strings.Join(parts, ", ")
}
