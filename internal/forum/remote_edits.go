package forum

import (
	"context"

	"github.com/tidings/tidings/internal/runes"
	"github.com/tidings/tidings/internal/store"
)

// remoteOwn loads the target, checks that personID wrote it, and returns
// the id of its community.
func remoteOwn(ctx context.Context, tx *store.Store, personID int64, t Target) (int64, error) {
	postID := t.PostID
	if t.CommentID != 0 {
		c, err := tx.CommentByID(ctx, t.CommentID)
		if err != nil {
			return 0, err
		}
		if c.CreatorID != personID {
			return 0, inputErr("", "only the author may change this comment")
		}
		postID = c.PostID
	}
	p, err := tx.PostByID(ctx, postID)
	if err != nil {
		return 0, err
	}
	if t.CommentID == 0 && p.CreatorID != personID {
		return 0, inputErr("", "only the author may change this post")
	}
	return p.CommunityID, nil
}

// RemoteDelete applies a remote author's Delete (deleted true) or its Undo
// (false) of their own post or comment; the row stays, as with ours. One
// that a community relayed from a third server (p) is applied at once and
// checked at the author's server, as relayed content is.
func (s *Service) RemoteDelete(ctx context.Context, activityID string, personID int64, t Target, deleted bool,
	p Provenance, ann *Announce) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		communityID, err := remoteOwn(ctx, tx, personID, t)
		if err != nil {
			return err
		}
		if t.CommentID != 0 {
			err = tx.SetCommentFlags(ctx, t.CommentID, &deleted, nil)
		} else {
			err = tx.SetPostFlags(ctx, t.PostID, store.PostFlags{Deleted: &deleted})
		}
		if err != nil {
			return err
		}
		if err := s.checkOriginOf(ctx, tx, p, t); err != nil {
			return err
		}
		return s.announceLocal(ctx, tx, communityID, ann)
	})
}

// RemoteDeleteEarly applies an author's Delete (or its Undo) of an object
// we do not have yet: when it arrives, it arrives deleted.
func (s *Service) RemoteDeleteEarly(ctx context.Context, activityID, objectID string, deleted bool) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		return tx.MarkDeletedEarly(ctx, objectID, deleted)
	})
}

// RemoteEdit is the new content of an Update; Title and URL apply to posts.
type RemoteEdit struct {
	Title    string
	URL      string
	Body     string
	BodyHTML string
	Mentions []string // as RemotePost's: an edit that adds one notifies
	Provenance
}

// RemoteUpdate applies a remote author's edit of their own post or comment.
func (s *Service) RemoteUpdate(ctx context.Context, activityID string, personID int64, t Target, in RemoteEdit, ann *Announce) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		communityID, err := remoteOwn(ctx, tx, personID, t)
		if err != nil {
			return err
		}
		if err := applyRemoteEdit(ctx, tx, t, in); err != nil {
			return err
		}
		if err := s.notifyOfEdit(ctx, tx, personID, t, in.Mentions); err != nil {
			return err
		}
		if err := s.checkOriginOf(ctx, tx, in.Provenance, t); err != nil {
			return err
		}
		return s.announceLocal(ctx, tx, communityID, ann)
	})
}

// applyRemoteEdit stores a remote post's or comment's new content under
// the rules its first version met.
func applyRemoteEdit(ctx context.Context, tx *store.Store, t Target, in RemoteEdit) error {
	if t.CommentID != 0 {
		if in.BodyHTML == "" {
			return inputErr("body", "the comment is empty")
		}
		return tx.UpdateCommentBody(ctx, t.CommentID, remoteCommentBody(in.Body), in.BodyHTML)
	}
	if in.Title == "" {
		return inputErr("title", "the post has no title")
	}
	if in.URL != "" && CheckLink(in.URL) != nil {
		in.URL = ""
	}
	title, body := runes.Cut(in.Title, MaxTitleLen), runes.Cut(in.Body, MaxPostLen)
	return tx.UpdatePost(ctx, t.PostID, store.PostEdit{Title: &title, URL: &in.URL, Body: &body, BodyHTML: &in.BodyHTML})
}

// objectAPID is the ActivityPub id of a post or comment.
func objectAPID(ctx context.Context, tx *store.Store, t Target) (string, error) {
	if t.CommentID != 0 {
		c, err := tx.CommentByID(ctx, t.CommentID)
		return c.APID, err
	}
	p, err := tx.PostByID(ctx, t.PostID)
	return p.APID, err
}
