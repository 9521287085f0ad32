package events

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// errorLog collects what a bus reports.
type errorLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorLog) add(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, err)
}

func (l *errorLog) all() []error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]error(nil), l.errs...)
}

func ev(table string, k Kind, n int) Event {
	return Event{Table: table, Kind: k, New: map[string]any{"n": n}}
}

// seq returns the "n" of events.
func seq(evs []Event) []int {
	ns := make([]int, len(evs))
	for i, e := range evs {
		ns[i], _ = e.New["n"].(int)
	}
	return ns
}

func inOrder(t *testing.T, name string, evs []Event, n int) {
	t.Helper()
	got := seq(evs)
	if len(got) != n {
		t.Fatalf("%s got %d events, want %d", name, len(got), n)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("%s: event %d is %d: out of order", name, i, v)
		}
	}
}

func TestSyncDelivery(t *testing.T) {
	b := NewBus(nil)
	var got []Event
	b.Subscribe(All, func(e Event) { got = append(got, e) })
	ctx := context.Background()
	for i := range 100 {
		if err := b.Publish(ctx, ev("orders", Insert, i)); err != nil {
			t.Fatal(err)
		}
		if len(got) != i+1 { // synchronous: called before Publish returns
			t.Fatalf("after Publish %d the listener has %d events", i, len(got))
		}
	}
	inOrder(t, "sync listener", got, 100)
	if got[0].Time.IsZero() {
		t.Error("Publish did not set the time")
	}
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	e := ev("orders", Update, 0)
	e.Time = at
	must(t, b.Publish(ctx, e))
	if !got[100].Time.Equal(at) {
		t.Errorf("Publish replaced a given time: %v", got[100].Time)
	}
	if s := b.Stats(); s.Delivered != 101 || s.Dropped != 0 || s.Panics != 0 {
		t.Errorf("Stats = %+v", s)
	}
}

func TestAsyncOrder(t *testing.T) {
	b := NewBus(nil)
	var mu sync.Mutex
	got := map[string][]Event{}
	listen := func(name string) Listener {
		return func(e Event) {
			mu.Lock()
			got[name] = append(got[name], e)
			mu.Unlock()
		}
	}
	b.Subscribe(All, listen("small"), Async(2)) // Publish waits for room often
	b.Subscribe(All, listen("big"), Async(0))   // DefaultQueue
	b.Subscribe(All, listen("sync"))
	const n = 2000
	ctx := context.Background()
	for i := range n {
		must(t, b.Publish(ctx, ev("t", Update, i)))
	}
	must(t, b.Close(ctx)) // drains
	for _, name := range []string{"small", "big", "sync"} {
		inOrder(t, name, got[name], n)
	}
}

func TestFilters(t *testing.T) {
	b := NewBus(nil)
	var got []Event
	b.Subscribe(Insert|Delete, func(e Event) { got = append(got, e) }, OnTables("Orders", "users"))
	var all int
	b.Subscribe(0, func(Event) { all++ })
	ctx := context.Background()
	for _, e := range []Event{
		ev("orders", Insert, 0), ev("orders", Update, 1), ev("ORDERS", Delete, 2),
		ev("audit", Insert, 3), ev("users", Insert, 4),
	} {
		must(t, b.Publish(ctx, e))
	}
	if ns := seq(got); len(ns) != 3 || ns[0] != 0 || ns[1] != 2 || ns[2] != 4 {
		t.Errorf("filtered listener got %v, want [0 2 4]", ns)
	}
	if all != 5 {
		t.Errorf("Subscribe(0, ...) got %d events, want all 5", all)
	}
}

// blocked subscribes a listener on an Async(1) queue that blocks on its
// first event until release is closed, and fills the queue: the next
// Publish finds it full.
func blocked(t *testing.T, b *Bus, opts ...Option) (got *[]Event, release func()) {
	t.Helper()
	gate, entered := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	var evs []Event
	var once sync.Once
	b.Subscribe(All, func(e Event) {
		once.Do(func() {
			close(entered)
			<-gate
		})
		mu.Lock()
		evs = append(evs, e)
		mu.Unlock()
	}, append([]Option{Async(1)}, opts...)...)
	ctx := context.Background()
	must(t, b.Publish(ctx, ev("t", Insert, 0)))
	<-entered // the listener holds event 0
	must(t, b.Publish(ctx, ev("t", Insert, 1)))
	return &evs, func() { close(gate) }
}

func TestFullQueueBlocks(t *testing.T) {
	var log errorLog
	b := NewBus(log.add)
	got, release := blocked(t, b)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := b.Publish(ctx, ev("t", Insert, 99)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Publish on a full queue = %v, want the context's error", err)
	}
	if s := b.Stats(); s.Dropped != 1 {
		t.Errorf("Stats.Dropped = %d, want 1", s.Dropped)
	}
	errs := log.all()
	var de *DeliveryError
	if len(errs) != 1 || !errors.As(errs[0], &de) || !errors.Is(errs[0], context.DeadlineExceeded) || seq([]Event{de.Event})[0] != 99 {
		t.Errorf("reported %v, want one *DeliveryError for event 99", errs)
	}

	// Without a deadline, Publish waits for room: nothing is lost.
	done := make(chan error)
	go func() { done <- b.Publish(context.Background(), ev("t", Insert, 2)) }()
	select {
	case err := <-done:
		t.Fatalf("Publish on a full queue returned %v without waiting", err)
	case <-time.After(20 * time.Millisecond):
	}
	release()
	must(t, <-done)
	must(t, b.Close(context.Background()))
	inOrder(t, "blocked listener", *got, 3)
}

