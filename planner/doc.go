// Package planner turns a parsed statement and the catalog into a plan: a
// tree of nodes that are plain data (plan.go), optimized by an ordered list
// of small rules (rules.go, one rule per rule_*.go file), and printed by
// EXPLAIN (explain.go). Execution is separate, in planner/exec; expression
// evaluation is in planner/eval.
//
// # Building
//
// A SELECT becomes, bottom-up: an access path (FullScan of the FROM table,
// or Values without FROM), Filter (WHERE), Aggregate (GROUP BY and the
// aggregate calls, which the select list, HAVING and ORDER BY then reference
// as columns #gN and #aN), Filter (HAVING), Project (the select list, plus
// hidden columns for ORDER BY expressions not in it), Distinct, Sort, Limit,
// and Trim (dropping the hidden columns). Every name is resolved and every
// expression compiled while planning, so a misspelt column fails before any
// request is made. Names resolve as MySQL's do: ORDER BY and HAVING may use
// select-list aliases and ORDER BY may use positions; ONLY_FULL_GROUP_BY
// applies.
//
// # Rules
//
//   - point-get: a WHERE conjunct `pk = const` or `pk IN (consts)` turns the
//     FullScan into a PointGet (1 GET per key). The Filter stays and checks
//     the rest of the condition.
//   - index-only-count: COUNT(*) without WHERE or GROUP BY lists keys and
//     reads no row (LIST requests only).
//   - top-n: ORDER BY + LIMIT keeps a heap of OFFSET+LIMIT rows.
//
// UPDATE and DELETE use the same access paths as SELECT (their Input).
package planner
