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
		c := *x
		c.Input = kids[0]
		return &c
	case *Project:
		c := *x
		c.Input = kids[0]
		return &c
	case *Aggregate:
		c := *x
		c.Input = kids[0]
		return &c
	case *Sort:
		c := *x
		c.Input = kids[0]
		return &c
	case *TopN:
		c := *x
		c.Input = kids[0]
		return &c
	case *Limit:
		c := *x
		c.Input = kids[0]
		return &c
	case *Distinct:
		return &Distinct{Input: kids[0]}
	case *Trim:
		c := *x
		c.Input = kids[0]
		return &c
	case *Update:
		c := *x
		c.Input = kids[0]
		return &c
	case *Delete:
		c := *x
		c.Input = kids[0]
		return &c
	case *Explain:
		c := *x
		c.Plan = kids[0]
		return &c
	case *HashJoin:
		c := *x
		c.Left, c.Right = kids[0], kids[1]
		return &c
	case *LookupJoin:
		c := *x
		c.Left = kids[0]
		return &c
	case *SemiJoin:
		c := *x
		c.Left, c.Right = kids[0], kids[1]
		return &c
	case *Append:
		c := *x
		c.Inputs = kids
		return &c
	}
	return n
}
