package planner

import "github.com/s3db-go/s3db/sqlparse"

// pushDownFilter moves the conditions of a Filter over a join to the join
// input they read: Filter(a JOIN b) with `a.x = 1 AND b.y = 2` becomes
// (Filter a) JOIN (Filter b), so each input reads fewer rows and a key
// condition can become a PointGet. Conditions on the right input of a LEFT
// join stay above it: filtering before the join would keep rows that the
// condition drops (they would reappear padded with NULLs).
func pushDownFilter(n Node) Node {
	f, ok := n.(*Filter)
	if !ok {
		return n
	}
	j, ok := f.Input.(*HashJoin)
	if !ok {
		return n
	}
	ls, rs := j.Left.Schema(), j.Right.Schema()
	var toLeft, toRight, keep []sqlparse.Expr
	for _, c := range conjuncts(f.Cond) {
		switch {
		case readsOnly(c, ls):
			toLeft = append(toLeft, c)
		case readsOnly(c, rs) && j.Kind == sqlparse.JoinInner:
			toRight = append(toRight, c)
		default:
			keep = append(keep, c)
		}
	}
	if len(toLeft) == 0 && len(toRight) == 0 {
		return n
	}
	c := *j
	if len(toLeft) > 0 {
		c.Left = pushDownFilter(&Filter{Input: j.Left, Cond: And(toLeft)})
	}
	if len(toRight) > 0 {
		c.Right = pushDownFilter(&Filter{Input: j.Right, Cond: And(toRight)})
	}
	if len(keep) == 0 {
		return &c
	}
	return &Filter{Input: &c, Cond: And(keep)}
}
