package events

import (
	"reflect"
	"strings"
	"testing"
)

func TestPlace(t *testing.T) {
	order := []string{"a", "b", "c"}
	tests := []struct {
		name, follows, precedes string
		want                    []string
		err                     string
	}{
		{name: "d", want: []string{"a", "b", "c", "d"}},
		{name: "d", follows: "A", want: []string{"a", "d", "b", "c"}},
		{name: "d", follows: "c", want: []string{"a", "b", "c", "d"}},
		{name: "d", precedes: "a", want: []string{"d", "a", "b", "c"}},
		{name: "d", precedes: "C", want: []string{"a", "b", "d", "c"}},
		{name: "d", follows: "x", err: "referenced trigger 'x' for the given action time and event type does not exist"},
		{name: "d", precedes: "x", err: "referenced trigger 'x'"},
		{name: "B", err: "trigger B already exists"},
		{name: "d", follows: "a", precedes: "b", err: "FOLLOWS and PRECEDES together"},
	}
	for _, tt := range tests {
		got, err := Place(order, tt.name, tt.follows, tt.precedes)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Place(%s, follows %q, precedes %q) error = %v, want %q", tt.name, tt.follows, tt.precedes, err, tt.err)
			}
		case err != nil:
			t.Errorf("Place(%s, follows %q, precedes %q): %v", tt.name, tt.follows, tt.precedes, err)
		case !reflect.DeepEqual(got, tt.want):
			t.Errorf("Place(%s, follows %q, precedes %q) = %v, want %v", tt.name, tt.follows, tt.precedes, got, tt.want)
		}
	}
	if !reflect.DeepEqual(order, []string{"a", "b", "c"}) {
		t.Errorf("Place modified its input: %v", order)
	}
	if got, err := Place(nil, "first", "", ""); err != nil || !reflect.DeepEqual(got, []string{"first"}) {
		t.Errorf("Place(nil, first) = %v, %v", got, err)
	}
}
