package events

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestEnter(t *testing.T) {
	ctx, err := Enter(context.Background(), Frame{Table: "orders", Kind: Insert})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err = Enter(ctx, Frame{Trigger: "audit", Table: "audit", Kind: Insert})
	if err != nil {
		t.Fatal(err)
	}
	want := []Frame{{Table: "orders", Kind: Insert}, {Trigger: "audit", Table: "audit", Kind: Insert}}
	if got := Chain(ctx); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Chain = %v, want %v", got, want)
	}

	// A sibling statement of the same trigger reuses the parent context.
	parent := ctx
	if _, err := Enter(parent, Frame{Trigger: "audit", Table: "stats", Kind: Update}); err != nil {
		t.Fatal(err)
	}
	if _, err := Enter(parent, Frame{Trigger: "audit", Table: "log", Kind: Update}); err != nil {
		t.Fatal(err)
	}
	if got := Chain(parent); len(got) != 2 {
		t.Errorf("Enter changed its parent's chain: %v", got)
	}

	// Back to a table of the chain: a cycle, whatever the case of the name.
	_, err = Enter(ctx, Frame{Trigger: "back", Table: "ORDERS", Kind: Update})
	if !errors.Is(err, ErrTriggerCycle) {
		t.Fatalf("Enter of a table in the chain = %v, want ErrTriggerCycle", err)
	}
	const msg = "events: trigger cycle: insert orders -> trigger audit: insert audit -> trigger back: update ORDERS: table ORDERS is being written by a statement that fired this trigger"
	if err.Error() != msg {
		t.Errorf("error\n got %s\nwant %s", err, msg)
	}
}

func TestEnterDepth(t *testing.T) {
	ctx := context.Background()
	var err error
	for i := 0; i <= MaxDepth; i++ { // levels 0..MaxDepth
		if ctx, err = Enter(ctx, Frame{Trigger: "t", Table: "t" + string(rune('a'+i)), Kind: Insert}); err != nil {
			t.Fatalf("level %d: %v", i, err)
		}
	}
	_, err = Enter(ctx, Frame{Trigger: "t", Table: "last", Kind: Insert})
	if !errors.Is(err, ErrTooDeep) || !strings.Contains(err.Error(), "more than 16 levels") {
		t.Errorf("level %d: %v, want ErrTooDeep", MaxDepth+1, err)
	}
}
