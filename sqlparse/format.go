package sqlparse

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Format renders e as SQL text in MySQL's style for messages, EXPLAIN and
// stored expressions (index parts, CHECK constraints); ParseExpr reads it back:
// binary operations parenthesised, as in "BIGINT value is out of range in
// '(a + 1)'".
func Format(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func writeExpr(b *strings.Builder, e Expr) {
	list := func(xs []Expr) {
		for i, x := range xs {
			if i > 0 {
				b.WriteString(", ")
			}
			writeExpr(b, x)
		}
	}
	not := func(n bool) {
		if n {
			b.WriteString(" NOT")
		}
	}
	switch e := e.(type) {
	case nil:
		b.WriteString("NULL")
	case *Literal:
		switch v := e.Value.(type) {
		case string:
			b.WriteString(quoteSQL(v))
		case bool:
			b.WriteString(strings.ToUpper(strconv.FormatBool(v)))
		case uint64:
			b.WriteString(strconv.FormatUint(v, 10))
		default:
			b.WriteString(literalText(v))
		}
	case *Param:
		b.WriteString("?")
	case *Keyword:
		b.WriteString(e.Name)
	case *ColumnRef:
		if e.Table != "" {
			b.WriteString(e.Table + ".")
		}
		b.WriteString(e.Name)
	case *Binary:
		b.WriteString("(")
		writeExpr(b, e.L)
		b.WriteString(" " + e.Op + " ")
		writeExpr(b, e.R)
		b.WriteString(")")
	case *Unary:
		b.WriteString(e.Op)
		if e.Op == "NOT" {
			b.WriteString(" ")
		}
		writeExpr(b, e.X)
	case *IsNull:
		b.WriteString("(")
		writeExpr(b, e.X)
		b.WriteString(" IS")
		not(e.Not)
		b.WriteString(" NULL)")
	case *IsBool:
		b.WriteString("(")
		writeExpr(b, e.X)
		b.WriteString(" IS")
		not(e.Not)
		b.WriteString(" " + strings.ToUpper(strconv.FormatBool(e.Value)) + ")")
	case *In:
		b.WriteString("(")
		writeExpr(b, e.X)
		not(e.Not)
		b.WriteString(" IN (")
		list(e.List)
		b.WriteString("))")
	case *Between:
		b.WriteString("(")
		writeExpr(b, e.X)
		not(e.Not)
		b.WriteString(" BETWEEN ")
		writeExpr(b, e.Lo)
		b.WriteString(" AND ")
		writeExpr(b, e.Hi)
		b.WriteString(")")
	case *Like:
		b.WriteString("(")
		writeExpr(b, e.X)
		not(e.Not)
		b.WriteString(" LIKE ")
		writeExpr(b, e.Pattern)
		if e.Escape != 0 && e.Escape != '\\' {
			b.WriteString(" ESCAPE " + quoteSQL(string(e.Escape)))
		}
		b.WriteString(")")
	case *Func:
		b.WriteString(e.Name + "(")
		if e.Distinct {
			b.WriteString("DISTINCT ")
		}
		if e.Star {
			b.WriteString("*")
		}
		list(e.Args)
		b.WriteString(")")
	case *Case:
		b.WriteString("CASE")
		if e.Operand != nil {
			b.WriteString(" ")
			writeExpr(b, e.Operand)
		}
		for _, w := range e.Whens {
			b.WriteString(" WHEN ")
			writeExpr(b, w.Cond)
			b.WriteString(" THEN ")
			writeExpr(b, w.Result)
		}
		if e.Else != nil {
			b.WriteString(" ELSE ")
			writeExpr(b, e.Else)
		}
		b.WriteString(" END")
	case *Cast:
		b.WriteString("CAST(")
		writeExpr(b, e.X)
		b.WriteString(" AS " + e.Type.Name)
		switch {
		case e.Type.Length >= 0 && e.Type.Scale >= 0:
			b.WriteString("(" + strconv.Itoa(e.Type.Length) + "," + strconv.Itoa(e.Type.Scale) + ")")
		case e.Type.Length >= 0:
			b.WriteString("(" + strconv.Itoa(e.Type.Length) + ")")
		}
		b.WriteString(")")
	default:
		b.WriteString("?expr")
	}
}

func quoteSQL(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", "''") + "'"
}

// literalText renders a numeric literal (or NULL) as SQL text.
func literalText(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return FormatFloat(x, 64)
	}
	return fmt.Sprint(v)
}

// FormatFloat prints a DOUBLE as MySQL 8 does: the shortest representation
// that round-trips, plain for 1e-7 <= |f| < 1e15, else with a bare exponent
// (1e20, 1.5e-9).
// bits is 64 for a float64, 32 for a float32 (shortest float32 text).
func FormatFloat(f float64, bits int) string {
	if a := math.Abs(f); a == 0 || (a >= 1e-7 && a < 1e15) {
		return strconv.FormatFloat(f, 'f', -1, bits)
	}
	s := strconv.FormatFloat(f, 'g', -1, bits)
	i := strings.IndexByte(s, 'e')
	if i < 0 {
		return s
	}
	mant, exp := s[:i], s[i+1:]
	neg := exp[0] == '-'
	exp = strings.TrimLeft(exp[1:], "0")
	if neg {
		exp = "-" + exp
	}
	return mant + "e" + exp
}

// ParseExpr parses one expression, such as the stored text of an index part.
func ParseExpr(text string) (Expr, error) {
	stmts, err := Parse("SELECT " + text)
	if err != nil {
		return nil, err
	}
	sel, ok := stmts[0].(*Select)
	if len(stmts) != 1 || !ok || len(sel.Fields) != 1 || sel.Fields[0].Star || sel.From != nil {
		return nil, fmt.Errorf("%q is not one expression", text)
	}
	return sel.Fields[0].Expr, nil
}
