package store

import "context"

// NewCommentReport is a report of a comment; its text as it was when
// reported is copied from the row.
type NewCommentReport struct {
	APID      string // the Flag's id
	CreatorID int64  // zero when the reporting server did not say who
	CommentID int64
	Reason    string
}

// InsertCommentReport stores a report of a comment with the comment's
// text as it is now, and returns its id. A second open report of the same
// comment by the same person is ErrConflict, and so is a Flag id stored
// before.
func (s *Store) InsertCommentReport(ctx context.Context, r NewCommentReport) (int64, error) {
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO comment_reports (ap_id, creator_id, comment_id, original_comment_text, reason)
		SELECT $1, nullif($2, 0), c.id, c.body, $4
		FROM comments c WHERE c.id = $3
		RETURNING id`, r.APID, r.CreatorID, r.CommentID, r.Reason).Scan(&id)
	return id, wrap("report comment", err)
}
