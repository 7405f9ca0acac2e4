package federation

import (
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// target finds the post or comment an activity names, and the ap_id of its
// community. Only objects we hold are found; fetching unknown ones is not
// done yet.
func (h *Handler) target(ctx context.Context, id string) (forum.Target, string, error) {
	var t forum.Target
	p, err := h.store.PostByAPID(ctx, id)
	switch {
	case err == nil:
		t.PostID = p.ID
	case !errors.Is(err, store.ErrNotFound):
		return t, "", err
	default:
		c, err := h.store.CommentByAPID(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return t, "", forum.ErrNotFound
		}
		if err != nil {
			return t, "", err
		}
		t.CommentID = c.ID
		if p, err = h.store.PostByID(ctx, c.PostID); err != nil {
			return t, "", err
		}
	}
	community, err := h.store.CommunityByID(ctx, p.CommunityID)
	if err != nil {
		return t, "", err
	}
	return t, community.APID, nil
}

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
