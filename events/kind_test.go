package events

import "testing"

func TestKind(t *testing.T) {
	for _, tt := range []struct {
		k    Kind
		want string
	}{
		{Insert, "insert"}, {Update, "update"}, {Delete, "delete"},
		{Insert | Delete, "insert|delete"}, {All, "insert|update|delete"}, {0, "Kind(0)"}, {16, "Kind(16)"},
	} {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", uint8(tt.k), got, tt.want)
		}
	}
	for _, s := range []string{"INSERT", "update", "Delete"} {
		k, err := ParseKind(s)
		if err != nil || !k.isOne() {
			t.Errorf("ParseKind(%q) = %v, %v", s, k, err)
		}
	}
	if _, err := ParseKind("upsert"); err == nil {
		t.Error("ParseKind(upsert) did not fail")
	}
	if tm, err := ParseTiming("BEFORE"); err != nil || tm != Before || tm.String() != "before" {
		t.Errorf("ParseTiming(BEFORE) = %v, %v", tm, err)
	}
	if tm, err := ParseTiming("after"); err != nil || tm != After {
		t.Errorf("ParseTiming(after) = %v, %v", tm, err)
	}
	if _, err := ParseTiming("during"); err == nil {
		t.Error("ParseTiming(during) did not fail")
	}
}

func (k Kind) isOne() bool { return k == Insert || k == Update || k == Delete }
