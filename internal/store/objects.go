package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// ObjectRef locates a post or comment by its ActivityPub id: the post, the
// comment (zero for a post) and the ap_id of their community.
type ObjectRef struct {
	PostID        int64  `db:"post_id"`
	CommentID     int64  `db:"comment_id"`
	CommunityAPID string `db:"community_ap_id"`
}

// ObjectByAPID finds the post or comment whose ap_id is apID, in one query:
// every incoming vote, edit and deletion asks it.
func (s *Store) ObjectByAPID(ctx context.Context, apID string) (ObjectRef, error) {
	rows, _ := s.db.Query(ctx, `
		(SELECT p.id AS post_id, 0::bigint AS comment_id, co.ap_id AS community_ap_id
		FROM posts p JOIN communities co ON co.id = p.community_id WHERE p.ap_id = $1)
		UNION ALL
		(SELECT c.post_id, c.id, co.ap_id
		FROM comments c JOIN posts p ON p.id = c.post_id JOIN communities co ON co.id = p.community_id
		WHERE c.ap_id = $1)
		LIMIT 1`, apID)
	ref, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[ObjectRef])
	return ref, wrap("find object "+apID, err)
}
