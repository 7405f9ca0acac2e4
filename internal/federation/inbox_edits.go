package federation

import (
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// remove applies an author's Delete of their own post or comment, or (with
// deleted false) the Undo of one. A Delete with a summary is a moderator's
// removal, which is not handled yet.
func (h *Handler) remove(ctx context.Context, act ap.Activity, body []byte, actor ActorRef, object string, deleted bool, modRemoval bool) error {
	if actor.Kind != ActorPerson {
		return fmt.Errorf("only people delete here: %w", errUnsupported)
	}
	if modRemoval {
		return fmt.Errorf("removals by moderators are not handled yet: %w", errUnsupported)
	}
	if !ap.SameOrigin(object, act.Actor.ID) {
		return fmt.Errorf("only the author's server may delete an object: %w", ErrCrossOrigin)
	}
	t, community, err := h.target(ctx, object)
	if err != nil {
		return err
	}
	ann, err := announcement(community, body, actor)
	if err != nil {
		return err
	}
	return h.forum.RemoteDelete(ctx, act.ID, actor.PersonID, t, deleted, ann)
}

// update applies an author's edit of their own post or comment.
func (h *Handler) update(ctx context.Context, act ap.Activity, body []byte, actor ActorRef) error {
	if actor.Kind != ActorPerson {
		return fmt.Errorf("only people edit posts and comments: %w", errUnsupported)
	}
	page, err := ownObject(act)
	if err != nil {
		return err
	}
	t, community, err := h.target(ctx, page.ID)
	if errors.Is(err, forum.ErrNotFound) {
		return fmt.Errorf("nothing here to update: %w", store.ErrNotFound)
	}
	if err != nil {
		return err
	}
	text, bodyHTML := contentOf(page)
	ann, err := announcement(community, body, actor)
	if err != nil {
		return err
	}
	return h.forum.RemoteUpdate(ctx, act.ID, actor.PersonID, t, forum.RemoteEdit{
		Title: ap.PostTitle(page), URL: ap.PostURL(page), Body: text, BodyHTML: bodyHTML,
	}, ann)
}
