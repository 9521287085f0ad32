package events

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestRowGetSet(t *testing.T) {
	vals := []any{"x1", "NEW", nil}
	coerce := func(col int, v any) (any, error) {
		if col == 1 {
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("want a string, not %T", v)
			}
			return strings.ToLower(s), nil
		}
		return v, nil
	}
	r := NewWritableRow([]string{"id", "status", "note"}, vals, coerce)

	if v, ok := r.Get("STATUS"); !ok || v != "NEW" {
		t.Errorf("Get(STATUS) = %v, %v; want NEW, true (names are case-insensitive)", v, ok)
	}
	if v, ok := r.Get("note"); !ok || v != nil {
		t.Errorf("Get(note) = %v, %v; want nil, true (a NULL)", v, ok)
	}
	if _, ok := r.Get("missing"); ok {
		t.Error("Get(missing) reports the column present")
	}
	if err := r.Set("Status", "PAID"); err != nil {
		t.Fatal(err)
	}
	if vals[1] != "paid" {
		t.Errorf("Set did not store the coerced value in place: vals = %v", vals)
	}
	if err := r.Set("status", 3); err == nil || !strings.Contains(err.Error(), "set status: want a string") {
		t.Errorf("Set of a value coerce rejects: %v", err)
	}
	if vals[1] != "paid" {
		t.Errorf("a rejected Set changed the row: %v", vals)
	}
	if err := r.Set("nope", 1); err == nil || err.Error() != "events: set: unknown column 'nope'" {
		t.Errorf("Set of an unknown column: %v", err)
	}
	if got, want := r.Map(), map[string]any{"id": "x1", "status": "paid", "note": nil}; !reflect.DeepEqual(got, want) {
		t.Errorf("Map = %v, want %v", got, want)
	}
	v := r.Values()
	v[0] = "changed"
	if vals[0] != "x1" {
		t.Error("Values is not a copy")
	}
}

func TestRowReadOnly(t *testing.T) {
	r := NewRow([]string{"a"}, []any{1})
	if r.Writable() {
		t.Error("NewRow is writable")
	}
	if err := r.Set("a", 2); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Set on a read-only row = %v, want ErrReadOnly", err)
	}
	if v, _ := r.Get("a"); v != 1 {
		t.Errorf("read-only row changed: %v", v)
	}
	if w := NewWritableRow([]string{"a"}, []any{1}, nil); w.Set("a", "x") != nil || w.Values()[0] != "x" {
		t.Error("a writable row without coerce stores values as they are")
	}
}

func TestNewRowLengths(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewRow with 2 columns and 1 value did not panic")
		}
	}()
	NewRow([]string{"a", "b"}, []any{1})
}
