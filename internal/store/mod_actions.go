package store

import (
	"context"
	"time"
)

// ModAction is one entry of the moderation log. Zero ids are absent.
type ModAction struct {
	Action         string
	ModeratorID    int64 // zero when the admin CLI, or a check of ours, acted
	CommunityID    int64
	PostID         int64
	CommentID      int64
	TargetPersonID int64
	Reason         string
	// TargetName is what the target was called (a post's title, a
	// person's or community's name), for a purge, whose target and the
	// references to it are gone.
	TargetName string
	// ExpiresAt is when a ban ends; zero for never, and for other actions.
	ExpiresAt time.Time
}

// LogModAction appends to the moderation log.
func (s *Store) LogModAction(ctx context.Context, a ModAction) error {
	var expires *time.Time
	if !a.ExpiresAt.IsZero() {
		expires = &a.ExpiresAt
	}
	_, err := s.db.Exec(ctx, `
		INSERT INTO mod_actions (action, moderator_id, community_id, post_id, comment_id, target_person_id, reason,
			target_name, expires_at)
		VALUES ($1, nullif($2, 0), nullif($3, 0), nullif($4, 0), nullif($5, 0), nullif($6, 0), nullif($7, ''),
			nullif($8, ''), $9)`,
		a.Action, a.ModeratorID, a.CommunityID, a.PostID, a.CommentID, a.TargetPersonID, a.Reason, a.TargetName, expires)
	return wrap("log mod action "+a.Action, err)
}
