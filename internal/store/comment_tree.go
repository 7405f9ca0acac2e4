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

// PostsByIDs reads the posts with these ids.
func (s *Store) PostsByIDs(ctx context.Context, ids []int64) (map[int64]Post, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+postColumns+postFrom+` WHERE po.id = ANY($1)`, ids)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[Post])
	out := make(map[int64]Post, len(list))
	for _, p := range list {
		out[p.ID] = p
	}
	return out, wrap("read posts", err)
}

// CommentChildCounts counts the replies below each of these comments, at
// any depth, each within its own post's tree.
func (s *Store) CommentChildCounts(ctx context.Context, ids []int64) (map[int64]int, error) {
	rows, _ := s.db.Query(ctx, `SELECT c.id, (SELECT count(*) FROM comments d
			WHERE d.post_id = c.post_id AND d.id <> c.id AND d.path @> ARRAY[c.id])
		FROM comments c WHERE c.id = ANY($1)`, ids)
	out := map[int64]int{}
	var id int64
	var n int
	_, err := pgx.ForEachRow(rows, []any{&id, &n}, func() error { out[id] = n; return nil })
	return out, wrap("count comment children", err)
}

// CommentsByIDs reads the comments with these ids, with their sources.
func (s *Store) CommentsByIDs(ctx context.Context, ids []int64) (map[int64]Comment, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+commentColumns+commentFrom+` WHERE cm.id = ANY($1)`, ids)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByName[Comment])
	out := make(map[int64]Comment, len(list))
	for _, c := range list {
		out[c.ID] = c
	}
	return out, wrap("read comments", err)
}
