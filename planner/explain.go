package planner

import (
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/planner/eval"
	"github.com/s3db-go/s3db/schema"
	"github.com/s3db-go/s3db/sqlparse"
)

// ExplainLine is one line of EXPLAIN output: a node drawn at its depth.
type ExplainLine struct {
	Text string
	Node Node
}

// ExplainLines draws the plan tree top-down, one line per node.
func ExplainLines(n Node) []ExplainLine {
	var out []ExplainLine
	var walk func(n Node, prefix, childPrefix string)
	walk = func(n Node, prefix, childPrefix string) {
		out = append(out, ExplainLine{Text: prefix + Label(n), Node: n})
		kids := n.Children()
		for i, k := range kids {
			if i == len(kids)-1 {
				walk(k, childPrefix+"└─ ", childPrefix+"   ")
			} else {
				walk(k, childPrefix+"├─ ", childPrefix+"│  ")
			}
		}
	}
	walk(n, "", "")
	return out
}

// Label is a node's one-line description: the operator, its arguments and,
// for access paths, the requests it makes.
func Label(n Node) string {
	switch x := n.(type) {
	case *PointGet:
		return fmt.Sprintf("PointGet %s key IN (%s)  [1 GET per key]", tableLabel(x.Table, x.Alias), exprList(x.Keys))
	case *FullScan:
		return fmt.Sprintf("FullScan %s  [1 LIST per 1000 rows + 1 GET per row, streamed]", tableLabel(x.Table, x.Alias))
	case *PartitionLookup:
		var conds []string
		for i, vals := range x.Eq {
			name := x.Table.PartName(x.Index, i)
			if len(vals) == 1 {
				conds = append(conds, name+" = "+eval.Format(vals[0]))
			} else {
				conds = append(conds, name+" IN ("+exprList(vals)+")")
			}
		}
		if x.Lo != nil || x.Hi != nil {
			name := x.Table.PartName(x.Index, len(x.Eq))
			if x.Lo != nil {
				conds = append(conds, name+map[bool]string{true: " >= ", false: " > "}[x.LoIncl]+eval.Format(x.Lo))
			}
			if x.Hi != nil {
				conds = append(conds, name+map[bool]string{true: " <= ", false: " < "}[x.HiIncl]+eval.Format(x.Hi))
			}
		}
		cost := "1 LIST per 1000 entries + 1 GET per row"
		if x.KeysOnly {
			cost = "1 LIST per 1000 entries, no GET"
		}
		return fmt.Sprintf("PartitionLookup %s INDEX %s (%s)  [%s]", tableLabel(x.Table, x.Alias), x.Index.Name, strings.Join(conds, ", "), cost)
	case *IndexOnly:
		return fmt.Sprintf("IndexOnly %s  [1 LIST per 1000 rows, no GET]", tableLabel(x.Table, x.Alias))
	case *Values:
		return fmt.Sprintf("Values (%d rows)", len(x.Rows))
	case *Filter:
		return "Filter " + eval.Format(x.Cond)
	case *Project:
		var cols []string
		for i, e := range x.Exprs {
			s := eval.Format(e)
			if x.Columns[i].Hidden {
				s += " (for ORDER BY)"
			}
			cols = append(cols, s)
		}
		return "Project " + strings.Join(cols, ", ")
	case *Aggregate:
		s := "Aggregate"
		if len(x.GroupBy) > 0 {
			s += " GROUP BY " + exprList(x.GroupBy)
		}
		aggs := make([]sqlparse.Expr, len(x.Aggs))
		for i, a := range x.Aggs {
			aggs[i] = a
		}
		if len(aggs) > 0 {
			s += " " + exprList(aggs)
		}
		return s
	case *Sort:
		return "Sort " + sortKeys(x.Keys, x.Input.Schema())
	case *TopN:
		return fmt.Sprintf("TopN %s LIMIT %s%s", sortKeys(x.Keys, x.Input.Schema()), eval.Format(x.Count), offsetLabel(x.Offset))
	case *Limit:
		count := "ALL"
		if x.Count != nil {
			count = eval.Format(x.Count)
		}
		return "Limit " + count + offsetLabel(x.Offset)
	case *Distinct:
		return "Distinct"
	case *Trim:
		return fmt.Sprintf("Trim to %d columns", x.Keep)
	case *HashJoin:
		return fmt.Sprintf("HashJoin %s%s%s  [right side held in memory]", x.Kind, keysLabel(x.LeftKeys, x.RightKeys), residualLabel(x.Residual))
	case *LookupJoin:
		if x.Index != nil {
			return fmt.Sprintf("LookupJoin %s %s INDEX %s ON %s = %s%s  [1 LIST per distinct key + 1 GET per row]", x.Kind, tableLabel(x.Table, x.Alias),
				x.Index.Name, x.Table.PartName(x.Index, 0), eval.Format(x.Key), residualLabel(x.Residual))
		}
		return fmt.Sprintf("LookupJoin %s %s ON key = %s%s  [1 GET per distinct key]", x.Kind, tableLabel(x.Table, x.Alias), eval.Format(x.Key), residualLabel(x.Residual))
	case *SemiJoin:
		kind := "SemiJoin"
		if x.Anti {
			kind = "AntiJoin"
		}
		if x.NullAware {
			kind += " (NOT IN)"
		}
		return kind + keysLabel(x.LeftKeys, x.RightKeys) + residualLabel(x.Residual)
	case *Append:
		return fmt.Sprintf("Append %d inputs", len(x.Inputs))
	case *Insert:
		return fmt.Sprintf("Insert %s (%d rows)  [1 create-only PUT per row]", x.Table.Name, len(x.Rows))
	case *Update:
		var sets []string
		for _, a := range x.Set {
			sets = append(sets, x.Table.Columns[a.Index].Name+" = "+eval.Format(a.Value))
		}
		return fmt.Sprintf("Update %s SET %s  [1 conditional PUT per row, re-read on conflict]", x.Table.Name, strings.Join(sets, ", "))
	case *Delete:
		return fmt.Sprintf("Delete %s  [1 conditional DELETE per row]", x.Table.Name)
	case *CreateTable:
		return "CreateTable " + x.Table.Name
	case *CreateIndex:
		return fmt.Sprintf("CreateIndex %s ON %s  [scan + 1 PUT per row]", x.Index.Name, x.Table.Name)
	case *DropIndex:
		return fmt.Sprintf("DropIndex %s ON %s  [LIST + 1 DELETE per entry]", x.Name, x.Table.Name)
	case *DropTable:
		return "DropTable " + strings.Join(x.Names, ", ")
	case *Explain:
		return "Explain"
	}
	return fmt.Sprintf("%T", n)
}

func tableLabel(t *schema.Table, alias string) string {
	if alias != "" && alias != t.Name {
		return t.Name + " AS " + alias
	}
	return t.Name
}

func offsetLabel(e sqlparse.Expr) string {
	if e == nil {
		return ""
	}
	return " OFFSET " + eval.Format(e)
}

func sortKeys(keys []SortKey, in Schema) string {
	var parts []string
	for _, k := range keys {
		s := in[k.Index].Name
		if k.Desc {
			s += " DESC"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func exprList(es []sqlparse.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = eval.Format(e)
	}
	return strings.Join(parts, ", ")
}

func keysLabel(left, right []sqlparse.Expr) string {
	if len(left) == 0 {
		return ""
	}
	parts := make([]string, len(left))
	for i := range left {
		parts[i] = eval.Format(left[i]) + " = " + eval.Format(right[i])
	}
	return " ON " + strings.Join(parts, " AND ")
}

func residualLabel(e sqlparse.Expr) string {
	if e == nil {
		return ""
	}
	return " WHERE " + eval.Format(e)
}
