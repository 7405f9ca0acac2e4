package store

import "context"

// ModAction is one entry of the moderation log. Zero ids are absent.
type ModAction struct {
	Action         string
	ModeratorID    int64 // zero when the admin CLI acted
	CommunityID    int64
	PostID         int64
	CommentID      int64
	TargetPersonID int64
	Reason         string
}

// LogModAction appends to the moderation log.
func (s *Store) LogModAction(ctx context.Context, a ModAction) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO mod_actions (action, moderator_id, community_id, post_id, comment_id, target_person_id, reason)
		VALUES ($1, nullif($2, 0), nullif($3, 0), nullif($4, 0), nullif($5, 0), nullif($6, 0), nullif($7, ''))`,
		a.Action, a.ModeratorID, a.CommunityID, a.PostID, a.CommentID, a.TargetPersonID, a.Reason)
	return wrap("log mod action "+a.Action, err)
}
