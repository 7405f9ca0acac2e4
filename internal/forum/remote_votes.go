package forum

import (
	"context"
	"errors"

	"github.com/tidings/tidings/internal/store"
)

// Target names what a remote activity is about: a post or a comment, by id.
type Target struct {
	PostID    int64
	CommentID int64
}

// ApplyRemoteVote records a remote person's Like (1), Dislike (-1) or the
// Undo of either (0), with the activity's id in the same transaction so a
// redelivery counts once.
func (s *Service) ApplyRemoteVote(ctx context.Context, activityID string, personID int64, t Target, score int, voteAPID string, ann *Announce) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		person, err := tx.PersonByID(ctx, personID)
		if err != nil {
			return err
		}
		if person.Banned {
			return inputErr("", "this person is banned here")
		}
		postID := t.PostID
		if t.CommentID != 0 {
			c, err := tx.CommentByID(ctx, t.CommentID)
			if errors.Is(err, store.ErrNotFound) || (err == nil && score != 0 && (c.Deleted || c.Removed)) {
				return notFound("that comment is gone")
			}
			if err != nil {
				return err
			}
			postID = c.PostID
		}
		p, err := tx.PostByID(ctx, postID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && score != 0 && (p.Deleted || p.Removed)) {
			return notFound("that post is gone")
		}
		if err != nil {
			return err
		}
		if score != 0 {
			if err := communityOpen(ctx, tx, p.CommunityID, personID); err != nil {
				return err
			}
		}
		if t.CommentID != 0 {
			_, err = tx.SetCommentVote(ctx, t.CommentID, personID, score, voteAPID)
		} else {
			_, err = tx.SetPostVote(ctx, postID, personID, score, voteAPID)
		}
		if err != nil {
			return err
		}
		return s.announceLocal(ctx, tx, p.CommunityID, ann)
	})
}
