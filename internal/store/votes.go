package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Counts are a post's or comment's vote counts after a vote.
type Counts struct {
	Score     int `db:"score"`
	Upvotes   int `db:"upvotes"`
	Downvotes int `db:"downvotes"`
}

// SetPostVote records a person's vote on a post: 1 or -1, or 0 to take it
// back. The post's counts change in the same statement's triggers, so they
// are exact however many votes arrive at once; a repeated vote changes nothing.
func (s *Store) SetPostVote(ctx context.Context, postID, personID int64, score int, apID string) (Counts, error) {
	var err error
	switch score {
	case 0:
		_, err = s.db.Exec(ctx, `DELETE FROM post_votes WHERE post_id = $1 AND person_id = $2`, postID, personID)
	case 1, -1:
		_, err = s.db.Exec(ctx, `
			INSERT INTO post_votes (post_id, person_id, score, ap_id) VALUES ($1, $2, $3, nullif($4, ''))
			ON CONFLICT (post_id, person_id) DO UPDATE SET score = excluded.score, ap_id = excluded.ap_id,
				published = CASE WHEN post_votes.score = excluded.score THEN post_votes.published ELSE now() END`,
			postID, personID, score, apID)
	default:
		return Counts{}, fmt.Errorf("vote on post: score %d: %w", score, ErrInvalid)
	}
	if err != nil {
		return Counts{}, wrap("vote on post", err)
	}
	rows, _ := s.db.Query(ctx, `SELECT score, upvotes, downvotes FROM posts WHERE id = $1`, postID)
	c, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Counts])
	return c, wrap("vote on post", err)
}

// SetCommentVote is SetPostVote for a comment.
func (s *Store) SetCommentVote(ctx context.Context, commentID, personID int64, score int, apID string) (Counts, error) {
	var err error
	switch score {
	case 0:
		_, err = s.db.Exec(ctx, `DELETE FROM comment_votes WHERE comment_id = $1 AND person_id = $2`, commentID, personID)
	case 1, -1:
		var tag interface{ RowsAffected() int64 }
		tag, err = s.db.Exec(ctx, `
			INSERT INTO comment_votes (comment_id, person_id, post_id, score, ap_id)
			SELECT id, $2, post_id, $3, nullif($4, '') FROM comments WHERE id = $1
			ON CONFLICT (comment_id, person_id) DO UPDATE SET score = excluded.score, ap_id = excluded.ap_id,
				published = CASE WHEN comment_votes.score = excluded.score THEN comment_votes.published ELSE now() END`,
			commentID, personID, score, apID)
		if err == nil && tag.RowsAffected() == 0 {
			err = pgx.ErrNoRows
		}
	default:
		return Counts{}, fmt.Errorf("vote on comment: score %d: %w", score, ErrInvalid)
	}
	if err != nil {
		return Counts{}, wrap("vote on comment", err)
	}
	rows, _ := s.db.Query(ctx, `SELECT score, upvotes, downvotes FROM comments WHERE id = $1`, commentID)
	c, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Counts])
	return c, wrap("vote on comment", err)
}

// PostVote is a person's vote on a post: 1, -1, or 0 for none.
func (s *Store) PostVote(ctx context.Context, postID, personID int64) (int, error) {
	var v int
	err := s.db.QueryRow(ctx, `SELECT coalesce((SELECT score FROM post_votes WHERE post_id = $1 AND person_id = $2), 0)`,
		postID, personID).Scan(&v)
	return v, wrap("get post vote", err)
}

// CommentVotesInPost maps comment id to a person's vote, for one thread.
func (s *Store) CommentVotesInPost(ctx context.Context, postID, personID int64) (map[int64]int, error) {
	rows, err := s.db.Query(ctx, `SELECT comment_id, score FROM comment_votes WHERE person_id = $1 AND post_id = $2`,
		personID, postID)
	if err != nil {
		return nil, wrap("get comment votes", err)
	}
	out := map[int64]int{}
	var id int64
	var score int
	_, err = pgx.ForEachRow(rows, []any{&id, &score}, func() error { out[id] = score; return nil })
	return out, wrap("get comment votes", err)
}

