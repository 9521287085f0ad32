package events_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/s3db-go/s3db/events"
)

// A hook that a BEFORE INSERT trigger runs with CALL normalize(NEW.email),
// and a listener of the inserts: what the executor does for one row.
func Example() {
	var hooks events.Registry
	_ = hooks.Register("normalize", func(ctx context.Context, c *events.Call) error {
		email, _ := c.Args[0].(string)
		if !strings.Contains(email, "@") {
			return errors.New("not an email address")
		}
		return c.New.Set("email", strings.ToLower(email))
	})

	bus := events.NewBus(func(err error) { fmt.Println("listener trouble:", err) })
	bus.Subscribe(events.Insert, func(e events.Event) {
		fmt.Printf("%s into %s: %v\n", e.Kind, e.Table, e.New["email"])
	})

	ctx := context.Background()
	for _, email := range []string{"Ann@Example.COM", "nobody"} {
		row := []any{"u1", email}
		call := &events.Call{
			Hook: "normalize", Trigger: "clean", Table: "users", Timing: events.Before, Event: events.Insert,
			Args: []any{email}, New: events.NewWritableRow([]string{"id", "email"}, row, nil),
		}
		if err := hooks.Invoke(ctx, call); err != nil {
			fmt.Println("insert failed:", err) // the row is not written
			continue
		}
		// ... validate and write row, run the AFTER triggers, then:
		_ = bus.Publish(ctx, events.Event{Table: "users", Kind: events.Insert, New: call.New.Map()})
	}
	_ = bus.Close(ctx)
	// Output:
	// insert into users: ann@example.com
	// insert failed: trigger clean: hook normalize: not an email address
}
