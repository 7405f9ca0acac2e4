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

// PruneReceivedActivities forgets at most limit ids received before
// olderThan, past which no sender still retries, oldest first, and says how
// many went; see PruneSentActivities for why in batches.
func (s *Store) PruneReceivedActivities(ctx context.Context, olderThan time.Time, limit int) (int64, error) {
	tag, err := s.db.Exec(ctx, `
		DELETE FROM received_activities WHERE ap_id IN (
			SELECT ap_id FROM received_activities WHERE received_at < $1 ORDER BY received_at LIMIT $2)`,
		olderThan, limit)
	return tag.RowsAffected(), wrap("prune received activities", err)
}

// earlyDeletePrefix marks, among received ids, an object deleted before we
// had it: deliveries overtake one another, and a Delete that arrives
// before its Create must still win.
const earlyDeletePrefix = "deleted-before-arrival:"

// MarkDeletedEarly records that the object objectID was deleted (or, with
// deleted false, restored) by its author before it reached us.
func (s *Store) MarkDeletedEarly(ctx context.Context, objectID string, deleted bool) error {
	var err error
	if deleted {
		_, err = s.db.Exec(ctx, `INSERT INTO received_activities (ap_id) VALUES ($1) ON CONFLICT DO NOTHING`,
			earlyDeletePrefix+objectID)
	} else {
		_, err = s.db.Exec(ctx, `DELETE FROM received_activities WHERE ap_id = $1`, earlyDeletePrefix+objectID)
	}
	return wrap("mark deleted early", err)
}

// DeletedEarly reports whether objectID was deleted before it reached us.
func (s *Store) DeletedEarly(ctx context.Context, objectID string) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM received_activities WHERE ap_id = $1)`,
		earlyDeletePrefix+objectID).Scan(&ok)
	return ok, wrap("check deleted early", err)
}
