package store

import (
	"context"
	"time"
)

// MarkActivityReceived records an incoming activity id and reports whether
// it is new; false means it was applied before and must be skipped.
func (s *Store) MarkActivityReceived(ctx context.Context, apID string) (bool, error) {
	tag, err := s.db.Exec(ctx, `INSERT INTO received_activities (ap_id) VALUES ($1) ON CONFLICT DO NOTHING`, apID)
	return tag.RowsAffected() == 1, wrap("mark activity received", err)
}

// PruneReceivedActivities forgets ids older than the cut-off, past which no
// sender still retries.
func (s *Store) PruneReceivedActivities(ctx context.Context, olderThan time.Time) (int64, error) {
	tag, err := s.db.Exec(ctx, `DELETE FROM received_activities WHERE received_at < $1`, olderThan)
	return tag.RowsAffected(), wrap("prune received activities", err)
}
