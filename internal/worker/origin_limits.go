package worker

import (
	"math/rand/v2"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/ratelimit"
)

// originLimits limits the checks of each origin host, and tells each
// check that must wait when its turn comes: a flood of relayed content
// from one server queues its checks one interval apart, each snoozing
// until its own turn, rather than all waking together for the next free
// token and all but one going back to sleep, a job update each, every
// interval, for as long as the queue lasts.
type originLimits struct {
	hosts    *ratelimit.Keyed
	interval time.Duration // between two tokens; 0 without a limit

	mu    sync.Mutex
	turns map[int64]turn // by job id: the checks told to wait
	swept time.Time
}

// turn is when a check's token, reserved when it was told to wait, is due.
type turn struct {
	host string
	at   time.Time
}

func newOriginLimits(every rate.Limit, burst int) *originLimits {
	l := &originLimits{hosts: ratelimit.New(every, burst), turns: map[int64]turn{}, swept: time.Now()}
	if every != rate.Inf && every > 0 {
		l.interval = time.Duration(float64(time.Second) / float64(every))
	}
	return l
}

// wait answers zero when the check job, of host, may be made now, or how
// long it must snooze: until its turn, with up to half an interval more
// of jitter. A check that comes back after being told to wait has its
// token reserved already, and goes ahead without asking again.
func (l *originLimits) wait(job int64, host string) time.Duration {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > 10*time.Minute {
		for id, t := range l.turns {
			// Long past its turn: it came back to another process, or
			// never (given up, cancelled).
			if now.Sub(t.at) > 30*time.Minute {
				delete(l.turns, id)
			}
		}
		l.swept = now
	}
	if t, ok := l.turns[job]; ok && t.host == host {
		delete(l.turns, job)
		return 0
	}
	d, ok := l.hosts.Reserve(host)
	if !ok {
		return time.Hour // a zero rate: never
	}
	if d == 0 {
		return 0
	}
	l.turns[job] = turn{host: host, at: now.Add(d)}
	return d + rand.N(l.interval/2+1)
}
