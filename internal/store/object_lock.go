package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// LockObject locks a post's row, or with commentID a comment's, until the
// transaction ends, so that what is read of it next stays true until the
// change that depends on it commits.
func (s *Store) LockObject(ctx context.Context, postID, commentID int64) error {
	table, id := "posts", postID
	if commentID != 0 {
		table, id = "comments", commentID
	}
	tag, err := s.db.Exec(ctx, `SELECT 1 FROM `+table+` WHERE id = $1 FOR UPDATE`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("lock "+table+" row", err)
}
