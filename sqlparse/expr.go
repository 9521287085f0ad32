package sqlparse

import (
	"math"
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	driver "github.com/pingcap/tidb/pkg/parser/test_driver"
)

var binaryOps = map[opcode.Op]string{
	opcode.Plus:     OpAdd,
	opcode.Minus:    OpSub,
	opcode.Mul:      OpMul,
	opcode.Div:      OpDiv,
	opcode.IntDiv:   OpIntDiv,
	opcode.Mod:      OpMod,
	opcode.EQ:       OpEQ,
	opcode.NE:       OpNE,
	opcode.LT:       OpLT,
	opcode.LE:       OpLE,
	opcode.GT:       OpGT,
	opcode.GE:       OpGE,
	opcode.NullEQ:   OpNullEQ,
	opcode.LogicAnd: OpAnd,
	opcode.LogicOr:  OpOr,
	opcode.LogicXor: OpXor,
}

func (t *translator) optExpr(n ast.ExprNode) Expr {
	if n == nil {
		return nil
	}
	return t.expr(n)
}

func (t *translator) exprs(ns []ast.ExprNode) []Expr {
	if len(ns) == 0 {
		return nil
	}
	es := make([]Expr, 0, len(ns))
	for _, n := range ns {
		es = append(es, t.expr(n))
	}
	return es
}

func (t *translator) expr(n ast.ExprNode) Expr {
	switch n := n.(type) {
	case *driver.ParamMarkerExpr:
		p := &Param{}
		t.params = append(t.params, paramAt{p, n.Offset})
		return p
	case *driver.ValueExpr:
		return t.literal(n)
	case *ast.ColumnNameExpr:
		if n.Name.Schema.O != "" {
			t.unsupported(t.nodeOff(n), "database-qualified name")
		}
		return &ColumnRef{Table: n.Name.Table.O, Name: n.Name.Name.O}
	case *ast.ParenthesesExpr:
		return t.expr(n.Expr)
	case *ast.BinaryOperationExpr:
		op, ok := binaryOps[n.Op]
		if !ok {
			t.unsupported(t.nodeOff(n), "operator "+opLiteral(n.Op))
			return nil
		}
		return &Binary{Op: op, L: t.expr(n.L), R: t.expr(n.R)}
	case *ast.UnaryOperationExpr:
		return t.unary(n)
	case *ast.IsNullExpr:
		return &IsNull{X: t.expr(n.Expr), Not: n.Not}
	case *ast.IsTruthExpr:
		return &IsBool{X: t.expr(n.Expr), Value: n.True != 0, Not: n.Not}
	case *ast.PatternInExpr:
		if n.Sel != nil {
			return &In{X: t.expr(n.Expr), Sub: t.subquery(n.Sel), Not: n.Not}
		}
		return &In{X: t.expr(n.Expr), List: t.exprs(n.List), Not: n.Not}
	case *ast.ExistsSubqueryExpr:
		return &Exists{Sub: t.subquery(n.Sel), Not: n.Not}
	case *ast.BetweenExpr:
		return &Between{X: t.expr(n.Expr), Lo: t.expr(n.Left), Hi: t.expr(n.Right), Not: n.Not}
	case *ast.PatternLikeOrIlikeExpr:
		if !n.IsLike {
			t.unsupported(t.nodeOff(n), "ILIKE")
		}
		return &Like{X: t.expr(n.Expr), Pattern: t.expr(n.Pattern), Escape: rune(n.Escape), Not: n.Not}
	case *ast.PatternRegexpExpr:
		var e Expr = &Func{Name: "REGEXP_LIKE", Args: []Expr{t.expr(n.Expr), t.expr(n.Pattern)}}
		if n.Not {
			e = &Unary{Op: "NOT", X: e}
		}
		return e
	case *ast.CaseExpr:
		c := &Case{Operand: t.optExpr(n.Value), Else: t.optExpr(n.ElseClause)}
		for _, w := range n.WhenClauses {
			c.Whens = append(c.Whens, When{Cond: t.expr(w.Expr), Result: t.expr(w.Result)})
		}
		return c
	case *ast.FuncCastExpr:
		return t.cast(n)
	case *ast.FuncCallExpr:
		return t.call(n)
	case *ast.AggregateFuncExpr:
		return t.aggregate(n)
	case *ast.TimeUnitExpr:
		return &Keyword{Name: n.Unit.String()}
	case *ast.TrimDirectionExpr:
		return &Keyword{Name: n.Direction.String()}
	case *ast.GetFormatSelectorExpr:
		return &Keyword{Name: n.Selector.String()}
	}
	t.unsupported(t.nodeOff(n), exprName(n))
	return nil
}

