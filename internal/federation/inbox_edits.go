package federation

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// delete applies a Delete: a moderator's removal when it has a summary, a
// person's deletion of their account, or an author's of their post or
// comment.
func (h *Handler) delete(ctx context.Context, in incoming) error {
	switch {
	case in.act.IsModRemoval():
		return h.moderateObject(ctx, in, forum.ModRemove, in.act.Object.ID, false)
	case in.act.IsAccountDeletion():
		return h.deleteAccount(ctx, in)
	}
	return h.remove(ctx, in, in.act.Object.ID, true)
}

// remove applies an author's Delete of their own post or comment, or (with
// deleted false) the Undo of one. Deleting what we never had changes
// nothing.
func (h *Handler) remove(ctx context.Context, in incoming, object string, deleted bool) error {
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("only people delete here: %w", errUnsupported)
	}
	if !ap.SameOrigin(object, in.act.Actor.ID) {
		return fmt.Errorf("only the author's server may delete an object: %w", ErrCrossOrigin)
	}
	if handled, err := h.deletePrivateMessage(ctx, in, object, deleted); handled {
		return err
	}
	t, community, err := h.storedTarget(ctx, object)
	if errors.Is(err, forum.ErrNotFound) {
		// Only the author's own server, sending straight to a community of
		// ours, may delete what has not arrived: a relaying community
		// vouches for its own content, which this is not yet.
		if in.via != nil || !h.addressedHere(ctx, in.act) {
			return fmt.Errorf("nothing here to delete: %w", errIgnored)
		}
		// In a community here but not here yet: deliveries overtake one
		// another, and should its Create come after all, it comes deleted.
		return h.forum.RemoteDeleteEarly(ctx, in.act.ID, object, deleted)
	}
	if err != nil {
		return err
	}
	if err := in.mismatch(community); err != nil {
		return err
	}
	ann, err := in.announce(community)
	if err == nil && ann != nil && t.CommentID == 0 {
		err = h.boostAfterDeletion(ctx, ann, community, t.PostID, deleted)
	}
	if err != nil {
		return err
	}
	return h.forum.RemoteDelete(ctx, in.act.ID, in.actor.PersonID, t, deleted, in.deletionProvenance(object, deleted), ann)
}

// boostAfterDeletion adds to ann what an author's deletion of a post in a
// local community (deleted), or its restore, does to the community's
// boost of it (see reboost). A post a moderator removed lost its boost
// then, and stays without it.
func (h *Handler) boostAfterDeletion(ctx context.Context, ann *forum.Announce, community string, postID int64, deleted bool) error {
	p, err := h.store.PostByID(ctx, postID)
	if err != nil {
		return err
	}
	return h.reboost(ctx, ann, community, p, !p.Removed && !p.Deleted, !p.Removed && !deleted)
}

// reboost adds to ann what a change in whether post p of a local
// community is shown does to the community's boost of it: withdrawn when
// the post stops being shown (its author deleted it, a moderator removed
// it), made again when it is shown once more. Nothing changes for readers
// otherwise, and nothing is sent: Mastodon takes an Undo of a boost it
// never had as a reason to refuse that boost for good.
func (h *Handler) reboost(ctx context.Context, ann *forum.Announce, community string, p store.Post, shownBefore, shownAfter bool) error {
	switch {
	case shownBefore && !shownAfter:
		return withdrawBoost(ann, community, p.APID)
	case !shownBefore && shownAfter:
		page, err := h.pageObject(ctx, p)
		if err != nil {
			return err
		}
		return boost(ann, community, page)
	}
	return nil
}

// update applies an author's edit of their own post or comment.
func (h *Handler) update(ctx context.Context, in incoming) error {
	if in.actor.Kind != ActorPerson {
		return fmt.Errorf("only people edit posts and comments: %w", errUnsupported)
	}
	if in.act.Object.Type == ap.KindGroup {
		return h.updateGroup(ctx, in)
	}
	page, err := ownObject(in.act)
	if err != nil {
		return err
	}
	if handled, err := h.privateMessage(ctx, in, page, true); handled {
		return err
	}
	// Not kept when created, and not fetched now for the edit.
	if public, err := h.isPublic(ctx, in.act, page); err != nil || !public {
		return cmp.Or(err, errNotPublic)
	}
	// An edit may come before the object's Create (retried deliveries
	// arrive in any order): fetch the object then, as for a vote, rather
	// than refuse the edit with a 404, which the sender would take as final,
	// so that the Create, when it comes, would leave the unedited text.
	t, community, err := h.target(ctx, page.ID)
	if errors.Is(err, forum.ErrNotFound) {
		return fmt.Errorf("nothing here to update: %w", store.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if err := in.mismatch(community); err != nil {
		return err
	}
	limit := forum.MaxPostHTMLLen
	if t.CommentID != 0 {
		limit = forum.MaxCommentHTMLLen
	}
	text, bodyHTML := contentOf(page, limit)
	ann, err := in.announce(community)
	if err != nil {
		return err
	}
	return h.forum.RemoteUpdate(ctx, in.act.ID, in.actor.PersonID, t, forum.RemoteEdit{
		Title: ap.PostTitle(page), URL: ap.PostURL(page), Body: text, BodyHTML: bodyHTML,
		Mentions: h.mentionedHere(in.act, page, bodyHTML), Provenance: in.provenance(page),
	}, ann)
}

// addressedHere reports an activity addressed to a community we have,
// among those already stored (nothing is fetched to find out).
func (h *Handler) addressedHere(ctx context.Context, act ap.Activity) bool {
	for _, id := range ap.CommunityCandidates(act) {
		if _, err := h.store.CommunityByAPID(ctx, id); err == nil {
			return true
		}
	}
	return false
}
