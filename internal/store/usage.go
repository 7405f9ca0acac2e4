package store

import "context"

// Usage is what nodeinfo reports about this instance.
type Usage struct {
	Users          int64 `db:"users"`
	ActiveMonth    int64 `db:"active_month"`
	ActiveHalfyear int64 `db:"active_halfyear"`
	LocalPosts     int64 `db:"local_posts"`
	LocalComments  int64 `db:"local_comments"`
}

// LocalUsage counts local accounts, those active lately (who posted or
// commented), and local posts and comments.
func (s *Store) LocalUsage(ctx context.Context) (Usage, error) {
	var u Usage
	err := s.db.QueryRow(ctx, `
		WITH activity AS (
			SELECT creator_id, published FROM posts WHERE local
			UNION ALL
			SELECT creator_id, published FROM comments WHERE local
		)
		SELECT
			(SELECT count(*) FROM local_users lu JOIN people p ON p.id = lu.person_id
			 WHERE lu.accepted AND NOT p.deleted),
			(SELECT count(DISTINCT creator_id) FROM activity WHERE published > now() - interval '30 days'),
			(SELECT count(DISTINCT creator_id) FROM activity WHERE published > now() - interval '180 days'),
			(SELECT count(*) FROM posts WHERE local AND NOT deleted AND NOT removed),
			(SELECT count(*) FROM comments WHERE local AND NOT deleted AND NOT removed)`).
		Scan(&u.Users, &u.ActiveMonth, &u.ActiveHalfyear, &u.LocalPosts, &u.LocalComments)
	return u, wrap("count local usage", err)
}
