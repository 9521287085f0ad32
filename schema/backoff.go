package schema

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff waits before retry attempt+1 of a lost compare-and-swap:
// exponential from 2 ms, capped at 200 ms, with full jitter.
func Backoff(ctx context.Context, attempt int) error {
	d := 2 * time.Millisecond << min(attempt, 7)
	d = min(d, 200*time.Millisecond)
	t := time.NewTimer(time.Duration(rand.Int64N(int64(d)) + 1))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
