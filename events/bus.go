package events

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Event is one row changed through the connector.
type Event struct {
	Table string
	Kind  Kind           // Insert, Update or Delete
	Old   map[string]any // the row before the change; nil for an Insert
	New   map[string]any // the row as written; nil for a Delete
	Time  time.Time      // when the write succeeded
}

// Listener receives events. The maps of an Event are shared by every
// listener of the event: a listener must not modify them.
type Listener func(Event)

// DefaultQueue is the capacity of an Async queue when none is given.
const DefaultQueue = 1024

var (
	// ErrClosed is the error of Publish after Close.
	ErrClosed = errors.New("events: bus closed")
	// ErrQueueFull is why an event was dropped for a DropWhenFull listener.
	ErrQueueFull = errors.New("listener queue full, event dropped")
)

// DeliveryError is an event that a listener did not get, or that made it
// panic. A Bus reports them to its error callback.
type DeliveryError struct {
	Event Event
	Err   error // ErrQueueFull, the publisher's context error, or a *PanicError
}

func (e *DeliveryError) Error() string {
	return fmt.Sprintf("events: %s on %s: %v", e.Event.Kind, e.Event.Table, e.Err)
}

func (e *DeliveryError) Unwrap() error { return e.Err }

// Stats counts what a Bus did.
type Stats struct {
	Delivered uint64 // listener calls that returned
	Dropped   uint64 // events not delivered to a listener: its queue was full (DropWhenFull) or the publisher's context ended while it waited
	Panics    uint64 // listener calls that panicked
}

// Option configures one subscription.
type Option func(*subOptions)

type subOptions struct {
	queue  int // 0: synchronous
	drop   bool
	tables []string
}

// Async delivers the events on a queue of the given capacity (DefaultQueue
// if capacity <= 0), to the listener in its own goroutine, in publishing
// order. When the queue is full, Publish waits for room (with the
// publisher's context), unless DropWhenFull is given too. Without Async,
// the listener is called by Publish itself, before it returns.
func Async(capacity int) Option {
	return func(o *subOptions) {
		o.queue = capacity
		if capacity <= 0 {
			o.queue = DefaultQueue
		}
	}
}

// DropWhenFull makes Publish drop an event, count it (Stats.Dropped) and
// report it (ErrQueueFull) when an Async listener's queue is full, rather
// than wait: a slow listener then never slows writes down.
func DropWhenFull() Option { return func(o *subOptions) { o.drop = true } }

// OnTables limits the subscription to the tables named (case-insensitive).
func OnTables(names ...string) Option {
	return func(o *subOptions) { o.tables = append(o.tables, names...) }
}

// Bus delivers events to listeners. A panicking listener is recovered: the
// write that published the event is not affected, the panic is counted and
// reported to the error callback. Bus is safe for concurrent use.
type Bus struct {
	onError func(error)

	mu       sync.RWMutex
	subs     []*sub // replaced, never modified: Publish reads a snapshot
	closed   bool
	inflight sync.WaitGroup // Publish calls under way
	workers  sync.WaitGroup // queue goroutines, of unsubscribed listeners too

	delivered, dropped, panics atomic.Uint64
}

// NewBus returns a bus that reports listener panics and dropped events to
// onError (if not nil), which must be safe for concurrent use: it is called
// from publishers and from queue goroutines.
func NewBus(onError func(error)) *Bus { return &Bus{onError: onError} }

// sub is one subscription.
type sub struct {
	kinds  Kind
	tables []string // nil: all
	l      Listener
	q      chan Event    // nil: synchronous
	drop   bool          // drop rather than wait when q is full
	done   chan struct{} // closed by unsubscribe or Close: publish no more
	stop   sync.Once
}

func (s *sub) wants(ev Event) bool {
	if s.kinds&ev.Kind == 0 {
		return false
	}
	if s.tables == nil {
		return true
	}
	for _, t := range s.tables {
		if strings.EqualFold(t, ev.Table) {
			return true
		}
	}
	return false
}