// PersonScores sums the scores of a person's posts and comments. Computed
// when asked rather than kept on the person's row, so that votes never
// queue behind one popular author's row.
func (s *Store) PersonScores(ctx context.Context, personID int64) (postScore, commentScore int64, err error) {
	err = s.db.QueryRow(ctx, `
		SELECT (SELECT coalesce(sum(score), 0) FROM posts WHERE creator_id = $1 AND NOT deleted AND NOT removed),
		       (SELECT coalesce(sum(score), 0) FROM comments WHERE creator_id = $1 AND NOT deleted AND NOT removed)`,
		personID).Scan(&postScore, &commentScore)
	return postScore, commentScore, wrap("sum person scores", err)
}

// RemoteVote is a remote person's vote as ApplyRemoteVotes takes it: see
// forum.ApplyRemoteVote for the fields.
type RemoteVote struct {
	ActivityID string
	PersonID   int64
	PostID     int64
	CommentID  int64 // zero for a vote on the post
	Score      int   // 1, -1, or 0 to take the vote back
	VoteAPID   string
}

// What became of one RemoteVote.
const (
	VoteApplied   = "applied"
	VoteDuplicate = "duplicate" // its activity was received before
	VoteGone      = "gone"      // no such post or comment, or it or its community is deleted or removed
	VoteBanned    = "banned"    // the voter is banned here or from the community
)

// VoteOutcome is what became of one RemoteVote and, when it was applied,
// the community of what was voted on.
type VoteOutcome struct {
	Outcome        string
	CommunityID    int64
	CommunityAPID  string
	CommunityLocal bool
	// CommunityFollowed: someone follows the community, so that a vote in
	// a local one is to be announced.
	CommunityFollowed bool
}

// ApplyRemoteVotes applies votes in their order in one statement
// (apply_remote_votes, migration 000024) and answers what became of each.
// A refused vote changes nothing; a vote applied changes the counts of
// what it is on, as SetPostVote does.
func (s *Store) ApplyRemoteVotes(ctx context.Context, votes []RemoteVote) ([]VoteOutcome, error) {
	n := len(votes)
	activityIDs, voteAPIDs := make([]string, n), make([]string, n)
	personIDs, postIDs, commentIDs := make([]int64, n), make([]int64, n), make([]int64, n)
	scores := make([]int32, n)
	for i, v := range votes {
		if v.Score < -1 || v.Score > 1 {
			return nil, fmt.Errorf("apply remote votes: score %d: %w", v.Score, ErrInvalid)
		}
		activityIDs[i], personIDs[i], postIDs[i], commentIDs[i] = v.ActivityID, v.PersonID, v.PostID, v.CommentID
		scores[i], voteAPIDs[i] = int32(v.Score), v.VoteAPID
	}
	rows, err := s.db.Query(ctx, `
		SELECT n, outcome, coalesce(community_id, 0), coalesce(community_ap_id, ''), coalesce(community_local, false),
			coalesce(community_followed, false)
		FROM apply_remote_votes($1, $2, $3, $4, $5, $6)`,
		activityIDs, personIDs, postIDs, commentIDs, scores, voteAPIDs)
	if err != nil {
		return nil, wrap("apply remote votes", err)
	}
	out := make([]VoteOutcome, n)
	var i int
	var o VoteOutcome
	_, err = pgx.ForEachRow(rows, []any{&i, &o.Outcome, &o.CommunityID, &o.CommunityAPID, &o.CommunityLocal, &o.CommunityFollowed}, func() error {
		if i < 1 || i > n {
			return fmt.Errorf("outcome of vote %d of %d", i, n)
		}
		out[i-1] = o
		return nil
	})
	return out, wrap("apply remote votes", err)
}
