package eval

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/s3db-go/s3db/sqlparse"
)

// everyNode uses every expression node type.
const everyNode = "CASE a WHEN 1 THEN -b ELSE CAST(c AS DECIMAL(10,2)) END + ? > 2 " +
	"AND d IS NOT NULL AND (e IS TRUE) AND f IN (1, 'x''y', NULL) AND g NOT BETWEEN 1.5 AND TRUE " +
	"AND h LIKE 'a%' ESCAPE '|' AND COUNT(DISTINCT k) > 0 AND NOT COUNT(*) AND DATE_SUB(t.l, 1, #DAY) IS NULL"

func TestWalkAndColumnRefs(t *testing.T) {
	e := parseSQL(everyNode)
	var names []string
	for _, c := range ColumnRefs(e) {
		names = append(names, strings.TrimPrefix(c.Table+"."+c.Name, "."))
	}
	if got, want := strings.Join(names, " "), "a b c d e f g h k t.l"; got != want {
		t.Errorf("ColumnRefs = %s, want %s", got, want)
	}
	// Pruning: do not descend into function calls.
	n := 0
	Walk(e, func(x sqlparse.Expr) bool {
		if _, ok := x.(*sqlparse.ColumnRef); ok {
			n++
		}
		_, isFunc := x.(*sqlparse.Func)
		return !isFunc
	})
	if n != 8 {
		t.Errorf("pruned walk saw %d columns, want 8", n)
	}
	if ColumnRefs(nil) != nil {
		t.Error("ColumnRefs(nil) != nil")
	}
	if refs := ColumnRefs(parseSQL("1 + ?")); len(refs) != 0 {
		t.Errorf("ColumnRefs(1 + ?) = %v", refs)
	}
}

func TestRewriteCopies(t *testing.T) {
	e := parseSQL(everyNode)
	before := Format(e)
	c := Rewrite(e, func(sqlparse.Expr) sqlparse.Expr { return nil })
	if !reflect.DeepEqual(c, e) || Format(c) != before {
		t.Fatalf("identity rewrite differs:\n%s\n%s", Format(c), before)
	}
	// No node is shared: every pointer in the copy is new.
	orig := map[sqlparse.Expr]bool{}
	Walk(e, func(x sqlparse.Expr) bool { orig[x] = true; return true })
	Walk(c, func(x sqlparse.Expr) bool {
		if orig[x] {
			t.Errorf("node %s is shared", Format(x))
		}
		return true
	})
	if Rewrite(nil, nil) != nil {
		t.Error("Rewrite(nil) != nil")
	}
}

func TestRewriteAggregates(t *testing.T) {
	e := parseSQL("SUM(i) / COUNT(*) + 1 > MAX(LOWER(s))")
	before := Format(e)
	var aggs []string
	r := Rewrite(e, func(x sqlparse.Expr) sqlparse.Expr {
		if f, ok := x.(*sqlparse.Func); ok && IsAggregate(f.Name) {
			aggs = append(aggs, Format(f))
			return &sqlparse.ColumnRef{Name: fmt.Sprintf("agg%d", len(aggs)-1)}
		}
		return nil
	})
	if got, want := Format(r), "(((agg0 / agg1) + 1) > agg2)"; got != want {
		t.Errorf("rewritten = %s, want %s", got, want)
	}
	if got, want := strings.Join(aggs, "; "), "SUM(i); COUNT(*); MAX(LOWER(s))"; got != want {
		t.Errorf("aggregates = %s, want %s", got, want)
	}
	if Format(e) != before {
		t.Error("Rewrite modified its input")
	}
	// The rewritten expression now compiles.
	if _, err := Compile(r, testScope{"agg0", "agg1", "agg2"}); err != nil {
		t.Error(err)
	}
}

func TestFormat(t *testing.T) {
	cases := map[string]string{
		everyNode: "((((((((((CASE a WHEN 1 THEN -b ELSE CAST(c AS DECIMAL(10,2)) END + ?) > 2) AND (d IS NOT NULL)) " +
			"AND (e IS TRUE)) AND (f IN (1, 'x''y', NULL))) AND (g NOT BETWEEN 1.5 AND TRUE)) AND (h LIKE 'a%' ESCAPE '|')) " +
			"AND (COUNT(DISTINCT k) > 0)) AND NOT COUNT(*)) AND (DATE_SUB(t.l, 1, DAY) IS NULL))",
		"x NOT LIKE 'a\\\\b'":           `(x NOT LIKE 'a\\b')`,
		"n IS NOT FALSE":                "(n IS NOT FALSE)",
		"CAST(x AS CHAR(3))":            "CAST(x AS CHAR(3))",
		"CASE WHEN x THEN 1 END":        "CASE WHEN x THEN 1 END",
		"9223372036854775808 + -1.5e-9": "(9223372036854775808 + -1.5e-9)",
	}
	for in, want := range cases {
		if got := Format(parseSQL(in)); got != want {
			t.Errorf("Format(%s) =\n%s\nwant\n%s", in, got, want)
		}
	}
}
