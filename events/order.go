package events

import (
	"fmt"
	"slices"
	"strings"
)

// Place returns order, the names of a table's triggers for one timing and
// event in the order they run, with the new trigger name added: at the end
// (creation order), or right after follows, or right before precedes
// (MySQL's FOLLOWS and PRECEDES; give at most one of them). Names compare
// case-insensitively. order is not modified.
//
// The result is what the catalog should store: the order is resolved once,
// at CREATE TRIGGER, so that dropping the trigger another FOLLOWS changes
// nothing for the others, as in MySQL.
func Place(order []string, name, follows, precedes string) ([]string, error) {
	find := func(n string) int {
		return slices.IndexFunc(order, func(o string) bool { return strings.EqualFold(o, n) })
	}
	if find(name) >= 0 {
		return nil, fmt.Errorf("events: trigger %s already exists", name)
	}
	at := len(order)
	switch {
	case follows != "" && precedes != "":
		return nil, fmt.Errorf("events: trigger %s: FOLLOWS and PRECEDES together", name)
	case follows != "":
		if at = find(follows); at < 0 {
			return nil, fmt.Errorf("events: referenced trigger '%s' for the given action time and event type does not exist", follows)
		}
		at++
	case precedes != "":
		if at = find(precedes); at < 0 {
			return nil, fmt.Errorf("events: referenced trigger '%s' for the given action time and event type does not exist", precedes)
		}
	}
	return slices.Insert(slices.Clone(order), at, name), nil
}
