// Package events is the Go side of triggers and change events: hooks that a
// trigger runs with CALL, listeners of the rows changed through a
// connector, and the rules of the order in which it all happens. The
// executor (planner/exec) runs the triggers; this package holds the parts
// that need no catalog and no plan: Registry and Hook, Row, Bus and
// Listener, the trigger chain (Enter) and trigger ordering (Place).
//
// # Hooks
//
// A Hook is registered by name on a connector's Registry (names are
// case-insensitive, like MySQL identifiers). A trigger body runs it with
// CALL name(args): Registry.Invoke calls it with a *Call that holds the
// trigger, table, timing and event, the evaluated arguments and the rows. In
// a BEFORE trigger call.New is writable: Row.Set changes the row that will
// be written (the value is coerced to the column's type at once, as SET
// NEW.col = value does), and an error aborts the statement. OLD is always
// read-only. Every error of Invoke is a *HookError naming the trigger and
// the hook; a hook's panic becomes a *PanicError in it. A CALL of a name no
// hook is registered under fails the statement with ErrUnknownHook: a
// trigger is never skipped.
//
// # What happens to one row
//
// For each row that an INSERT, UPDATE or DELETE writes, in this order:
//
//  1. NEW is built: for INSERT the given values, the defaults of omitted
//     columns, the generated id (or AUTO_INCREMENT value) and the TIMESTAMPS
//     columns; for UPDATE the old row with the SET assignments applied.
//  2. The BEFORE triggers of the table for the statement's event run, in
//     their order: creation order, with FOLLOWS and PRECEDES applied when
//     each was created (Place). Each runs its body statement by statement:
//     SET NEW.col = expr changes NEW, SIGNAL aborts, CALL runs a hook, and
//     an INSERT, UPDATE or DELETE runs as a nested statement, with its own
//     triggers and events, one level deeper (see below).
//  3. NEW is validated and coerced as any written row is: types, lengths,
//     NOT NULL, ENUM members.
//  4. The row is written (a conditional PUT, which enforces uniqueness, or
//     a DELETE) and its partition entries are maintained.
//  5. The AFTER triggers run, in their order. NEW is read-only there.
//  6. The listeners get the Event: synchronous listeners are called
//     inline, before the statement returns; Async listeners get it on their
//     queue.
//
// A row's Event is published after its AFTER triggers, so the events of
// the rows that those triggers write reach listeners first. Every row
// written gets its Event, even when the statement then fails; a row that
// is not written (its BEFORE trigger aborted, its write failed) gets none.
//
// # Rows of one statement
//
// The order above holds for each row. When the table has triggers for the
// statement's event, the statement handles its rows one at a time, in the
// order it reads them, as MySQL does, so that the writes of the triggers
// come in a predictable order; without triggers it may write rows in
// parallel. An INSERT of several rows keeps its all-or-nothing write: steps
// 1 to 3 run for every row first, then every row is written (a failed write
// removes the rows the statement created, as without triggers), then steps
// 5 and 6 run for each row in turn.
//
// An UPDATE or DELETE that loses a compare-and-swap to a concurrent writer
// reads the row again and starts over from step 1 with its new version, so
// that no concurrent change is lost: the row's BEFORE triggers then run
// again, and what their own statements and hooks write is written again. A
// side effect that must happen once per changed row belongs in an AFTER
// trigger, which runs once, after the write succeeded.
//
// Hooks may be called concurrently by statements on different connections
// and must be safe for concurrent use.
//
// # Failures
//
// S3 has no transactions and s3db does not fake them: what was written
// stays written. A statement stops at its first failing row and returns its
// error; the rows written before stay written, and got their events.
//
// An error in a BEFORE trigger (SIGNAL, a failing statement or hook)
// aborts its row before the write: the row is not written, and the
// statement returns the error (for a several-row INSERT: no row is
// written). What the trigger's own earlier statements wrote (an audit row,
// say) stays written.
//
// An error in an AFTER trigger comes after the write: the triggering row is
// already written and stays written, its Event is still published (the
// change happened), and the statement returns the error, naming the trigger,
// and runs no further row's triggers. A caller that gets an error from a
// statement with AFTER triggers must not assume that its rows were not
// written.
//
// # Nesting and cycles
//
// A statement run by a trigger body, or by a hook with the context the hook
// was given, is nested one level deeper than the statement that fired the
// trigger. The executor calls Enter for every write statement, the client's
// own included, and runs the statement with the context Enter returns. As
// in MySQL, a statement may not write to a table that a statement of its
// chain is writing (ErrTriggerCycle, MySQL's error 1442): this rules out
// endless cycles, such as a trigger on orders that inserts into audit whose
// trigger updates orders. Independently, chains deeper than MaxDepth (16)
// levels fail with ErrTooDeep. Both fail before the nested statement writes
// anything; the outer rows already written stay written, as above.
//
// Since such a statement fails whenever it runs, CREATE TRIGGER rejects a
// trigger whose INSERT, UPDATE and DELETE statements, followed through the
// triggers they fire, reach a write to a table already on that path (its own
// table included) with ErrTriggerCycle at once. The runtime check remains
// for the paths through hooks, which no catalog can see.
//
// # Listeners
//
// A Bus delivers every change made through the connector to its listeners,
// filtered by Kind and optionally by table (OnTables). A synchronous
// listener runs on the writing goroutine, inline, after the row was
// written: it must be quick. An Async listener has its own goroutine and a
// bounded queue (Async(capacity)); when the queue is full, Publish waits for
// room as long as the statement's context allows (the default: nothing is
// lost silently, a slow listener slows writes down), or, with DropWhenFull,
// drops the event, counts it in Stats and reports it to the error callback.
// Each listener gets the events of one publisher in publishing order.
//
// A listener that panics is recovered: the write is not affected, the panic
// is counted (Stats.Panics) and reported to the bus's error callback as a
// *DeliveryError holding a *PanicError. Close stops the bus and waits, as
// long as its context allows, for the queues to drain.
//
// Listeners get no context, so a listener that writes through the connector
// starts a new chain: it is not protected from cycles by Enter, and its
// writes publish events too.
package events
