package federation

import (
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
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
// fetched when we lack it, skipping the people listed and whatever cannot
// be had (Mastodon lists statuses that may be gone); a failure of ours is
// returned, so that the sender tries again.
func (h *Handler) reported(ctx context.Context, objects ap.IRIOrObject) (forum.Target, string, error) {
	why := "it names nothing"
	for _, id := range objects.IDs() {
		if _, err := h.store.PersonByAPID(ctx, id); err == nil {
			why = "it names a person"
			continue
		}
		t, community, err := h.target(ctx, id)
		if _, theirs := senderFault(err); err != nil && theirs {
			why = err.Error()
			continue
		}
		return t, community, err
	}
	return forum.Target{}, "", fmt.Errorf("the report names no post or comment to be had here (%s): %w", why, errIgnored)
}

// resolveReport applies Lemmy 1.0's Resolve of a report we hold, made
// here or received: Lemmy 0.19 sends none, 1.0 sends one to the
// community and to the reporter's server when a moderator resolves. It
// resolves the report by the moderator if they moderate the community
// (the community's own server, relaying it or sending it from the
// community's host, vouches for its moderators and admins).
func (h *Handler) resolveReport(ctx context.Context, in incoming) error {
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("only moderators resolve reports: %w", errUnsupported)
	}
	flag, err := in.act.Object.Activity()
	if err != nil || flag.Type != ap.KindFlag {
		return fmt.Errorf("a Resolve must embed the Flag it resolves: %w", errUnsupported)
	}
	r, err := h.store.ReportByAPID(ctx, flag.ID)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no report %s here: %w", flag.ID, errIgnored)
	}
	if err != nil {
		return err
	}
	c, err := h.store.CommunityByID(ctx, r.CommunityID)
	if err != nil {
		return err
	}
	if err := in.mismatch(c.APID); err != nil {
		return err
	}
	vouched := in.via != nil || (!c.Local && ap.SameOrigin(in.actor.ID, c.APID))
	return h.forum.ResolveRemoteReport(ctx, in.act.ID, in.actor.PersonID, r.ID, vouched)
}
