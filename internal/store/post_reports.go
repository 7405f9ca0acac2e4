package store

import "context"

// NewPostReport is a report of a post: the post as it was when reported
// is copied from the row, so that nothing the caller read earlier can be
// stored as the original.
type NewPostReport struct {
	APID      string // the Flag's id
	CreatorID int64  // zero when the reporting server did not say who
	PostID    int64
	Reason    string
}

// InsertPostReport stores a report of a post with the post's title, link
// and text as they are now, and returns its id. A second open report of
// the same post by the same person is ErrConflict, and so is a Flag id
// stored before.
func (s *Store) InsertPostReport(ctx context.Context, r NewPostReport) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO post_reports (ap_id, creator_id, post_id, original_post_name, original_post_url,
			original_post_body, reason)
		SELECT $1, nullif($2, 0), p.id, p.title, p.url, p.body, $4
		FROM posts p WHERE p.id = $3
		RETURNING id`, r.APID, r.CreatorID, r.PostID, r.Reason).Scan(&id)
	return id, wrap("report post", err)
}
