package federation

import (
	"context"
	"net/url"
)

// heardFrom notes that the instance of actorID is up, when an activity
// signed by one of its actors has arrived: an instance marked failing or
// dead because our deliveries to it failed gets them again. It is not the
// activity's business, so a failure is only logged.
func (h *Handler) heardFrom(ctx context.Context, actorID string) {
	u, err := url.Parse(actorID)
	if err != nil || u.Host == "" {
		return
	}
	if err := h.store.MarkInstanceAlive(ctx, u.Host); err != nil {
		h.log.Warn("inbox: could not mark the sender's instance alive", "host", u.Host, "err", err)
	}
}
