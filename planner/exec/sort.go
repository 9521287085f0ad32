package exec

import (
	"container/heap"
	"context"
	"io"
	"sort"

	"github.com/s3db-go/s3db/planner"
	"github.com/s3db-go/s3db/planner/eval"
)

// sortIter sorts its whole input on the first Next. With limit >= 0 it is a
// top-N: a heap keeps only offset+limit rows, so memory is bounded by the
// LIMIT, not by the input.
type sortIter struct {
	in     Iterator
	keys   []planner.SortKey
	limit  int64 // -1 = all
	offset int64
	rows   []Row
	i      int
	done   bool
}

func newSort(keys []planner.SortKey, in Iterator, limit, offset int64) *sortIter {
	return &sortIter{in: in, keys: keys, limit: limit, offset: offset}
}

// less orders rows by the keys; ties keep input order (stable).
func (s *sortIter) less(a, b Row) bool {
	for _, k := range s.keys {
		c := eval.CompareForSort(a.Values[k.Index], b.Values[k.Index])
		if c != 0 {
			return (c < 0) != k.Desc
		}
	}
	return false
}

func (s *sortIter) load(ctx context.Context) error {
	s.done = true
	if s.limit < 0 {
		err := drain(ctx, s.in, func(r Row) error { s.rows = append(s.rows, r); return nil })
		sort.SliceStable(s.rows, func(i, j int) bool { return s.less(s.rows[i], s.rows[j]) })
		return err
	}
	keep := int(s.limit + s.offset)
	if keep == 0 {
		return nil
	}
	// A max-heap of the best `keep` rows seen; seq breaks ties by arrival so
	// the result equals a stable sort's prefix.
	h := &rowHeap{less: s.less}
	seq := 0
	err := drain(ctx, s.in, func(r Row) error {
		seq++
		e := heapEntry{r, seq}
		if h.Len() < keep {
			heap.Push(h, e)
		} else if h.before(e, h.items[0]) {
			h.items[0] = e
			heap.Fix(h, 0)
		}
		return nil
	})
	out := make([]Row, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(heapEntry).row
	}
	s.rows = out
	s.i = int(min(s.offset, int64(len(out))))
	return err
}

func (s *sortIter) Next(ctx context.Context) (Row, error) {
	if !s.done {
		if err := s.load(ctx); err != nil {
			return Row{}, err
		}
	}
	if s.i >= len(s.rows) {
		return Row{}, io.EOF
	}
	s.i++
	return s.rows[s.i-1], nil
}

func (s *sortIter) Close() error { return s.in.Close() }

type heapEntry struct {
	row Row
	seq int
}

type rowHeap struct {
	items []heapEntry
	less  func(a, b Row) bool
}

// before reports whether a sorts before b (stable: earlier arrival first on ties).
func (h *rowHeap) before(a, b heapEntry) bool {
	if h.less(a.row, b.row) {
		return true
	}
	if h.less(b.row, a.row) {
		return false
	}
	return a.seq < b.seq
}

func (h *rowHeap) Len() int           { return len(h.items) }
func (h *rowHeap) Less(i, j int) bool { return h.before(h.items[j], h.items[i]) } // max-heap
func (h *rowHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *rowHeap) Push(x any)         { h.items = append(h.items, x.(heapEntry)) }
func (h *rowHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}
