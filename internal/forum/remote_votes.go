package forum

import (
	"context"
	"errors"

	"github.com/tidings/tidings/internal/store"
)

// Target names what a remote activity is about: a post or a comment, by id.
type Target struct {
	PostID    int64 `json:"post_id"`
	CommentID int64 `json:"comment_id,omitempty"`
}

// ApplyRemoteVote records a remote person's Like (1), Dislike (-1) or the
// Undo of either (0), with the activity's id in the same transaction so a
// redelivery counts once. voteAPID is the Like's or Dislike's id; for an
// Undo, the id of the vote it undoes, which is marked received too: should
// that vote arrive after its Undo, it is not counted.
func (s *Service) ApplyRemoteVote(ctx context.Context, activityID string, personID int64, t Target, score int, voteAPID string, ann *Announce) error {
	return s.store.InTx(ctx, func(tx *store.Store) error {
		if err := markReceived(ctx, tx, activityID); err != nil {
			return err
		}
		if score == 0 && voteAPID != "" {
			if _, err := tx.MarkActivityReceived(ctx, voteAPID); err != nil {
				return err
			}
			voteAPID = ""
		}
		// One read decides: this is the busiest path of the inbox.
		v, err := tx.CheckVote(ctx, t.PostID, t.CommentID, personID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return notFound("that post or comment is gone")
		case err != nil:
			return err
		case v.Banned && score != 0:
			return forbidden("this person is banned here")
		case score != 0 && (v.Gone || v.CommunityGone):
			return notFound("that post or comment is gone")
		}
		if t.CommentID != 0 {
			_, err = tx.SetCommentVote(ctx, t.CommentID, personID, score, voteAPID)
		} else {
			_, err = tx.SetPostVote(ctx, v.PostID, personID, score, voteAPID)
		}
		if err != nil {
			return err
		}
		if ann == nil || !v.CommunityLocal {
			return nil
		}
		ann.Community = v.CommunityAPID
		return s.announceTx(ctx, tx, v.CommunityID, ann)
	})
}
