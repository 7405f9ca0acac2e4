package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// CommunityBan is a ban from a community still in force, with whom it
// bans.
type CommunityBan struct {
	Person
	Reason    string     `db:"reason"`
	ExpiresAt *time.Time `db:"expires_at"`
	BannedAt  time.Time  `db:"created_at"`
}

// CommunityBans lists the bans in force in a community, newest first.
func (s *Store) CommunityBans(ctx context.Context, communityID int64) ([]CommunityBan, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+personColumns+`, coalesce(b.reason, '') AS reason, b.expires_at, b.created_at`+
		personFrom+` JOIN community_bans b ON b.person_id = p.id
		WHERE b.community_id = $1 AND (b.expires_at IS NULL OR b.expires_at > now())
		ORDER BY b.created_at DESC, p.id`, communityID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[CommunityBan])
	return out, wrap("list community bans", err)
}
