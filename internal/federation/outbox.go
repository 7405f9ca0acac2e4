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
	case forum.FederateCreatePost:
		p, err := h.store.PostByID(ctx, args.PostID)
		if err != nil {
			return 0, "", nil, err
		}
		page, err := h.pageObject(ctx, p)
		if err != nil {
			return 0, "", nil, err
		}
		communityID = p.CommunityID
		if inner, err = ap.NewCreate(page.AttributedTo.ID, page); err != nil {
			return 0, "", nil, err
		}
	case forum.FederateCreateComment:
		c, err := h.store.CommentByID(ctx, args.CommentID)
		if err != nil {
			return 0, "", nil, err
		}
		note, err := h.noteObject(ctx, c)
		if err != nil {
			return 0, "", nil, err
		}
		p, err := h.store.PostByID(ctx, c.PostID)
		if err != nil {
			return 0, "", nil, err
		}
		communityID = p.CommunityID
		if inner, err = ap.NewCreate(note.AttributedTo.ID, note); err != nil {
			return 0, "", nil, err
		}
	case forum.FederateVote:
		communityID, inner, err = h.voteActivity(ctx, args)
		if err != nil {
			return 0, "", nil, err
		}
	default:
		return 0, "", nil, fmt.Errorf("federate: unknown action %q", args.Action)
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
