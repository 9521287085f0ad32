package planner

import (
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

var (
	double  = mustType("DOUBLE")
	boolean = mustType("BOOLEAN")
	varchar = mustType("TEXT")
	dtime   = mustType("DATETIME")
	date    = mustType("DATE")
	json    = mustType("JSON")
	// ubigint and decimal type UNSIGNED literals and exact arithmetic.
	ubigint = schema.Type{Name: "BIGINT", Unsigned: true, Kind: schema.KindUint, UMax: 1<<64 - 1}
	decimal = schema.Type{Name: "DECIMAL", Length: schema.MaxDecimalPrec, Scale: schema.MaxDecimalScale, Kind: schema.KindDecimal}
)

// exactInt reports an integer type, signed or not.
func exactInt(t *schema.Type) bool {
	return t != nil && (t.Kind == schema.KindInt || t.Kind == schema.KindUint)
}

// stringFuncs return text.
var stringFuncs = map[string]bool{
	"LOWER": true, "LCASE": true, "UPPER": true, "UCASE": true, "CONCAT": true, "CONCAT_WS": true,
	"SUBSTRING": true, "SUBSTR": true, "TRIM": true, "LTRIM": true, "RTRIM": true, "REPLACE": true,
	"LEFT": true, "RIGHT": true, "REVERSE": true, "LPAD": true, "RPAD": true, "REPEAT": true,
	"DATE_FORMAT": true, "UUID": true, "JSON_UNQUOTE": true, "JSON_TYPE": true,
}

// intFuncs return integers.
var intFuncs = map[string]bool{
	"LENGTH": true, "CHAR_LENGTH": true, "CHARACTER_LENGTH": true, "INSTR": true, "LOCATE": true,
	"YEAR": true, "MONTH": true, "DAY": true, "HOUR": true, "MINUTE": true, "SECOND": true,
	"UNIX_TIMESTAMP": true, "SIGN": true, "COUNT": true,
}

// inferType guesses the type of an expression's values for Rows.ColumnTypes.
// nil means unknown (scanned as any).
func inferType(e sqlparse.Expr, in Schema) (*schema.Type, bool) {
	switch x := e.(type) {
	case *sqlparse.ColumnRef:
		if i, err := in.Resolve(x.Table, x.Name); err == nil {
			return in[i].Type, in[i].NotNull
		}
	case *sqlparse.Literal:
		switch x.Value.(type) {
		case int64:
			return &bigint, true
		case uint64:
			return &ubigint, true
		case float64:
			return &double, true
		case string:
			return &varchar, true
		case bool:
			return &boolean, true
		}
	case *sqlparse.Func:
		switch {
		case x.Name == "COUNT":
			return &bigint, true
		case x.Name == "AVG":
			return &double, false
		case x.Name == "SUM" && len(x.Args) == 1:
			switch t, _ := inferType(x.Args[0], in); {
			case t != nil && t.Kind == schema.KindInt:
				return &bigint, false
			case t != nil && (t.Kind == schema.KindUint || t.Kind == schema.KindDecimal):
				return &decimal, false // exact, as MySQL
			}
			return &double, false
		case (x.Name == "MIN" || x.Name == "MAX") && len(x.Args) == 1:
			t, _ := inferType(x.Args[0], in)
			return t, false
		case x.Name == "NOW" || x.Name == "CURRENT_TIMESTAMP" || x.Name == "UTC_TIMESTAMP":
			return &dtime, true
		case x.Name == "DATE" || x.Name == "CURDATE" || x.Name == "CURRENT_DATE":
			return &date, false
		case x.Name == "JSON_EXTRACT" || x.Name == "JSON_OBJECT" || x.Name == "JSON_ARRAY":
			return &json, false
		case stringFuncs[x.Name]:
			return &varchar, false
		case intFuncs[x.Name]:
			return &bigint, false
		}
	case *sqlparse.IsNull, *sqlparse.IsBool, *sqlparse.In, *sqlparse.Between, *sqlparse.Like:
		return &boolean, false
	case *sqlparse.Binary:
		switch x.Op {
		case sqlparse.OpEQ, sqlparse.OpNE, sqlparse.OpLT, sqlparse.OpLE, sqlparse.OpGT, sqlparse.OpGE,
			sqlparse.OpNullEQ, sqlparse.OpAnd, sqlparse.OpOr, sqlparse.OpXor:
			return &boolean, false
		case sqlparse.OpDiv:
			return &double, false
		case sqlparse.OpAdd, sqlparse.OpSub, sqlparse.OpMul, sqlparse.OpMod, sqlparse.OpIntDiv:
			l, _ := inferType(x.L, in)
			r, _ := inferType(x.R, in)
			if l != nil && r != nil && l.Kind == schema.KindInt && r.Kind == schema.KindInt {
				return &bigint, false
			}
			if l != nil && r != nil && (l.Kind == schema.KindFloat || r.Kind == schema.KindFloat) {
				return &double, false
			}
			// A DECIMAL operand and no float: a DECIMAL (DIV an integer). With
			// an UNSIGNED operand the result may be an int64 or a uint64: unknown.
			isDec := func(t *schema.Type) bool { return t != nil && t.Kind == schema.KindDecimal }
			if (isDec(l) || isDec(r)) && (exactInt(l) || isDec(l)) && (exactInt(r) || isDec(r)) {
				if x.Op == sqlparse.OpIntDiv {
					return nil, false
				}
				return &decimal, false
			}
		}
	case *sqlparse.Unary:
		if x.Op == "-" {
			return inferType(x.X, in)
		}
	case *sqlparse.Cast:
		if t, err := schema.ParseType(x.Type); err == nil {
			return &t, false
		}
	}
	return nil, false
}
