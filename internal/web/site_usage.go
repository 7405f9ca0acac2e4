package web

import (
	"context"
	"sync"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// usageTTL is how long the front page's counts are reused: they are a
// handful of count(*) over the whole site, and a minute-old figure is as
// good to a reader as a fresh one.
const usageTTL = time.Minute

// usageCache keeps the last counts of people, posts and comments.
type usageCache struct {
	mu sync.Mutex
	at time.Time
	u  store.Usage
}

// siteUsage is the site's counts for the front page's sidebar; a failure
// is logged and leaves them out (ok false) rather than failing the page.
func (h *Handler) siteUsage(ctx context.Context) (store.Usage, bool) {
	c := &h.usage
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at.IsZero() && time.Since(c.at) < usageTTL {
		return c.u, true
	}
	u, err := h.store.LocalUsage(ctx)
	if err != nil {
		h.log.Error("count the site's usage", "err", err)
		return store.Usage{}, false
	}
	c.u, c.at = u, time.Now()
	return u, true
}
