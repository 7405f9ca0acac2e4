package federation

import (
	"context"
	"fmt"
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

// refuseFetch answers ErrBlocked before a lookup fetches rawURL from an
// instance we do not federate with (blocked, or off the allow-list in
// allow-list mode): even a GET tells it we are looking.
func (h *Handler) refuseFetch(ctx context.Context, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return nil // the fetch refuses it with a better reason
	}
	in, err := h.store.InstanceState(ctx, u.Host)
	if err != nil {
		return fmt.Errorf("look up %s: %w", rawURL, err)
	}
	if in.Refused {
		return fmt.Errorf("look up %s: %s: %w", rawURL, in.Domain, ErrBlocked)
	}
	return nil
}
