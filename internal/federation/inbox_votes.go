package federation

import (
	"context"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// vote applies a Like or Dislike by a remote person.
func (h *Handler) vote(ctx context.Context, act ap.Activity, body []byte, actor ActorRef) error {
	if actor.Kind != ActorPerson {
		return fmt.Errorf("only people vote: %w", errUnsupported)
	}
	t, community, err := h.target(ctx, act.Object.ID)
	if err != nil {
		return err
	}
	ann, err := announcement(community, body, actor)
	if err != nil {
		return err
	}
	return h.forum.ApplyRemoteVote(ctx, act.ID, actor.PersonID, t, act.VoteScore(), act.ID, ann)
}

// undoVote takes a remote person's vote back.
func (h *Handler) undoVote(ctx context.Context, act ap.Activity, body []byte, inner *ap.Activity, actor ActorRef) error {
	if actor.Kind != ActorPerson {
		return fmt.Errorf("only people vote: %w", errUnsupported)
	}
	t, community, err := h.target(ctx, inner.Object.ID)
	if err != nil {
		return err
	}
	ann, err := announcement(community, body, actor)
	if err != nil {
		return err
	}
	return h.forum.ApplyRemoteVote(ctx, act.ID, actor.PersonID, t, 0, "", ann)
}
