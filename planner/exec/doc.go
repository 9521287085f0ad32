// Package exec runs plans. A query plan becomes a tree of pull iterators
// (Open); a write or DDL plan runs to completion (Run).
//
// # Streaming
//
// A FullScan LISTs a page of keys at a time and starts a GET per key with at
// most Env.Concurrency requests in flight; rows come out in key order as soon
// as they arrive, so memory is bounded by that window, not by the table, and
// a LIMIT that is satisfied (or a canceled context, or Rows.Close) stops the
// scan and its outstanding requests. Sort and Aggregate hold their input (Sort
// under LIMIT keeps only OFFSET+LIMIT rows in a heap); Aggregate holds one
// entry per group.
//
// # Writes
//
// INSERT validates, coerces and encodes every row before the first request,
// then writes all rows in parallel with create-only PUTs (If-None-Match: *).
// If any write fails (a duplicate key, say), the rows this statement created
// are deleted again, conditionally on their ETags: the statement writes all
// its rows or none.
//
// UPDATE and DELETE read each matching row (through the same access path a
// SELECT would use) and write it back with If-Match on the ETag it was read
// with. A lost race re-reads the row, re-checks WHERE and tries again, so
// concurrent `SET n = n + 1` statements never lose an increment. Each row is
// atomic; a statement that fails part-way leaves the rows it already changed
// changed (there are no multi-row transactions yet).
//
// # EXPLAIN ANALYZE
//
// With Env.Stats set, each node counts the rows it produced and each access
// path or write counts its own requests, through a storage.Counting wrapper.
// EXPLAIN ANALYZE of a write really writes.
package exec
