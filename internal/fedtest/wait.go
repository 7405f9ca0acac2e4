package fedtest

import (
	"context"
	"testing"
	"time"
)

// WaitFor waits for cond to hold, polling every 50 ms, and fails the test
// with what cond last said once timeout has passed.
func WaitFor(t testing.TB, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		ok, status := cond()
		if ok {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s: not so after %s: %s", what, timeout, status)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
