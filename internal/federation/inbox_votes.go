package federation

import (
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// voteTarget finds the post or comment a vote names. Only objects we hold
// can be voted on; fetching unknown ones comes with Create support.
func (h *Handler) voteTarget(ctx context.Context, id string) (forum.VoteTarget, error) {
	if p, err := h.store.PostByAPID(ctx, id); err == nil {
		return forum.VoteTarget{PostID: p.ID}, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return forum.VoteTarget{}, err
	}
	c, err := h.store.CommentByAPID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return forum.VoteTarget{}, forum.ErrNotFound
	}
	if err != nil {
		return forum.VoteTarget{}, err
	}
	return forum.VoteTarget{CommentID: c.ID}, nil
}

// vote applies a Like or Dislike by a remote person.
func (h *Handler) vote(ctx context.Context, act ap.Activity, actor ActorRef) error {
	if actor.Kind != ActorPerson {
		return fmt.Errorf("only people vote: %w", errUnsupported)
	}
	t, err := h.voteTarget(ctx, act.Object.ID)
	if err != nil {
		return err
	}
	return h.forum.ApplyRemoteVote(ctx, act.ID, actor.PersonID, t, act.VoteScore(), act.ID)
}

// undoVote takes a remote person's vote back.
func (h *Handler) undoVote(ctx context.Context, act ap.Activity, inner *ap.Activity, actor ActorRef) error {
	if actor.Kind != ActorPerson {
		return fmt.Errorf("only people vote: %w", errUnsupported)
	}
	t, err := h.voteTarget(ctx, inner.Object.ID)
	if err != nil {
		return err
	}
	return h.forum.ApplyRemoteVote(ctx, act.ID, actor.PersonID, t, 0, "")
}
