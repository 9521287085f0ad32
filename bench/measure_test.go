package bench

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// op performs operation number i and returns how many rows it read, wrote
// or counted.
type op func(ctx context.Context, i int) (rows int, err error)

// side is one side of a comparison: an operation, the counter of the S3
// requests it makes, and the prefix of its metrics.
type side struct {
	name     string
	requests func() int64
	op       op
	heap     bool // also measure the peak heap growth (see sampleHeap)
}

func (fx *fixture) s3db(fn op) side {
	return side{name: "s3db", requests: func() int64 { return fx.counting.Counts().Total() }, op: fn}
}

func (fx *fixture) rawSide(fn op) side {
	return side{name: "raw", requests: fx.raw.requests.Load, op: fn}
}

// stats sums the phases one side has run.
type stats struct {
	ops, rows, requests int64
	elapsed             time.Duration
	peakHeap            uint64 // bytes
}

// run performs operations [from, to) of s from callers goroutines, each
// taking the next operation number when it is done with one. It starts
// with a garbage collection, so that a phase pays for its own garbage rather
// than the other side's.
func (st *stats) run(b *testing.B, callers int, s side, from, to int) {
	var peakHeap func() uint64
	if s.heap {
		peakHeap = sampleHeap()
	} else {
		runtime.GC()
	}
	ctx := context.Background()
	next := atomic.Int64{}
	next.Store(int64(from))
	errs := make(chan error, callers)
	var wg sync.WaitGroup
	before, start := s.requests(), time.Now()
	for range callers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < to; i = int(next.Add(1)) - 1 {
				n, err := s.op(ctx, i)
				if err != nil {
					errs <- err
					return
				}
				atomic.AddInt64(&st.rows, int64(n))
			}
		})
	}
	wg.Wait()
	st.elapsed += time.Since(start)
	st.requests += s.requests() - before
	st.ops += int64(to - from)
	if peakHeap != nil {
		st.peakHeap = max(st.peakHeap, peakHeap())
	}
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
}

// report reports st's metrics, their units prefixed by name.
func (st *stats) report(b *testing.B, name string) {
	b.ReportMetric(float64(st.elapsed.Nanoseconds())/float64(st.ops), name+"-ns/op")
	b.ReportMetric(float64(st.requests)/float64(st.ops), name+"-req/op")
	b.ReportMetric(float64(st.rows)/st.elapsed.Seconds(), name+"-rows/s")
	if st.peakHeap > 0 {
		b.ReportMetric(float64(st.peakHeap)/(1<<20), name+"-peak-heap-MiB")
	}
}

// rounds is how many times interleave goes through the sides.
const rounds = 8

// interleave runs b.N operations of each side, taking turns in up to rounds
// rounds (in the given order in even rounds, reversed in odd ones) so that
// every side sees the same machine: this matters on a small machine shared
// with the S3 server and other work. It reports each side's ns/op, req/op
// and rows/s, prefixed by its name; the benchmark's own ns/op is their sum.
func interleave(b *testing.B, callers int, sides ...side) []stats {
	st := make([]stats, len(sides))
	chunk := max(1, (b.N+rounds-1)/rounds)
	b.ResetTimer()
	for round, from := 0, 0; from < b.N; round, from = round+1, from+chunk {
		to := min(from+chunk, b.N)
		for k := range sides {
			if round%2 == 1 {
				k = len(sides) - 1 - k
			}
			st[k].run(b, callers, sides[k], from, to)
		}
	}
	b.StopTimer()
	for k, s := range sides {
		st[k].report(b, s.name)
	}
	return st
}

// compare interleaves raw and s3db and also reports ratio, s3db's
// throughput as a fraction of raw's.
func compare(b *testing.B, callers int, raw, s3db side) {
	st := interleave(b, callers, raw, s3db)
	b.ReportMetric(st[0].elapsed.Seconds()/st[1].elapsed.Seconds(), "ratio")
}

// check returns a function that passes its arguments on, failing a count
// other than want.
func check(table string, want int) func(int, error) (int, error) {
	return func(n int, err error) (int, error) {
		if err == nil && n != want {
			err = fmt.Errorf("%s: read %d rows, want %d", table, n, want)
		}
		return n, err
	}
}
