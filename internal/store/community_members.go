package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Follow states.
const (
	FollowPending  = "pending"
	FollowAccepted = "accepted"
	FollowRejected = "rejected"
)

// AddModerator makes a person a moderator of a community (idempotent).
func (s *Store) AddModerator(ctx context.Context, communityID, personID int64) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO community_moderators (community_id, person_id) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, communityID, personID)
	return wrap("add moderator", err)
}

// RemoveModerator withdraws a moderator.
func (s *Store) RemoveModerator(ctx context.Context, communityID, personID int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM community_moderators WHERE community_id = $1 AND person_id = $2`,
		communityID, personID)
	return wrap("remove moderator", err)
}

// Moderators lists a community's moderators, first added first.
func (s *Store) Moderators(ctx context.Context, communityID int64) ([]Person, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+personColumns+personFrom+`
		JOIN community_moderators m ON m.person_id = p.id
		WHERE m.community_id = $1 ORDER BY m.added_at, p.id`, communityID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Person])
	return out, wrap("list moderators", err)
}

// IsModerator reports whether a person moderates a community.
func (s *Store) IsModerator(ctx context.Context, communityID, personID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM community_moderators
		WHERE community_id = $1 AND person_id = $2)`, communityID, personID).Scan(&ok)
	return ok, wrap("check moderator", err)
}

// Follow is a person's subscription to a community.
type Follow struct {
	CommunityID int64     `db:"community_id"`
	PersonID    int64     `db:"person_id"`
	State       string    `db:"state"`
	FollowAPID  string    `db:"follow_ap_id"`
	CreatedAt   time.Time `db:"created_at"`
}

// UpsertFollow records a follow or moves it to a new state.
func (s *Store) UpsertFollow(ctx context.Context, communityID, personID int64, state, followAPID string) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO community_follows (community_id, person_id, state, follow_ap_id)
		VALUES ($1, $2, $3, nullif($4, ''))
		ON CONFLICT (community_id, person_id) DO UPDATE
		SET state = excluded.state, follow_ap_id = coalesce(excluded.follow_ap_id, community_follows.follow_ap_id),
			updated_at = now()`, communityID, personID, state, followAPID)
	return wrap("upsert follow", err)
}

// GetFollow reads one person's follow of a community.
func (s *Store) GetFollow(ctx context.Context, communityID, personID int64) (Follow, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT community_id, person_id, state, coalesce(follow_ap_id, '') AS follow_ap_id, created_at
		FROM community_follows WHERE community_id = $1 AND person_id = $2`, communityID, personID)
	f, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Follow])
	return f, wrap("get follow", err)
}

// DeleteFollow ends a follow; ErrNotFound when there was none.
func (s *Store) DeleteFollow(ctx context.Context, communityID, personID int64) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM community_follows WHERE community_id = $1 AND person_id = $2`,
		communityID, personID)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("delete follow", err)
}

// AnswerFollow moves our pending Follow (by its activity id) of a remote
// community to accepted or rejected, and reports whether there was one.
func (s *Store) AnswerFollow(ctx context.Context, communityID int64, followAPID, state string) (bool, error) {
	tag, err := s.db.Exec(ctx, `
		UPDATE community_follows SET state = $3, updated_at = now()
		WHERE community_id = $1 AND follow_ap_id = $2 AND state <> $3`, communityID, followAPID, state)
	if err != nil {
		return false, wrap("answer follow", err)
	}
	return tag.RowsAffected() > 0, nil
}

// HasLocalFollowers reports whether anyone here follows (or asked to
// follow) a community: what it announces is only kept then.
func (s *Store) HasLocalFollowers(ctx context.Context, communityID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM community_follows f JOIN people p ON p.id = f.person_id
		WHERE f.community_id = $1 AND p.local AND f.state IN ('pending', 'accepted'))`, communityID).Scan(&ok)
	return ok, wrap("check local followers", err)
}

// FollowerInboxes lists where to deliver a community's activities: one
// inbox per remote instance (the shared one where it has one), leaving
// out instances we do not federate with.
func (s *Store) FollowerInboxes(ctx context.Context, communityID int64) ([]string, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT DISTINCT coalesce(p.shared_inbox_url, p.inbox_url)
		FROM community_follows f JOIN people p ON p.id = f.person_id JOIN instances i ON i.id = p.instance_id
		WHERE f.community_id = $1 AND f.state = 'accepted' AND NOT p.local AND NOT `+refusedSQL+`
		ORDER BY 1`, communityID)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return out, wrap("list follower inboxes", err)
}

// IsBannedFromCommunity reports a live community ban.
func (s *Store) IsBannedFromCommunity(ctx context.Context, communityID, personID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM community_bans WHERE community_id = $1 AND person_id = $2
		AND (expires_at IS NULL OR expires_at > now()))`, communityID, personID).Scan(&ok)
	return ok, wrap("check community ban", err)
}

// SubscribedCommunityIDs lists the communities a person follows or asked to.
func (s *Store) SubscribedCommunityIDs(ctx context.Context, personID int64) (map[int64]string, error) {
	rows, err := s.db.Query(ctx, `SELECT community_id, state FROM community_follows WHERE person_id = $1`, personID)
	if err != nil {
		return nil, wrap("list subscriptions", err)
	}
	out := map[int64]string{}
	var id int64
	var state string
	_, err = pgx.ForEachRow(rows, []any{&id, &state}, func() error { out[id] = state; return nil })
	return out, wrap("list subscriptions", err)
}

// BanFromCommunity bans a person from one community until lifted.
func (s *Store) BanFromCommunity(ctx context.Context, communityID, personID int64, reason string) error {
	return s.BanFromCommunityUntil(ctx, communityID, personID, reason, time.Time{})
}

// MakeFirstModerator puts a moderator first among a community's
// moderators, who are listed by when they were added, the first being the
// community's owner: a hand-over dates them before the others, as Lemmy
// re-adds the moderators in their new order.
func (s *Store) MakeFirstModerator(ctx context.Context, communityID, personID int64) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE community_moderators SET added_at = (
			SELECT min(added_at) - interval '1 millisecond' FROM community_moderators WHERE community_id = $1)
		WHERE community_id = $1 AND person_id = $2`, communityID, personID)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("make first moderator", err)
}
