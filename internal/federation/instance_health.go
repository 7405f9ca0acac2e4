package federation

import (
	"context"
	"fmt"
	"sync"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// aliveEvery is how often one instance's activities mark it alive: a busy
// instance sends hundreds a second, and one query every few seconds tells
// as much as one each.
const aliveEvery = 5 * time.Second

// heardHosts remembers when each instance was last marked alive.
type heardHosts struct {
	mu   sync.Mutex
	last map[string]time.Time
}

// due reports whether host is to be marked alive now, and if so notes it.
func (hh *heardHosts) due(host string, now time.Time) bool {
	hh.mu.Lock()
	defer hh.mu.Unlock()
	if at, ok := hh.last[host]; ok && now.Sub(at) < aliveEvery {
		return false
	}
	if hh.last == nil || len(hh.last) >= maxRemembered {
		hh.last = map[string]time.Time{}
	}
	hh.last[host] = now
	return true
}

// heardFrom notes that the instance of actorID is up, when an activity
// signed by one of its actors has arrived: an instance marked failing or
// dead because our deliveries to it failed gets them again. It is not the
// activity's business, so a failure is only logged; and it is done at most
// every aliveEvery for one instance.
func (h *Handler) heardFrom(ctx context.Context, actorID string) {
	host := ap.Domain(actorID)
	if host == "" || !h.heard.due(host, time.Now()) {
		return
	}
	recovered, err := h.store.MarkInstanceAlive(ctx, host)
	if err != nil {
		h.log.Warn("inbox: could not mark the sender's instance alive", "host", host, "err", err)
		return
	}
	if recovered {
		n, err := h.store.ResumeDeliveries(ctx, host)
		h.log.Info("inbox: an instance we could not reach is back", "host", host, "deliveries_resumed", n, "err", err)
	}
}

// refuseFetch answers ErrBlocked before a lookup fetches rawURL from an
// instance we do not federate with (blocked, or off the allow-list in
// allow-list mode): even a GET tells it we are looking.
func (h *Handler) refuseFetch(ctx context.Context, rawURL string) error {
	host := ap.Domain(rawURL)
	if host == "" {
		return nil // the fetch refuses it with a better reason
	}
	in, err := h.store.InstanceState(ctx, host)
	if err != nil {
		return fmt.Errorf("look up %s: %w", rawURL, err)
	}
	if in.Refused {
		return fmt.Errorf("look up %s: %s: %w", rawURL, in.Domain, ErrBlocked)
	}
	return nil
}
