package events

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRegister(t *testing.T) {
	var r Registry
	nop := func(context.Context, *Call) error { return nil }
	if err := r.Register("notify_shipping", nop); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		h    Hook
		err  string
	}{
		{"NOTIFY_Shipping", nop, "events: register NOTIFY_Shipping: hook already registered as notify_shipping"},
		{"", nop, "events: empty hook name"},
		{strings.Repeat("h", 65), nop, "longer than 64 characters"},
		{"trailing ", nop, "ends with a space"},
		{"bad\xff", nop, "not valid UTF-8"},
		{"nil", nil, "events: register nil: nil hook"},
	}
	for _, tt := range tests {
		err := r.Register(tt.name, tt.h)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Register(%q) = %v, want an error containing %q", tt.name, err, tt.err)
		}
	}
	if err := r.Register("NOTIFY_SHIPPING", nop); !errors.Is(err, ErrHookExists) {
		t.Errorf("duplicate Register = %v, want ErrHookExists", err)
	}
	if err := r.Register(strings.Repeat("é", 64), nop); err != nil {
		t.Errorf("64 characters are a valid name: %v", err)
	}
	if _, ok := r.Lookup("Notify_Shipping"); !ok {
		t.Error("Lookup is not case-insensitive")
	}
	if _, ok := r.Lookup("other"); ok {
		t.Error("Lookup(other) found a hook")
	}
	if got, want := r.Names(), []string{"notify_shipping", strings.Repeat("é", 64)}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names = %q, want %q", got, want)
	}
	var none *Registry
	if _, ok := none.Lookup("x"); ok || none.Names() != nil {
		t.Error("a nil Registry has hooks")
	}
}

func TestInvoke(t *testing.T) {
	var r Registry
	errAbort := errors.New("paid orders stay")
	must(t, r.Register("lower", func(_ context.Context, c *Call) error {
		v, _ := c.New.Get("status")
		return c.New.Set("status", strings.ToLower(v.(string)))
	}))
	must(t, r.Register("abort", func(context.Context, *Call) error { return errAbort }))
	must(t, r.Register("boom", func(context.Context, *Call) error { panic("boom") }))
	must(t, r.Register("args", func(ctx context.Context, c *Call) error {
		if !reflect.DeepEqual(c.Args, []any{int64(7), "x"}) || c.Old != nil || ctx.Value(ctxKey{}) != "v" {
			return errors.New("bad call")
		}
		return c.New.Set("status", "seen")
	}))

	vals := []any{"o1", "PAID"}
	call := func(hook string) *Call {
		return &Call{Hook: hook, Trigger: "stamp", Table: "orders", Timing: Before, Event: Insert,
			New: NewWritableRow([]string{"id", "status"}, vals, nil)}
	}
	ctx := context.Background()
	if err := r.Invoke(ctx, call("LOWER")); err != nil || vals[1] != "paid" {
		t.Errorf("Invoke(lower) = %v; row %v, want status paid", err, vals)
	}
	c := call("args")
	c.Args = []any{int64(7), "x"}
	if err := r.Invoke(context.WithValue(ctx, ctxKey{}, "v"), c); err != nil || vals[1] != "seen" {
		t.Errorf("Invoke(args) = %v; row %v", err, vals)
	}

	err := r.Invoke(ctx, call("abort"))
	var he *HookError
	if !errors.As(err, &he) || !errors.Is(err, errAbort) || he.Trigger != "stamp" || he.Hook != "abort" {
		t.Errorf("Invoke(abort) = %#v, want a *HookError wrapping the hook's error", err)
	}
	if got, want := err.Error(), "trigger stamp: hook abort: paid orders stay"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}

	err = r.Invoke(ctx, call("boom"))
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "boom" || len(pe.Stack) == 0 {
		t.Errorf("Invoke(boom) = %v, want a *PanicError", err)
	}
	if got, want := err.Error(), "trigger stamp: hook boom: panic: boom"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}

	err = r.Invoke(ctx, call("missing"))
	if !errors.Is(err, ErrUnknownHook) {
		t.Errorf("Invoke(missing) = %v, want ErrUnknownHook", err)
	}
	if got, want := err.Error(), "trigger stamp: hook missing: no hook of that name is registered on this connector"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}

	// OLD is read-only, and so is NEW in an AFTER trigger.
	must(t, r.Register("touch_old", func(_ context.Context, c *Call) error { return c.Old.Set("status", "x") }))
	after := &Call{Hook: "touch_old", Trigger: "audit", Timing: After, Event: Update,
		Old: NewRow([]string{"status"}, []any{"a"}), New: NewRow([]string{"status"}, []any{"b"})}
	if err := r.Invoke(ctx, after); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Set on OLD = %v, want ErrReadOnly", err)
	}
}

type ctxKey struct{}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