// exprName names an expression the IR has no room for.
func exprName(n ast.ExprNode) string {
	switch n := n.(type) {
	case *ast.SubqueryExpr, *ast.CompareSubqueryExpr:
		return "subquery"
	case *ast.ExistsSubqueryExpr:
		return "EXISTS"
	case *ast.RowExpr:
		return "row constructor"
	case *ast.VariableExpr:
		if n.IsSystem {
			return "system variable"
		}
		return "user variable"
	case *ast.MatchAgainst:
		return "MATCH ... AGAINST"
	case *ast.DefaultExpr:
		return "DEFAULT"
	case *ast.ValuesExpr:
		return "VALUES()"
	case *ast.SetCollationExpr:
		return "COLLATE"
	case *ast.WindowFuncExpr:
		return "window function"
	}
	return "expression"
}

func opLiteral(op opcode.Op) string {
	var b strings.Builder
	op.Format(&b)
	return b.String()
}

// literal translates a constant. TiDB makes TRUE and FALSE the integers 1
// and 0, decimal literals (1.5) exact decimals, and gives integers above
// MaxInt64 as uint64 and beyond uint64 as decimals.
func (t *translator) literal(n *driver.ValueExpr) Expr {
	switch v := n.GetValue().(type) {
	case nil:
		return &Literal{}
	case int64:
		if off := n.OriginTextPosition(); off > t.start && off < t.end {
			if tok := nextToken(t.sql, off); tok.is(t.sql, "TRUE") || tok.is(t.sql, "FALSE") {
				return &Literal{Value: v != 0}
			}
		}
		return &Literal{Value: v}
	case uint64:
		if v <= math.MaxInt64 {
			return &Literal{Value: int64(v)}
		}
		return &Literal{Value: v}
	case float64:
		return &Literal{Value: v}
	case string:
		return &Literal{Value: v}
	case *driver.MyDecimal:
		f, err := strconv.ParseFloat(v.String(), 64)
		if err != nil {
			t.fail(t.nodeOff(n), "invalid number %s", v)
		}
		return &Literal{Value: f}
	case driver.BinaryLiteral:
		t.unsupported(t.nodeOff(n), "hexadecimal and bit literals")
		return nil
	}
	t.unsupported(t.nodeOff(n), "literal")
	return nil
}

func (t *translator) unary(n *ast.UnaryOperationExpr) Expr {
	switch n.Op {
	case opcode.Plus:
		return t.expr(n.V)
	case opcode.Minus:
		return negate(t.expr(n.V))
	case opcode.Not, opcode.Not2:
		return &Unary{Op: "NOT", X: t.expr(n.V)}
	case opcode.BitNeg:
		return &Unary{Op: "~", X: t.expr(n.V)}
	}
	t.unsupported(t.nodeOff(n), "operator "+opLiteral(n.Op))
	return nil
}

// negate folds a minus sign into a numeric literal, so that -1 is a
// constant (DEFAULT -1 needs one).
func negate(x Expr) Expr {
	if l, ok := x.(*Literal); ok {
		switch v := l.Value.(type) {
		case int64:
			if v != math.MinInt64 {
				return &Literal{Value: -v}
			}
			return &Literal{Value: uint64(1) << 63}
		case uint64:
			if v == 1<<63 {
				return &Literal{Value: int64(math.MinInt64)}
			}
			return &Literal{Value: -float64(v)}
		case float64:
			return &Literal{Value: -v}
		}
	}
	return &Unary{Op: "-", X: x}
}

