package planner

// topN turns Limit(Sort) into TopN: the sort keeps only Offset+Count rows in a
// heap instead of the whole input.
func topN(n Node) Node {
	l, ok := n.(*Limit)
	if !ok || l.Count == nil {
		return n
	}
	s, ok := l.Input.(*Sort)
	if !ok {
		return n
	}
	return &TopN{Input: s.Input, Keys: s.Keys, Count: l.Count, Offset: l.Offset}
}
