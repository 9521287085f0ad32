package planner

// Rule is one optimizer rewrite. Apply is called on every node, children
// first, and returns the node unchanged when the rule does not apply.
type Rule struct {
	Name  string
	Apply func(Node) Node
}

// Rules are applied in this order, each over the whole tree. Each lives in
// its own file, rule_<name>.go.
var Rules = []Rule{
	{"push-down-filter", pushDownFilter},  // WHERE conditions on one join input move below the join
	{"point-get", pointGet},               // WHERE pk = ? / pk IN (...): GET by key instead of a scan
	{"partition-lookup", partitionLookup}, // WHERE on an index's columns: LIST its key prefix instead of a scan
	{"lookup-join", lookupJoin},           // JOIN ... ON right.pk = expr: GET the right rows by key
	{"index-only", indexOnly},             // only the key is read (COUNT(*), SELECT id): LIST the keys, GET no row
	{"top-n", topN},                       // ORDER BY + LIMIT: a bounded heap instead of a full sort
}

// Optimize applies Rules to a plan.
func Optimize(n Node) Node {
	for _, r := range Rules {
		n = transformUp(n, r.Apply)
	}
	return n
}

// transformUp rebuilds the tree bottom-up, applying fn to each node.
func transformUp(n Node, fn func(Node) Node) Node {
	kids := n.Children()
	if len(kids) > 0 {
		nk := make([]Node, len(kids))
		for i, k := range kids {
			nk[i] = transformUp(k, fn)
		}
		n = withChildren(n, nk)
	}
	return fn(n)
}

// withChildren returns a shallow copy of n with its inputs replaced.
func withChildren(n Node, kids []Node) Node {
	switch x := n.(type) {
	case *Filter:
		return with(x, func(c *Filter) { c.Input = kids[0] })
	case *Project:
		return with(x, func(c *Project) { c.Input = kids[0] })
	case *Aggregate:
		return with(x, func(c *Aggregate) { c.Input = kids[0] })
	case *Sort:
		return with(x, func(c *Sort) { c.Input = kids[0] })
	case *TopN:
		return with(x, func(c *TopN) { c.Input = kids[0] })
	case *Limit:
		return with(x, func(c *Limit) { c.Input = kids[0] })
	case *Distinct:
		return with(x, func(c *Distinct) { c.Input = kids[0] })
	case *Trim:
		return with(x, func(c *Trim) { c.Input = kids[0] })
	case *Update:
		return with(x, func(c *Update) { c.Input = kids[0] })
	case *Delete:
		return with(x, func(c *Delete) { c.Input = kids[0] })
	case *Explain:
		return with(x, func(c *Explain) { c.Plan = kids[0] })
	case *HashJoin:
		return with(x, func(c *HashJoin) { c.Left, c.Right = kids[0], kids[1] })
	case *LookupJoin:
		return with(x, func(c *LookupJoin) { c.Left = kids[0] })
	case *SemiJoin:
		return with(x, func(c *SemiJoin) { c.Left, c.Right = kids[0], kids[1] })
	case *Append:
		return with(x, func(c *Append) { c.Inputs = kids })
	}
	return n
}

// with copies node n and lets set change the copy.
func with[T any, P interface {
	*T
	Node
}](n P, set func(P)) Node {
	c := P(new(T))
	*c = *n
	set(c)
	return c
}
