package schema

import (
	"strings"
)

// CreateSQL renders the table as a CREATE TABLE statement that creates the
// same table again (SHOW CREATE TABLE): columns with their types and
// constraints, the primary key, the indexes and the table options.
func (t *Table) CreateSQL() string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + quoteIdent(t.Name) + " (\n")
	var lines []string
	for _, c := range t.Columns {
		l := "  " + quoteIdent(c.Name) + " " + c.Type.SQL()
		if c.NotNull {
			l += " NOT NULL"
		}
		if c.AutoIncrement {
			l += " AUTO_INCREMENT"
		}
		if def, ok := c.DefaultSQL(); ok {
			switch {
			case c.Default.Kind == DefaultValue && !numericKind(c.Type.Kind):
				def = quoteString(def)
			case c.Default.Kind == DefaultUUID:
				def = "(" + def + ")"
			}
			l += " DEFAULT " + def
		}
		if c.Comment != "" {
			l += " COMMENT " + quoteString(c.Comment)
		}
		lines = append(lines, l)
	}
	lines = append(lines, "  PRIMARY KEY ("+quoteIdent(t.PrimaryKey)+")")
	for _, ix := range t.Indexes {
		var cols []string
		for i, ci := range t.IndexColumns(ix) {
			if e, ok := ix.Expr(i); ok {
				cols = append(cols, "("+e+")")
			} else {
				cols = append(cols, quoteIdent(t.Columns[ci].Name))
			}
		}
		kind := "INDEX"
		if ix.Unique {
			kind = "UNIQUE INDEX"
		}
		lines = append(lines, "  "+kind+" "+quoteIdent(ix.Name)+" ("+strings.Join(cols, ", ")+")")
	}
	for _, ck := range t.Checks {
		lines = append(lines, "  CONSTRAINT "+quoteIdent(ck.Name)+" CHECK ("+ck.Text+")")
	}
	b.WriteString(strings.Join(lines, ",\n"))
	b.WriteString("\n) BEHAVIOR = " + quoteString(t.Behavior))
	if t.Timestamps {
		b.WriteString(" TIMESTAMPS = ON")
	}
	if t.Comment != "" {
		b.WriteString(" COMMENT = " + quoteString(t.Comment))
	}
	return b.String()
}

func numericKind(k Kind) bool {
	switch k {
	case KindInt, KindUint, KindFloat, KindDecimal, KindBool:
		return true
	}
	return false
}

func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", "''").Replace(s) + "'"
}
