package ratelimit

import (
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// A bucket is forgotten once it is full again, and not while turns handed
// out of it are still to come: a new, full bucket would let a burst past
// everyone waiting.
func TestSweepKeepsBucketsWithTurnsToCome(t *testing.T) {
	t.Parallel()
	k := New(rate.Every(time.Minute), 1)
	for range 30 { // turns for the next half hour
		k.Reserve("busy.example")
	}
	k.Allow("idle.example") // full again in a minute
	k.bucket("other.example", time.Now().Add(sweepEvery+time.Minute))
	if _, ok := k.buckets["busy.example"]; !ok {
		t.Error("the bucket of a host with turns to come was forgotten")
	}
	if _, ok := k.buckets["idle.example"]; ok {
		t.Error("a bucket that is full again was kept")
	}
}
