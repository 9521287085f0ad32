package events

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Hook is a Go function that a trigger runs with CALL name(args). A hook of
// a BEFORE trigger may change the new row (call.New.Set) and may abort the
// statement by returning an error, before the row is written; a hook of an
// AFTER trigger runs once the row is written, and its error is the
// statement's error (the row stays written). ctx is the statement's
// context: a hook that runs SQL through the same connector with it is
// counted in the trigger chain (see Enter).
type Hook func(ctx context.Context, call *Call) error

// Call is what a hook is called with.
type Call struct {
	Hook    string // the hook's name as the trigger writes it
	Trigger string // the trigger whose CALL runs the hook
	Table   string // the trigger's table
	Timing  Timing
	Event   Kind  // Insert, Update or Delete
	Args    []any // the CALL's arguments, evaluated for this row
	New     *Row  // the new row; nil in a DELETE trigger; writable in a BEFORE trigger only
	Old     *Row  // the old row; nil in an INSERT trigger; read-only
}

// ErrUnknownHook is the error of a CALL that names no registered hook: the
// statement fails, the trigger is never skipped.
var ErrUnknownHook = errors.New("no hook of that name is registered on this connector")

// ErrHookExists is the error of Register for a name already taken.
var ErrHookExists = errors.New("hook already registered")

// HookError is the error of a hook, or of a call to a missing one, as the
// statement returns it: with the names of the trigger and the hook.
type HookError struct {
	Trigger, Hook string
	Err           error // ErrUnknownHook, a *PanicError or what the hook returned
}

func (e *HookError) Error() string {
	s := "hook " + e.Hook + ": " + e.Err.Error()
	if e.Trigger != "" {
		s = "trigger " + e.Trigger + ": " + s
	}
	return s
}

func (e *HookError) Unwrap() error { return e.Err }

// PanicError is a recovered panic of a hook or a listener.
type PanicError struct {
	Value any    // what the function panicked with
	Stack []byte // the goroutine's stack at the panic
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Registry holds the hooks of a connector by name. Names are
// case-insensitive, like MySQL identifiers. The zero Registry is empty and
// ready to use; a Registry is safe for concurrent use.
type Registry struct {
	mu    sync.RWMutex
	hooks map[string]namedHook // by lower-case name
}

type namedHook struct {
	name string
	h    Hook
}

// Register adds the hook h under name. The name must be a valid MySQL
// identifier (1 to 64 characters, not ending with a space) and not taken.
func (r *Registry) Register(name string, h Hook) error {
	if err := checkName(name); err != nil {
		return err
	}
	if h == nil {
		return fmt.Errorf("events: register %s: nil hook", name)
	}
	key := strings.ToLower(name)
	r.mu.Lock()
	defer r.mu.Unlock()
	if old, ok := r.hooks[key]; ok {
		return fmt.Errorf("events: register %s: %w as %s", name, ErrHookExists, old.name)
	}
	if r.hooks == nil {
		r.hooks = map[string]namedHook{}
	}
	r.hooks[key] = namedHook{name, h}
	return nil
}

func checkName(name string) error {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return errors.New("events: empty hook name")
	case n > 64:
		return fmt.Errorf("events: hook name %q is longer than 64 characters", name)
	case !utf8.ValidString(name) || strings.ContainsRune(name, 0):
		return fmt.Errorf("events: hook name %q is not valid UTF-8 text", name)
	case strings.HasSuffix(name, " "):
		return fmt.Errorf("events: hook name %q ends with a space", name)
	}
	return nil
}

// Lookup returns the hook registered under name (case-insensitive). A nil
// Registry has no hooks.
func (r *Registry) Lookup(name string) (Hook, bool) {
	if r == nil {
		return nil, false
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	nh, ok := r.hooks[strings.ToLower(name)]
	return nh.h, ok
}

// Names returns the names of the registered hooks as registered, sorted.
func (r *Registry) Names() []string {
	if r == nil {
		return nil
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.hooks))
	for _, nh := range r.hooks {
		names = append(names, nh.name)
	}
	slices.Sort(names)
	return names
}

// Invoke runs the hook that call.Hook names. Every error it returns is a
// *HookError: the hook's error, a panic of the hook (recovered, as a
// *PanicError) or ErrUnknownHook.
func (r *Registry) Invoke(ctx context.Context, call *Call) (err error) {
	h, ok := r.Lookup(call.Hook)
	if !ok {
		return &HookError{Trigger: call.Trigger, Hook: call.Hook, Err: ErrUnknownHook}
	}
	defer func() {
		if v := recover(); v != nil {
			err = &HookError{Trigger: call.Trigger, Hook: call.Hook, Err: &PanicError{Value: v, Stack: debug.Stack()}}
		}
	}()
	if err := h(ctx, call); err != nil {
		return &HookError{Trigger: call.Trigger, Hook: call.Hook, Err: err}
	}
	return nil
}