func (s *sub) stopped() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// Subscribe adds l as a listener of the kinds of events given (0 or All:
// every kind) and returns the function that removes it. After unsubscribe,
// l gets no event published later; an Async listener still gets the events
// already queued. Subscribe on a closed bus returns a no-op.
func (b *Bus) Subscribe(kinds Kind, l Listener, opts ...Option) (unsubscribe func()) {
	var o subOptions
	for _, opt := range opts {
		opt(&o)
	}
	if kinds == 0 {
		kinds = All
	}
	s := &sub{kinds: kinds, tables: o.tables, l: l, drop: o.drop, done: make(chan struct{})}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return func() {}
	}
	if o.queue > 0 {
		s.q = make(chan Event, o.queue)
		b.workers.Add(1)
		go b.run(s)
	}
	b.subs = append(b.subs[:len(b.subs):len(b.subs)], s)
	return func() {
		b.mu.Lock()
		if i := indexOf(b.subs, s); i >= 0 {
			b.subs = append(b.subs[:i:i], b.subs[i+1:]...)
		}
		b.mu.Unlock()
		s.stop.Do(func() { close(s.done) })
	}
}

func indexOf(subs []*sub, s *sub) int {
	for i, x := range subs {
		if x == s {
			return i
		}
	}
	return -1
}

// run delivers the events of an Async subscription until it is stopped,
// then the events still queued.
func (b *Bus) run(s *sub) {
	defer b.workers.Done()
	for {
		select {
		case ev := <-s.q:
			b.deliver(s, ev)
		case <-s.done:
			for {
				select {
				case ev := <-s.q:
					b.deliver(s, ev)
				default:
					return
				}
			}
		}
	}
}

// Publish delivers ev to the listeners that want it, in subscription order:
// it calls the synchronous ones and queues ev for the Async ones. It sets
// ev.Time to now if it is zero. It returns ErrClosed after Close, and the
// context's error if ctx ended while it waited for room in a full queue (the
// event is then dropped for that listener, counted and reported); a
// listener's panic is never its error.
func (b *Bus) Publish(ctx context.Context, ev Event) error {
	b.mu.RLock()
	if b.closed {
		b.mu.RUnlock()
		return ErrClosed
	}
	subs := b.subs
	b.inflight.Add(1)
	b.mu.RUnlock()
	defer b.inflight.Done()

	if ev.Time.IsZero() {
		ev.Time = time.Now()
	}
	var err error
	for _, s := range subs {
		if !s.wants(ev) || s.stopped() {
			continue
		}
		if s.q == nil {
			b.deliver(s, ev)
			continue
		}
		select {
		case s.q <- ev:
			continue
		default:
		}
		if s.drop {
			b.lose(ev, ErrQueueFull)
			continue
		}
		select {
		case s.q <- ev:
		case <-s.done: // unsubscribed meanwhile
		case <-ctx.Done():
			if err == nil {
				err = ctx.Err()
			}
			b.lose(ev, fmt.Errorf("event dropped: %w", ctx.Err()))
		}
	}
	return err
}

// deliver calls the listener of s, recovering a panic.
func (b *Bus) deliver(s *sub, ev Event) {
	defer func() {
		if v := recover(); v != nil {
			b.panics.Add(1)
			b.report(&DeliveryError{Event: ev, Err: &PanicError{Value: v, Stack: debug.Stack()}})
		}
	}()
	s.l(ev)
	b.delivered.Add(1)
}

func (b *Bus) lose(ev Event, err error) {
	b.dropped.Add(1)
	b.report(&DeliveryError{Event: ev, Err: err})
}

// report hands err to the error callback; a panic of the callback is
// swallowed, since it must not break a write either.
func (b *Bus) report(err error) {
	if b.onError == nil {
		return
	}
	defer func() { _ = recover() }()
	b.onError(err)
}

// Stats returns the bus's counters.
func (b *Bus) Stats() Stats {
	return Stats{Delivered: b.delivered.Load(), Dropped: b.dropped.Load(), Panics: b.panics.Load()}
}

// Close stops the bus: Publish fails from then on. Close waits for the
// Publish calls under way, then for the Async listeners (unsubscribed ones
// too) to receive every event queued, or for ctx to end, when it returns
// ctx's error (the queues go on draining in the background). A listener
// must not call Close.
func (b *Bus) Close(ctx context.Context) error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil
	}
	b.closed = true
	subs := b.subs
	b.subs = nil
	b.mu.Unlock()

	err := wait(ctx, &b.inflight)
	for _, s := range subs {
		s.stop.Do(func() { close(s.done) })
	}
	if err == nil {
		err = wait(ctx, &b.workers)
	}
	if err != nil {
		return fmt.Errorf("events: close: %w", err)
	}
	return nil
}

// wait waits for wg, or for ctx to end.
func wait(ctx context.Context, wg *sync.WaitGroup) error {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