// cast translates CAST(x AS type), CONVERT(x, type) and BINARY x.
func (t *translator) cast(n *ast.FuncCastExpr) Expr {
	spec, ok := typeSpec(n.Tp, "")
	switch {
	case !ok:
		t.unsupported(t.nodeOff(n), "CAST to "+typeName(n.Tp))
	case n.ExplicitCharSet:
		t.unsupported(t.nodeOff(n), "CHARACTER SET in CAST")
	case n.Tp.IsArray():
		t.unsupported(t.nodeOff(n), "ARRAY in CAST")
	}
	switch spec.Name {
	case "BIGINT", "DOUBLE", "FLOAT":
		// SIGNED, UNSIGNED, DOUBLE, FLOAT take no length: TiDB fills in its own.
		spec.Length, spec.Scale = -1, -1
	case "VARCHAR":
		spec.Name = "CHAR" // as in CAST(x AS CHAR(10))
	}
	return &Cast{X: t.expr(n.Expr), Type: spec}
}

// call translates a function call. TiDB writes some names in its own way.
func (t *translator) call(n *ast.FuncCallExpr) Expr {
	if n.Schema.O != "" {
		t.unsupported(t.nodeOff(n), "database-qualified name")
	}
	name := strings.ToUpper(n.FnName.L)
	args := n.Args
	switch n.FnName.L {
	case ast.DateLiteral: // DATE 'yyyy-mm-dd' is DATE('yyyy-mm-dd'), and so on.
		name = "DATE"
	case ast.TimeLiteral:
		name = "TIME"
	case ast.TimestampLiteral:
		name = "TIMESTAMP"
	case ast.InsertFunc: // INSERT(str, pos, len, newstr)
		name = "INSERT"
	case ast.CharFunc: // CHAR(n, ...): TiDB appends the USING character set or NULL.
		name = "CHAR"
		last := args[len(args)-1]
		if v, ok := last.(*driver.ValueExpr); !ok || v.GetValue() != nil {
			t.unsupported(t.nodeOff(n), "CHAR(... USING ...)")
		}
		args = args[:len(args)-1]
	case ast.Convert: // CONVERT(x, type) is a cast; this is CONVERT(x USING charset).
		t.unsupported(t.nodeOff(n), "CONVERT(... USING ...)")
	}
	return &Func{Name: name, Args: t.exprs(args)}
}

// aggregate translates COUNT, SUM, AVG, MIN and MAX.
func (t *translator) aggregate(n *ast.AggregateFuncExpr) Expr {
	name := strings.ToUpper(n.F)
	switch name {
	case "COUNT", "SUM", "AVG", "MIN", "MAX":
	case "GROUP_CONCAT":
		t.unsupported(t.nodeOff(n), "GROUP_CONCAT")
		return nil
	default: // named as written: TiDB renames some (STDDEV is stddev_pop)
		off := t.nodeOff(n)
		t.unsupported(off, "aggregate "+strings.ToUpper(nextToken(t.sql, off).text(t.sql)))
		return nil
	}
	f := &Func{Name: name, Distinct: n.Distinct}
	// TiDB turns COUNT(*) into COUNT(1): look at the text.
	if off := n.OriginTextPosition(); name == "COUNT" && off > t.start && off < t.end {
		if tok := nextToken(t.sql, nextToken(t.sql, nextToken(t.sql, off).end).end); tok.is(t.sql, "*") {
			f.Star = true
			return f
		}
	}
	f.Args = t.exprs(n.Args)
	return f
}

// subquery translates the SELECT of IN (SELECT ...) or EXISTS (SELECT ...).
func (t *translator) subquery(n ast.ExprNode) *Select {
	sq, ok := n.(*ast.SubqueryExpr)
	if !ok {
		t.unsupported(t.nodeOff(n), "subquery")
		return nil
	}
	sel, ok := sq.Query.(*ast.SelectStmt)
	if !ok {
		t.unsupported(t.nodeOff(n), "UNION in a subquery")
		return nil
	}
	return t.selectStmt(sel)
}
