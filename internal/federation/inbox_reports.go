package federation

import (
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// flag files a report (a Flag) from another server about a post or
// comment in one of our communities, for its moderators, as Lemmy 0.19
// takes them. Lemmy names one object; Mastodon and Mbin list the reported
// account beside its posts, so the first object that is a post or comment
// counts. A report of content elsewhere is that community's server's to
// take, and is acknowledged and dropped, as is one a community relays
// (Lemmy 1.0 forwards reports to its moderators' servers): a copy of a
// report whose queue is elsewhere.
func (h *Handler) flag(ctx context.Context, in incoming) error {
	if in.via != nil {
		return fmt.Errorf("a report relayed by %s: %w", in.via.APID, errIgnored)
	}
	var reporter int64
	switch in.actor.Kind {
	case ActorPerson:
		reporter = in.actor.PersonID
	case ActorInstance:
		// Mastodon reports as its instance actor, keeping who reported to
		// itself: the report is the server's.
	default:
		return fmt.Errorf("a report by a %s: %w", in.actor.Kind, errUnsupported)
	}
	t, community, err := h.reported(ctx, in.act.Object)
	if err != nil {
		return err
	}
	if !h.resolver.isLocal(community) {
		return fmt.Errorf("a report about content of %s, which is not a community here: %w", community, errIgnored)
	}
	return h.forum.ApplyRemoteReport(ctx, in.act.ID, reporter, t, in.act.ReportReason())
}

// reported is the first of a Flag's objects that is a post or comment,
// fetched when we lack it, skipping the people listed.
func (h *Handler) reported(ctx context.Context, objects ap.IRIOrObject) (forum.Target, string, error) {
	for _, id := range objects.IDs() {
		if _, err := h.store.PersonByAPID(ctx, id); err == nil {
			continue
		}
		t, community, err := h.target(ctx, id)
		if errors.Is(err, errUnsupported) || errors.Is(err, forum.ErrNotFound) {
			continue
		}
		return t, community, err
	}
	return forum.Target{}, "", fmt.Errorf("the report names no post or comment held here: %w", errIgnored)
}
