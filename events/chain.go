package events

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// MaxDepth is how deeply triggers may nest: the statement a client sends is
// level 0, a statement of one of its triggers (or of a hook, run with the
// hook's context) level 1, and so on.
const MaxDepth = 16

var (
	// ErrTriggerCycle is the error of a statement that writes to a table a
	// statement of its own trigger chain is writing.
	ErrTriggerCycle = errors.New("trigger cycle")
	// ErrTooDeep is the error of a statement nested deeper than MaxDepth.
	ErrTooDeep = errors.New("triggers nested too deeply")
)

// Frame is one write statement of a trigger chain: the table it writes and
// the trigger whose body runs it ("" for the statement the client sent).
type Frame struct {
	Trigger string
	Table   string
	Kind    Kind
}

func (f Frame) String() string {
	s := f.Kind.String() + " " + f.Table
	if f.Trigger != "" {
		s = "trigger " + f.Trigger + ": " + s
	}
	return s
}

type chainKey struct{}

// Chain returns the write statements under way in ctx, outermost first.
func Chain(ctx context.Context) []Frame {
	c, _ := ctx.Value(chainKey{}).([]Frame)
	return c
}

// Enter returns ctx with f added to its chain, for running the write
// statement f. It fails, before anything is written, if a statement of the
// chain writes f.Table already (ErrTriggerCycle: like MySQL, a trigger may
// not write to the table of a statement that fired it, directly or through
// other triggers, which rules out endless cycles) or if the chain would be
// deeper than MaxDepth (ErrTooDeep).
func Enter(ctx context.Context, f Frame) (context.Context, error) {
	chain := Chain(ctx)
	for _, g := range chain {
		if strings.EqualFold(g.Table, f.Table) {
			return ctx, fmt.Errorf("events: %w: %s: table %s is being written by a statement that fired this trigger",
				ErrTriggerCycle, chainText(chain, f), f.Table)
		}
	}
	if len(chain) > MaxDepth {
		return ctx, fmt.Errorf("events: %w: more than %d levels: %s", ErrTooDeep, MaxDepth, chainText(chain, f))
	}
	return context.WithValue(ctx, chainKey{}, append(chain[:len(chain):len(chain)], f)), nil
}

func chainText(chain []Frame, f Frame) string {
	parts := make([]string, 0, len(chain)+1)
	for _, g := range chain {
		parts = append(parts, g.String())
	}
	return strings.Join(append(parts, f.String()), " -> ")
}
