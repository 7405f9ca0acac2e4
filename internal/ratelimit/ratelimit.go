// Package ratelimit is a token bucket per key, in memory: per address or
// person for the web pages' forms, per host for the checks of relayed
// content at its origin. It is a package of its own because web and
// worker both limit so, and neither may import the other.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// sweepEvery is how often buckets that are full again are forgotten.
const sweepEvery = 10 * time.Minute

// Keyed is a token bucket per key, each filling at the same rate up to the
// same burst. A bucket that has filled up again is forgotten, which loses
// nothing: a new one starts full. It is safe for concurrent use.
type Keyed struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	buckets map[string]*rate.Limiter
	swept   time.Time
}

// New returns buckets that fill at every tokens a second, up to burst.
func New(every rate.Limit, burst int) *Keyed {
	return &Keyed{every: every, burst: burst, buckets: map[string]*rate.Limiter{}, swept: time.Now()}
}

// Allow takes a token for key, reporting false when there is none.
func (k *Keyed) Allow(key string) bool {
	now := time.Now()
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.bucket(key, now).AllowN(now, 1)
}

// Empty reports whether key's bucket has no token now, taking none: for a
// limit on failures, checked before the work that may fail and taken
// (Allow) only when it has.
func (k *Keyed) Empty(key string) bool {
	now := time.Now()
	k.mu.Lock()
	defer k.mu.Unlock()
	b, ok := k.buckets[key]
	return ok && b.TokensAt(now) < 1
}

// Reserve takes the next token for key, now or to come, and answers how
// long until it is due: zero when there is one now. Tokens to come are
// handed out in turn, so whoever is told to wait is told when its own
// token comes, one interval after the previous one's; the caller must
// come back then and act without asking again. ok is false when no token
// will ever come (a zero rate); nothing is taken then.
func (k *Keyed) Reserve(key string) (wait time.Duration, ok bool) {
	now := time.Now()
	k.mu.Lock()
	defer k.mu.Unlock()
	r := k.bucket(key, now).ReserveN(now, 1)
	if !r.OK() {
		return 0, false
	}
	return r.DelayFrom(now), true
}

// bucket is key's bucket, made full when there is none; k.mu is held.
func (k *Keyed) bucket(key string, now time.Time) *rate.Limiter {
	if now.Sub(k.swept) > sweepEvery {
		for key, b := range k.buckets {
			// A full bucket has no tokens handed out ahead: nobody is
			// waiting on it. Without a limit, none ever is.
			if k.every == rate.Inf || b.TokensAt(now) >= float64(k.burst) {
				delete(k.buckets, key)
			}
		}
		k.swept = now
	}
	b, ok := k.buckets[key]
	if !ok {
		b = rate.NewLimiter(k.every, k.burst)
		k.buckets[key] = b
	}
	return b
}
