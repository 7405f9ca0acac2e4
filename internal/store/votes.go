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

// VoteCheck is what deciding on a vote needs to know, read in one query:
// whether the post (and comment) still stand, whether their community
// does, and whether the voter is banned here or from it.
type VoteCheck struct {
	PostID         int64  `db:"post_id"`
	CommunityID    int64  `db:"community_id"`
	CommunityAPID  string `db:"community_ap_id"`
	CommunityLocal bool   `db:"community_local"`
	Gone           bool   `db:"gone"`           // the post or comment is deleted or removed
	CommunityGone  bool   `db:"community_gone"` // the community is deleted or removed
	Banned         bool   `db:"banned"`         // the voter, from the site or the community
}

// CheckVote reads a VoteCheck for personID's vote on a post (commentID
// zero) or a comment; ErrNotFound when there is no such post or comment.
func (s *Store) CheckVote(ctx context.Context, postID, commentID, personID int64) (VoteCheck, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT po.id AS post_id, co.id AS community_id, co.ap_id AS community_ap_id, co.local AS community_local,
			(po.deleted OR po.removed OR coalesce(cm.deleted OR cm.removed, false)) AS gone,
			(co.deleted OR co.removed) AS community_gone,
			((pe.banned AND (pe.ban_expires_at IS NULL OR pe.ban_expires_at > now())) OR EXISTS (SELECT 1 FROM community_bans b WHERE b.community_id = co.id AND b.person_id = pe.id
				AND (b.expires_at IS NULL OR b.expires_at > now()))) AS banned
		FROM posts po
		JOIN communities co ON co.id = po.community_id
		JOIN people pe ON pe.id = $3
		LEFT JOIN comments cm ON cm.id = $2 AND cm.post_id = po.id
		WHERE po.id = coalesce((SELECT post_id FROM comments WHERE id = $2), $1)
			AND ($2 = 0 OR cm.id IS NOT NULL)`, postID, commentID, personID)
	v, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[VoteCheck])
	return v, wrap("check vote", err)
}
