package forum

import (
	"context"
	"errors"

	"github.com/tidings/tidings/internal/store"
)

// VotePost records a local user's vote: 1, -1, or 0 to take it back.
func (s *Service) VotePost(ctx context.Context, actor store.LocalUser, postID int64, score int) (store.Counts, error) {
	if score < -1 || score > 1 {
		return store.Counts{}, inputErr("score", "a vote is up, down or none")
	}
	if actor.Banned {
		return store.Counts{}, withKind(ErrSiteBanned, inputErr("", "you are banned from this site"))
	}
	var out store.Counts
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		p, err := tx.PostByID(ctx, postID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && (p.Deleted || p.Removed)) {
			return notFound("that post is gone")
		}
		if err != nil {
			return err
		}
		if err := communityOpen(ctx, tx, p.CommunityID, actor.ID); err != nil {
			return err
		}
		if out, err = tx.SetPostVote(ctx, postID, actor.ID, score, ""); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateVote, PostID: postID, PersonID: actor.ID, Score: score})
	})
	return out, err
}

// VoteComment records a local user's vote on a comment.
func (s *Service) VoteComment(ctx context.Context, actor store.LocalUser, commentID int64, score int) (store.Counts, error) {
	if score < -1 || score > 1 {
		return store.Counts{}, inputErr("score", "a vote is up, down or none")
	}
	if actor.Banned {
		return store.Counts{}, withKind(ErrSiteBanned, inputErr("", "you are banned from this site"))
	}
	var out store.Counts
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		c, err := tx.CommentByID(ctx, commentID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && (c.Deleted || c.Removed)) {
			return notFound("that comment is gone")
		}
		if err != nil {
			return err
		}
		p, err := tx.PostByID(ctx, c.PostID)
		if err != nil {
			return err
		}
		if p.Deleted || p.Removed {
			return notFound("that comment's post is gone")
		}
		if err := communityOpen(ctx, tx, p.CommunityID, actor.ID); err != nil {
			return err
		}
		if out, err = tx.SetCommentVote(ctx, commentID, actor.ID, score, ""); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, FederateArgs{Action: FederateVote, CommentID: commentID, PersonID: actor.ID, Score: score})
	})
	return out, err
}

// communityOpen refuses changes inside a deleted or removed community,
// whose content is hidden with it.
func communityOpen(ctx context.Context, tx *store.Store, id, personID int64) error {
	c, err := tx.CommunityByID(ctx, id)
	if err != nil {
		return err
	}
	if c.Deleted || c.Removed {
		return notFound("the community %s is gone", c.Name)
	}
	banned, err := tx.IsBannedFromCommunity(ctx, c.ID, personID)
	if err != nil {
		return err
	}
	if banned {
		return withKind(ErrCommunityBanned, forbidden("you are banned from %s", c.Title))
	}
	return nil
}
