package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// CommentsOfPost reads a post's whole comment tree with each comment's
// markdown source, parents before children: the client API answers the
// source, which Thread leaves out.
func (s *Store) CommentsOfPost(ctx context.Context, postID int64) ([]Comment, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+commentFrom+` WHERE cm.post_id = $1 ORDER BY cm.path`, postID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Comment])
	return out, wrap("read comments of post", err)
}

// CommentVotes reads a person's votes on these comments.
func (s *Store) CommentVotes(ctx context.Context, personID int64, ids []int64) (map[int64]int, error) {
	rows, _ := s.db.Query(ctx, `SELECT comment_id, score FROM comment_votes WHERE person_id = $1 AND comment_id = ANY($2)`,
		personID, ids)
	out := map[int64]int{}
	var id int64
	var score int
	_, err := pgx.ForEachRow(rows, []any{&id, &score}, func() error { out[id] = score; return nil })
	return out, wrap("read comment votes", err)
}
