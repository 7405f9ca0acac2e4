package worker

import (
	"math/rand/v2"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// originLimits is a token bucket per host, forgetting hosts idle long
// enough for their bucket to be full again.
type originLimits struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	buckets map[string]*originBucket
	swept   time.Time
}

type originBucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newOriginLimits(every rate.Limit, burst int) *originLimits {
	return &originLimits{every: every, burst: burst, buckets: map[string]*originBucket{}, swept: time.Now()}
}

// wait takes a token for host and answers zero, or, when there is none,
// takes nothing and answers how long until there is one, with up to half
// as much again of jitter so that the jobs that were turned away together
// do not all come back at the same moment.
func (l *originLimits) wait(host string) time.Duration {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > 10*time.Minute {
		for h, b := range l.buckets {
			if now.Sub(b.seen) > 30*time.Minute {
				delete(l.buckets, h)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[host]
	if !ok {
		b = &originBucket{lim: rate.NewLimiter(l.every, l.burst)}
		l.buckets[host] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		return time.Hour // a zero rate: never
	}
	d := r.DelayFrom(now)
	if d == 0 {
		return 0
	}
	r.CancelAt(now)
	return d + rand.N(d/2+1)
}
