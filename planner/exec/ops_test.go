package exec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/s3db-go/s3db/planner"
)

func rows(vals ...[]any) *sliceIter { return &sliceIter{rows: vals} }

func collect(t *testing.T, it Iterator) [][]any {
	t.Helper()
	var out [][]any
	for {
		r, err := it.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Values)
	}
}

// TestTopNEqualsStableSortPrefix: the heap-based top-N returns exactly the
// prefix of a stable full sort, for random inputs with many ties.
func TestTopNEqualsStableSortPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	keys := []planner.SortKey{{Index: 0}, {Index: 1, Desc: true}}
	for trial := 0; trial < 200; trial++ {
		n := r.IntN(40)
		var in [][]any
		for i := 0; i < n; i++ {
			var a any = int64(r.IntN(4))
			if r.IntN(6) == 0 {
				a = nil
			}
			in = append(in, []any{a, float64(r.IntN(3)), int64(i)})
		}
		full := collect(t, newSort(keys, rows(in...), -1, 0))
		limit, offset := int64(r.IntN(10)), int64(r.IntN(5))
		got := collect(t, newSort(keys, rows(in...), limit, offset))
		lo := min(int(offset), len(full))
		hi := min(int(offset+limit), len(full))
		if want := full[lo:hi]; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("trial %d: top-%d offset %d\n got %v\nwant %v", trial, limit, offset, got, want)
		}
	}
}

func TestLimitSkipsAndStops(t *testing.T) {
	in := [][]any{{int64(1)}, {int64(2)}, {int64(3)}, {int64(4)}}
	for _, c := range []struct {
		count, skip int64
		want        string
	}{{-1, 0, "[[1] [2] [3] [4]]"}, {2, 0, "[[1] [2]]"}, {2, 1, "[[2] [3]]"}, {0, 0, "[]"}, {5, 3, "[[4]]"}, {1, 9, "[]"}} {
		got := collect(t, &limitIter{in: rows(in...), count: c.count, skip: c.skip})
		if s := fmt.Sprint(got); s != c.want && !(c.want == "[]" && got == nil) {
			t.Errorf("LIMIT %d OFFSET %d = %s, want %s", c.count, c.skip, s, c.want)
		}
	}
}

// TestRowKey: values equal in SQL share a key (1 = 1.0 = TRUE), others don't,
// and no two different rows collide through concatenation.
func TestRowKey(t *testing.T) {
	same := [][2][]any{
		{{int64(1)}, {1.0}},
		{{int64(1)}, {true}},
		{{nil, "a"}, {nil, "a"}},
	}
	for _, p := range same {
		if rowKey(p[0]) != rowKey(p[1]) {
			t.Errorf("rowKey(%v) != rowKey(%v)", p[0], p[1])
		}
	}
	diff := [][2][]any{
		{{"1"}, {int64(1)}},
		{{"a", "bc"}, {"ab", "c"}},
		{{nil}, {"N"}},
		{{int64(9007199254740993)}, {int64(9007199254740992)}},
		{{1.5}, {int64(1)}},
	}
	for _, p := range diff {
		if rowKey(p[0]) == rowKey(p[1]) {
			t.Errorf("rowKey(%v) == rowKey(%v)", p[0], p[1])
		}
	}
}
