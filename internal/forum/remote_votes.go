package forum

import (
	"cmp"
	"context"
	"fmt"
	"slices"

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
//
// It returns once the vote is committed, or refused. The votes that arrive
// while another batch is being written are written together, in one
// statement and one commit (see voteBatches): that, not the work of each,
// is what bounds a busy inbox.
func (s *Service) ApplyRemoteVote(ctx context.Context, activityID string, personID int64, t Target, score int, voteAPID string, ann *Announce) error {
	if score < -1 || score > 1 {
		return fmt.Errorf("remote vote: score %d: %w", score, store.ErrInvalid)
	}
	v := &pendingVote{vote: store.RemoteVote{ActivityID: activityID, PersonID: personID,
		PostID: t.PostID, CommentID: t.CommentID, Score: score, VoteAPID: voteAPID}, ann: ann}
	return s.votes.apply(ctx, v, s.applyVotes)
}

// applyVotes writes one batch of votes in one transaction, with the
// Announces of those applied, and tells each vote what became of it. When
// the transaction fails as a whole, each vote is tried again alone, so
// that what fails for one does not fail the others.
func (s *Service) applyVotes(ctx context.Context, batch []*pendingVote) {
	// In the order of the rows they lock (a post's, then its comments'),
	// so that batches of several servers cannot deadlock.
	slices.SortStableFunc(batch, func(a, b *pendingVote) int {
		return cmp.Or(cmp.Compare(a.vote.PostID, b.vote.PostID), cmp.Compare(a.vote.CommentID, b.vote.CommentID))
	})
	errs := make([]error, len(batch))
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		votes := make([]store.RemoteVote, len(batch))
		for i, v := range batch {
			votes[i] = v.vote
		}
		outcomes, err := tx.ApplyRemoteVotes(ctx, votes)
		if err != nil {
			return err
		}
		anns := map[int64][]*Announce{}
		var communities []int64
		for i, o := range outcomes {
			errs[i] = voteRefusal(o.Outcome)
			if a := batch[i].ann; o.Outcome == store.VoteApplied && a != nil && o.CommunityLocal && o.CommunityFollowed {
				a.Community = o.CommunityAPID
				if anns[o.CommunityID] == nil {
					communities = append(communities, o.CommunityID)
				}
				anns[o.CommunityID] = append(anns[o.CommunityID], a)
			}
		}
		for _, id := range communities {
			if err := s.announceAll(ctx, tx, id, anns[id]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && len(batch) > 1 {
		for _, v := range batch {
			s.applyVotes(ctx, []*pendingVote{v})
		}
		return
	}
	for i, v := range batch {
		if err != nil {
			v.err = fmt.Errorf("apply remote vote: %w", err)
		} else {
			v.err = errs[i]
		}
	}
}

// voteRefusal is the error ApplyRemoteVote answers for an outcome.
func voteRefusal(outcome string) error {
	switch outcome {
	case store.VoteApplied:
		return nil
	case store.VoteDuplicate:
		return ErrDuplicate
	case store.VoteGone:
		return notFound("that post or comment is gone")
	case store.VoteBanned:
		return forbidden("this person is banned here")
	}
	return fmt.Errorf("remote vote: unknown outcome %q", outcome)
}