func TestFullQueueDrops(t *testing.T) {
	var log errorLog
	b := NewBus(log.add)
	got, release := blocked(t, b, DropWhenFull())
	start := time.Now()
	for i := 2; i < 5; i++ {
		must(t, b.Publish(context.Background(), ev("t", Insert, i)))
	}
	if time.Since(start) > time.Second {
		t.Error("Publish waited on a DropWhenFull queue")
	}
	if s := b.Stats(); s.Dropped != 3 {
		t.Errorf("Stats.Dropped = %d, want 3", s.Dropped)
	}
	errs := log.all()
	if len(errs) != 3 || !errors.Is(errs[0], ErrQueueFull) {
		t.Errorf("reported %v, want 3 ErrQueueFull", errs)
	}
	if want := "events: insert on t: listener queue full, event dropped"; len(errs) > 0 && errs[0].Error() != want {
		t.Errorf("error = %q, want %q", errs[0], want)
	}
	release()
	must(t, b.Close(context.Background()))
	inOrder(t, "dropping listener", *got, 2)
}

func TestPanickingListener(t *testing.T) {
	var log errorLog
	b := NewBus(log.add)
	var after []Event
	b.Subscribe(All, func(e Event) {
		if e.New["n"] == 0 {
			panic("listener bug")
		}
	})
	b.Subscribe(All, func(e Event) { after = append(after, e) })
	var mu sync.Mutex
	var async []Event
	b.Subscribe(All, func(e Event) {
		if e.New["n"] == 1 {
			panic(errors.New("async bug"))
		}
		mu.Lock()
		async = append(async, e)
		mu.Unlock()
	}, Async(8))

	ctx := context.Background()
	for i := range 3 {
		if err := b.Publish(ctx, ev("orders", Delete, i)); err != nil {
			t.Fatalf("Publish returned the listener's panic: %v", err)
		}
	}
	must(t, b.Close(ctx))
	inOrder(t, "listener after the panicking one", after, 3)
	if ns := seq(async); len(ns) != 2 || ns[0] != 0 || ns[1] != 2 {
		t.Errorf("async listener got %v after its panic, want [0 2]", ns)
	}
	if s := b.Stats(); s.Panics != 2 || s.Delivered != 2+3+2 {
		t.Errorf("Stats = %+v, want 2 panics, 7 delivered", s)
	}
	errs := log.all()
	var pe *PanicError
	if len(errs) != 2 || !errors.As(errs[0], &pe) {
		t.Fatalf("reported %v, want 2 panics", errs)
	}
	if pe.Value != "listener bug" || len(pe.Stack) == 0 {
		t.Errorf("PanicError = %v", pe)
	}
	if want := "events: delete on orders: panic: listener bug"; errs[0].Error() != want {
		t.Errorf("error = %q, want %q", errs[0], want)
	}

	// A panicking error callback does not escape either.
	b = NewBus(func(error) { panic("callback bug") })
	b.Subscribe(All, func(Event) { panic("listener bug") })
	must(t, b.Publish(ctx, ev("t", Insert, 0)))
}

func TestUnsubscribe(t *testing.T) {
	b := NewBus(nil)
	ctx := context.Background()
	var n int
	unsub := b.Subscribe(All, func(Event) { n++ })
	must(t, b.Publish(ctx, ev("t", Insert, 0)))
	unsub()
	unsub() // twice is harmless
	must(t, b.Publish(ctx, ev("t", Insert, 1)))
	if n != 1 {
		t.Errorf("sync listener got %d events, want 1", n)
	}

	// An async listener may unsubscribe itself, from its own goroutine.
	var mu sync.Mutex
	var got []Event
	var self func()
	ready, left := make(chan struct{}), make(chan struct{})
	self = b.Subscribe(All, func(e Event) {
		<-ready
		mu.Lock()
		got = append(got, e)
		mu.Unlock()
		if e.New["n"] == 1 {
			self()
			close(left)
		}
	}, Async(4))
	for i := range 3 {
		must(t, b.Publish(ctx, ev("t", Insert, i)))
	}
	close(ready)
	// Events queued before the unsubscribe are delivered, later ones are not.
	<-left
	must(t, b.Publish(ctx, ev("t", Insert, 3)))
	must(t, b.Close(ctx))
	if ns := seq(got); len(ns) != 3 {
		t.Errorf("self-unsubscribing listener got %v, want [0 1 2]", ns)
	}
}

func TestClose(t *testing.T) {
	b := NewBus(nil)
	var mu sync.Mutex
	var got []Event
	b.Subscribe(All, func(e Event) {
		time.Sleep(time.Millisecond)
		mu.Lock()
		got = append(got, e)
		mu.Unlock()
	}, Async(100))
	ctx := context.Background()
	for i := range 50 {
		must(t, b.Publish(ctx, ev("t", Insert, i)))
	}
	must(t, b.Close(ctx))
	inOrder(t, "listener after Close", got, 50) // drained before Close returned

	if err := b.Publish(ctx, ev("t", Insert, 50)); !errors.Is(err, ErrClosed) {
		t.Errorf("Publish after Close = %v, want ErrClosed", err)
	}
	b.Subscribe(All, func(Event) { t.Error("a listener subscribed after Close was called") })()
	if err := b.Close(ctx); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

func TestCloseTimeout(t *testing.T) {
	b := NewBus(nil)
	_, release := blocked(t, b)
	defer release()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := b.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close with a stuck listener = %v, want the context's error", err)
	}
}
