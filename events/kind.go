package events

import (
	"fmt"
	"strings"
)

// Kind is the kind of a change: Insert, Update or Delete. Kinds are bits, so
// that one value names several (Insert|Update) for Bus.Subscribe.
type Kind uint8

const (
	Insert Kind = 1 << iota
	Update
	Delete

	All = Insert | Update | Delete
)

var kindNames = [...]string{"insert", "update", "delete"}

// String returns "insert", "update" or "delete", or the names of a set of
// kinds joined by "|".
func (k Kind) String() string {
	var names []string
	for i, name := range kindNames {
		if k&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	if k&^All != 0 || len(names) == 0 {
		return fmt.Sprintf("Kind(%d)", uint8(k))
	}
	return strings.Join(names, "|")
}

// ParseKind returns the kind named s ("INSERT", "update", ...: the Event of
// a sqlparse.CreateTrigger), case-insensitively.
func ParseKind(s string) (Kind, error) {
	for i, name := range kindNames {
		if strings.EqualFold(s, name) {
			return 1 << i, nil
		}
	}
	return 0, fmt.Errorf("events: unknown event %q: want INSERT, UPDATE or DELETE", s)
}

// Timing tells when a trigger runs: Before or After the write of its row.
type Timing uint8

const (
	Before Timing = iota + 1
	After
)

// String returns "before" or "after".
func (t Timing) String() string {
	switch t {
	case Before:
		return "before"
	case After:
		return "after"
	}
	return fmt.Sprintf("Timing(%d)", uint8(t))
}

// ParseTiming returns the timing named s ("BEFORE" or "AFTER"),
// case-insensitively.
func ParseTiming(s string) (Timing, error) {
	switch {
	case strings.EqualFold(s, "before"):
		return Before, nil
	case strings.EqualFold(s, "after"):
		return After, nil
	}
	return 0, fmt.Errorf("events: unknown timing %q: want BEFORE or AFTER", s)
}
