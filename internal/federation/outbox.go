package federation

import (
	"context"
	"encoding/json"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// LocalAnnouncement builds what a local community sends its followers for
// a local person's change: the person's activity, wrapped in the
// community's Announce. It returns the community's id and ap_id, whose key
// signs the deliveries.
func (h *Handler) LocalAnnouncement(ctx context.Context, args forum.FederateArgs) (int64, string, []byte, error) {
	var (
		communityID int64
		inner       *ap.Activity
		err         error
	)
	switch args.Action {
	case forum.FederateCreatePost, forum.FederateUpdatePost, forum.FederateDeletePost:
		communityID, inner, err = h.postActivity(ctx, args)
	case forum.FederateCreateComment, forum.FederateUpdateComment, forum.FederateDeleteComment:
		communityID, inner, err = h.commentActivity(ctx, args)
	case forum.FederateVote:
		communityID, inner, err = h.voteActivity(ctx, args)
	default:
		return 0, "", nil, fmt.Errorf("federate: unknown action %q", args.Action)
	}
	if err != nil {
		return 0, "", nil, err
	}
	c, err := h.store.CommunityByID(ctx, communityID)
	if err != nil {
		return 0, "", nil, err
	}
	innerJSON, err := json.Marshal(inner)
	if err != nil {
		return 0, "", nil, fmt.Errorf("encode %s: %w", inner.Type, err)
	}
	ann, err := announcement(c.APID, innerJSON, ActorRef{ID: c.APID})
	if err != nil {
		return 0, "", nil, err
	}
	return c.ID, c.APID, ann.Activity, nil
}

// postActivity is the author's Create, Update or Delete (or Undo of the
// Delete) of a post.
func (h *Handler) postActivity(ctx context.Context, args forum.FederateArgs) (int64, *ap.Activity, error) {
	p, err := h.store.PostByID(ctx, args.PostID)
	if err != nil {
		return 0, nil, err
	}
	if args.Action == forum.FederateDeletePost {
		inner, err := h.deletion(ctx, p.CreatorID, p.APID, p.CommunityID, args.Deleted)
		return p.CommunityID, inner, err
	}
	page, err := h.pageObject(ctx, p)
	if err != nil {
		return 0, nil, err
	}
	inner, err := createOrUpdate(args.Action == forum.FederateCreatePost, page.AttributedTo.ID, page)
	return p.CommunityID, inner, err
}

// commentActivity is postActivity for a comment.
func (h *Handler) commentActivity(ctx context.Context, args forum.FederateArgs) (int64, *ap.Activity, error) {
	c, err := h.store.CommentByID(ctx, args.CommentID)
	if err != nil {
		return 0, nil, err
	}
	p, err := h.store.PostByID(ctx, c.PostID)
	if err != nil {
		return 0, nil, err
	}
	if args.Action == forum.FederateDeleteComment {
		inner, err := h.deletion(ctx, c.CreatorID, c.APID, p.CommunityID, args.Deleted)
		return p.CommunityID, inner, err
	}
	note, err := h.noteObject(ctx, c)
	if err != nil {
		return 0, nil, err
	}
	inner, err := createOrUpdate(args.Action == forum.FederateCreateComment, note.AttributedTo.ID, note)
	return p.CommunityID, inner, err
}

func createOrUpdate(create bool, actor string, obj any) (*ap.Activity, error) {
	if create {
		return ap.NewCreate(actor, obj)
	}
	return ap.NewUpdate(actor, obj)
}

// deletion is an author's Delete of object, or with deleted false its
// Undo, which restores it.
func (h *Handler) deletion(ctx context.Context, creatorID int64, object string, communityID int64, deleted bool) (*ap.Activity, error) {
	author, err := h.store.PersonByID(ctx, creatorID)
	if err != nil {
		return nil, err
	}
	c, err := h.store.CommunityByID(ctx, communityID)
	if err != nil {
		return nil, err
	}
	del := ap.NewDelete(author.APID, object, c.APID)
	if deleted {
		return del, nil
	}
	return ap.NewUndo(author.APID, del)
}

// voteActivity is a local person's Like or Dislike, or the Undo of a Like
// when the vote was taken back (Lemmy removes the vote whichever it was).
func (h *Handler) voteActivity(ctx context.Context, args forum.FederateArgs) (int64, *ap.Activity, error) {
	voter, err := h.store.PersonByID(ctx, args.PersonID)
	if err != nil {
		return 0, nil, err
	}
	var object string
	var communityID int64
	if args.CommentID != 0 {
		c, err := h.store.CommentByID(ctx, args.CommentID)
		if err != nil {
			return 0, nil, err
		}
		p, err := h.store.PostByID(ctx, c.PostID)
		if err != nil {
			return 0, nil, err
		}
		object, communityID = c.APID, p.CommunityID
	} else {
		p, err := h.store.PostByID(ctx, args.PostID)
		if err != nil {
			return 0, nil, err
		}
		object, communityID = p.APID, p.CommunityID
	}
	c, err := h.store.CommunityByID(ctx, communityID)
	if err != nil {
		return 0, nil, err
	}
	switch args.Score {
	case 1:
		return communityID, ap.NewLike(voter.APID, object, c.APID), nil
	case -1:
		return communityID, ap.NewDislike(voter.APID, object, c.APID), nil
	}
	undo, err := ap.NewUndo(voter.APID, ap.NewLike(voter.APID, object, c.APID))
	return communityID, undo, err
}
