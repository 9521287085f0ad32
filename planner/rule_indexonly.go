package planner

// indexOnlyCount turns Aggregate(COUNT(*)..., FullScan) with no GROUP BY into
// Aggregate(IndexOnly): counting rows needs their keys, not their contents.
func indexOnlyCount(n Node) Node {
	a, ok := n.(*Aggregate)
	if !ok || len(a.GroupBy) > 0 {
		return n
	}
	scan, ok := a.Input.(*FullScan)
	if !ok {
		return n
	}
	for _, f := range a.Aggs {
		if f.Name != "COUNT" || !f.Star {
			return n
		}
	}
	c := *a
	c.Input = &IndexOnly{Table: scan.Table, Alias: scan.Alias}
	return &c
}
