package store

import (
	"context"
	"time"
)

// SentActivity is an activity we sent, kept so that its id answers a GET.
type SentActivity struct {
	APID string
	// Activity is the JSON as it was delivered (or, for an activity that
	// was embedded in another, as it was embedded, with an @context).
	Activity []byte
	// Sensitive marks a private message or a report: kept, but not served.
	Sensitive bool
	CreatedAt time.Time
}

// SaveSentActivities stores activities in one statement; an id stored
// before keeps its first copy, so a delivery queued again changes nothing.
func (s *Store) SaveSentActivities(ctx context.Context, acts []SentActivity) error {
	if len(acts) == 0 {
		return nil
	}
	ids := make([]string, len(acts))
	bodies := make([]string, len(acts))
	sensitive := make([]bool, len(acts))
	for i, a := range acts {
		ids[i], bodies[i], sensitive[i] = a.APID, string(a.Activity), a.Sensitive
	}
	_, err := s.db.Exec(ctx, `
		INSERT INTO sent_activities (ap_id, activity, sensitive)
		SELECT id, body::json, sensitive FROM unnest($1::text[], $2::text[], $3::boolean[]) AS t(id, body, sensitive)
		ON CONFLICT (ap_id) DO NOTHING`, ids, bodies, sensitive)
	return wrap("save sent activities", err)
}

// SentActivityByAPID is the activity stored under apID at or after since;
// ErrNotFound when there is none, or only an older one.
func (s *Store) SentActivityByAPID(ctx context.Context, apID string, since time.Time) (SentActivity, error) {
	a := SentActivity{APID: apID}
	var body string
	err := s.db.QueryRow(ctx, `
		SELECT activity::text, sensitive, created_at FROM sent_activities
		WHERE ap_id = $1 AND created_at >= $2`, apID, since).Scan(&body, &a.Sensitive, &a.CreatedAt)
	a.Activity = []byte(body)
	return a, wrap("read sent activity", err)
}

// PruneSentActivities deletes at most limit activities stored before
// olderThan, oldest first, and says how many went: a caller repeats it
// until fewer than limit go, so that no one statement holds locks on a
// day's worth of rows.
func (s *Store) PruneSentActivities(ctx context.Context, olderThan time.Time, limit int) (int64, error) {
	tag, err := s.db.Exec(ctx, `
		DELETE FROM sent_activities WHERE ap_id IN (
			SELECT ap_id FROM sent_activities WHERE created_at < $1 ORDER BY created_at LIMIT $2)`,
		olderThan, limit)
	return tag.RowsAffected(), wrap("prune sent activities", err)
}
