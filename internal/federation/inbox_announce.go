package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// announced applies what a remote community relays to its followers
// (FEP-1b12). The community vouches for the activity inside, so it is
// applied as if its actor had sent it, but only about the community's own
// content; from a community nobody here follows it is acknowledged and
// dropped.
func (h *Handler) announced(ctx context.Context, in incoming) error {
	if in.via != nil {
		return fmt.Errorf("an Announce inside an Announce: %w", errUnsupported)
	}
	if in.actor.Kind != ActorCommunity {
		// A Mastodon boost, say: nothing a forum keeps.
		return fmt.Errorf("an Announce by a %s: %w", in.actor.Kind, errIgnored)
	}
	c, err := h.store.CommunityByID(ctx, in.actor.CommunityID)
	if err != nil {
		return err
	}
	followed, err := h.store.HasLocalFollowers(ctx, c.ID)
	if err != nil {
		return err
	}
	if !followed {
		return fmt.Errorf("nobody here follows %s: %w", c.APID, errIgnored)
	}
	raw, fetched := in.act.Object.Raw, false
	if raw == nil {
		// Announced by id only, as Lemmy and we boost a new post for
		// microblog servers beside the Announce of its Create: a post or
		// comment held already is not fetched again.
		if _, _, err := h.storedTarget(ctx, in.act.Object.ID); err == nil {
			return fmt.Errorf("already have %s: %w", in.act.Object.ID, errIgnored)
		}
		// Else it is fetched from its origin, which then vouches.
		if err := h.refuseFetch(ctx, in.act.Object.ID); err != nil {
			return err
		}
		if raw, err = h.resolver.Fetcher.Fetch(ctx, in.act.Object.ID); err != nil {
			return fmt.Errorf("fetch announced object: %w", err)
		}
		fetched = true
	}
	var head struct {
		ID   string  `json:"id"`
		Type ap.Kind `json:"type"`
	}
	if err := json.Unmarshal(raw, &head); err != nil || head.ID == "" {
		return fmt.Errorf("the announced object has no id: %w", errUnsupported)
	}
	if !ap.IsActivity(head.Type) {
		// Lemmy's Announce of the bare Page or Note (for Mastodon) follows
		// the Announce of its Create: stored once, fetched from its author's
		// server when we lack it.
		if _, _, err := h.storedTarget(ctx, head.ID); err == nil {
			return fmt.Errorf("already have %s: %w", head.ID, errIgnored)
		}
		var community string
		if fetched {
			// Fetched from its id just now: stored as it came.
			err = h.storeFetched(ctx, raw)
			if err == nil {
				_, community, err = h.storedTarget(ctx, head.ID)
			}
		} else {
			_, community, err = h.target(ctx, head.ID)
		}
		if err == nil && community != c.APID {
			return fmt.Errorf("%s announced an object of %s: %w", c.APID, community, ErrCrossOrigin)
		}
		return err
	}
	var inner ap.Activity
	if err := json.Unmarshal(raw, &inner); err != nil || inner.Actor.ID == "" {
		return fmt.Errorf("the announced activity has no actor: %w", errUnsupported)
	}
	switch inner.Type {
	case ap.KindAnnounce, ap.KindFollow, ap.KindAccept, ap.KindReject:
		return fmt.Errorf("a community does not announce a %s: %w", inner.Type, errUnsupported)
	}
	if !ap.SameOrigin(inner.ID, inner.Actor.ID) {
		return fmt.Errorf("the announced activity's id and actor are on different servers: %w", ErrCrossOrigin)
	}
	actor, err := h.resolver.Actor(ctx, inner.Actor.ID, false)
	if err != nil {
		return err
	}
	if actor.Local {
		// Our own member's activity, coming back: already applied here.
		return fmt.Errorf("our own %s: %w", inner.Type, errIgnored)
	}
	if actor.Kind == ActorCommunity && actor.ID != c.APID {
		return fmt.Errorf("%s relayed another community's activity: %w", c.APID, ErrCrossOrigin)
	}
	return h.apply(ctx, incoming{act: inner, body: raw, actor: actor, via: &c})
}

// followAnswer applies a remote community's Accept or Reject of a local
// person's Follow.
func (h *Handler) followAnswer(ctx context.Context, in incoming) error {
	if in.via != nil || in.actor.Kind != ActorCommunity {
		return fmt.Errorf("an %s from a %s: %w", in.act.Type, in.actor.Kind, errIgnored)
	}
	follow := in.act.Object.ID
	if inner, err := in.act.Object.Activity(); err == nil {
		if inner.Type != ap.KindFollow || inner.Object.ID != in.actor.ID {
			return fmt.Errorf("the %s does not answer a Follow of its actor: %w", in.act.Type, errUnsupported)
		}
		follow = inner.ID
	}
	state := store.FollowAccepted
	if in.act.Type == ap.KindReject {
		state = store.FollowRejected
	}
	changed, err := h.forum.AnswerFollow(ctx, in.act.ID, in.actor.CommunityID, follow, state)
	if errors.Is(err, forum.ErrDuplicate) || (err == nil && !changed) {
		return fmt.Errorf("no pending follow %s: %w", follow, errIgnored)
	}
	return err
}
