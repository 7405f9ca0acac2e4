package federation

import (
	"context"
	"encoding/json"
	"fmt"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// Deliveries turns a local person's change into what is sent where, and
// signed by whom: for a community of ours, its Announce of the person's
// activity to one inbox per follower instance; for a remote community, the
// person's activity to the community (which announces it), and a reply
// also to the parent's author, as Lemmy notifies them.
func (h *Handler) Deliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	if args.Action == forum.FederateFollow || args.Action == forum.FederateUnfollow {
		return h.followDeliveries(ctx, args)
	}
	communityID, inner, err := h.localActivity(ctx, args)
	if err != nil {
		return nil, err
	}
	c, err := h.store.CommunityByID(ctx, communityID)
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(inner)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", inner.Type, err)
	}
	var out []forum.DeliverArgs
	if c.Local {
		inboxes, err := h.store.FollowerInboxes(ctx, c.ID)
		if err != nil || len(inboxes) == 0 {
			return nil, err
		}
		ann, err := announcement(c.APID, payload, ActorRef{ID: c.APID})
		if err != nil {
			return nil, err
		}
		for _, inbox := range inboxes {
			out = append(out, forum.DeliverArgs{Inbox: inbox, Actor: c.APID, Activity: ann.Activity})
		}
	} else {
		out = append(out, forum.DeliverArgs{Inbox: firstOf(c.SharedInboxURL, c.InboxURL), Actor: inner.Actor.ID,
			Activity: payload})
	}
	if args.Action == forum.FederateCreateComment {
		if inbox, err := h.parentAuthorInbox(ctx, args.CommentID); err != nil {
			return nil, err
		} else if inbox != "" && !delivered(out, inbox) {
			out = append(out, forum.DeliverArgs{Inbox: inbox, Actor: inner.Actor.ID, Activity: payload})
		}
	}
	return out, nil
}

// localActivity is a local person's activity for a change, and the id of
// the community it happened in.
func (h *Handler) localActivity(ctx context.Context, args forum.FederateArgs) (int64, *ap.Activity, error) {
	switch args.Action {
	case forum.FederateCreatePost, forum.FederateUpdatePost, forum.FederateDeletePost:
		return h.postActivity(ctx, args)
	case forum.FederateCreateComment, forum.FederateUpdateComment, forum.FederateDeleteComment:
		return h.commentActivity(ctx, args)
	case forum.FederateVote:
		return h.voteActivity(ctx, args)
	}
	return 0, nil, fmt.Errorf("federate: unknown action %q", args.Action)
}

// followDeliveries is a local person's Follow of a remote community, or
// its Undo, sent to the community.
func (h *Handler) followDeliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	c, err := h.store.CommunityByID(ctx, args.CommunityID)
	if err != nil {
		return nil, err
	}
	p, err := h.store.PersonByID(ctx, args.PersonID)
	if err != nil {
		return nil, err
	}
	follow := ap.NewFollow(p.APID, c.APID)
	follow.ID = args.FollowID
	act := follow
	if args.Action == forum.FederateUnfollow {
		follow.LDContext = nil
		if act, err = ap.NewUndo(p.APID, follow); err != nil {
			return nil, err
		}
	}
	payload, err := json.Marshal(act)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", act.Type, err)
	}
	return []forum.DeliverArgs{{Inbox: firstOf(c.InboxURL, c.SharedInboxURL), Actor: p.APID, Activity: payload}}, nil
}

// parentAuthorInbox is the inbox of the remote author of the post or
// comment a comment replies to, or "" when that author is local.
func (h *Handler) parentAuthorInbox(ctx context.Context, commentID int64) (string, error) {
	c, err := h.store.CommentByID(ctx, commentID)
	if err != nil {
		return "", err
	}
	var creator int64
	if c.ParentID != nil && *c.ParentID != 0 {
		parent, err := h.store.CommentByID(ctx, *c.ParentID)
		if err != nil {
			return "", err
		}
		creator = parent.CreatorID
	} else {
		post, err := h.store.PostByID(ctx, c.PostID)
		if err != nil {
			return "", err
		}
		creator = post.CreatorID
	}
	author, err := h.store.PersonByID(ctx, creator)
	if err != nil || author.Local {
		return "", err
	}
	return firstOf(author.InboxURL, author.SharedInboxURL), nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func delivered(out []forum.DeliverArgs, inbox string) bool {
	for _, d := range out {
		if d.Inbox == inbox {
			return true
		}
	}
	return false
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
