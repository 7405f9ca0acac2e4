package ratelimit_test

import (
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/ratelimit"
)

// Each key has its own bucket: one that is spent refuses, others do not.
func TestAllowLimitsEachKey(t *testing.T) {
	t.Parallel()
	k := ratelimit.New(rate.Every(time.Hour), 2)
	for i, want := range []bool{true, true, false} {
		if got := k.Allow("203.0.113.7"); got != want {
			t.Errorf("try %d from one address: %v, want %v", i+1, got, want)
		}
	}
	if !k.Allow("198.51.100.2") {
		t.Error("another address is refused for the first one's tries")
	}
}

// Whoever is told to wait is told when its own token comes: the first
// after the burst waits one interval, the next two, and so on, so that
// those told to wait do not all come back at once.
func TestReserveHandsOutTurns(t *testing.T) {
	t.Parallel()
	k := ratelimit.New(rate.Every(time.Minute), 1)
	for i := range 4 {
		wait, ok := k.Reserve("lemmy.example")
		want := time.Duration(i) * time.Minute
		if !ok || wait > want || wait < want-time.Second {
			t.Errorf("reservation %d: %v (ok %v), want %v", i+1, wait, ok, want)
		}
	}
	if wait, ok := k.Reserve("mastodon.example"); !ok || wait != 0 {
		t.Errorf("another host waits %v (ok %v) behind the first one's turns", wait, ok)
	}
	if _, ok := ratelimit.New(0, 0).Reserve("lemmy.example"); ok {
		t.Error("a zero rate hands out a turn")
	}
}
