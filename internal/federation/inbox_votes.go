package federation

import (
	"context"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// vote applies a Like or Dislike by a remote person.
func (h *Handler) vote(ctx context.Context, in incoming) error {
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("only people vote: %w", errUnsupported)
	}
	t, community, err := h.target(ctx, in.act.Object.ID)
	if err != nil {
		return err
	}
	if err := in.mismatch(community); err != nil {
		return err
	}
	ann, err := in.announce(community)
	if err != nil {
		return err
	}
	return h.forum.ApplyRemoteVote(ctx, in.act.ID, in.actor.PersonID, t, in.act.VoteScore(), in.act.ID, ann)
}

// undoVote takes a remote person's vote back.
func (h *Handler) undoVote(ctx context.Context, in incoming, inner *ap.Activity) error {
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("only people vote: %w", errUnsupported)
	}
	t, community, err := h.target(ctx, inner.Object.ID)
	if err != nil {
		return err
	}
	if err := in.mismatch(community); err != nil {
		return err
	}
	ann, err := in.announce(community)
	if err != nil {
		return err
	}
	return h.forum.ApplyRemoteVote(ctx, in.act.ID, in.actor.PersonID, t, 0, inner.ID, ann)
}
