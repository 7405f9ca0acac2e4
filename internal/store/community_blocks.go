package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// BlockCommunity records that a person blocks a community; blocking again
// changes nothing.
func (s *Store) BlockCommunity(ctx context.Context, personID, communityID int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO community_blocks (person_id, community_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		personID, communityID)
	return wrap("block community", err)
}

// UnblockCommunity takes a block back, if there was one.
func (s *Store) UnblockCommunity(ctx context.Context, personID, communityID int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM community_blocks WHERE person_id = $1 AND community_id = $2`, personID, communityID)
	return wrap("unblock community", err)
}

// BlocksCommunity tells whether a person blocks a community.
func (s *Store) BlocksCommunity(ctx context.Context, personID, communityID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM community_blocks WHERE person_id = $1 AND community_id = $2)`,
		personID, communityID).Scan(&ok)
	return ok, wrap("check community block", err)
}

// BlockedCommunity is a community someone blocks, as their settings list it.
type BlockedCommunity struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name"`
	Title     string    `db:"title"`
	Domain    string    `db:"domain"`
	Published time.Time `db:"published"`
}

// CommunityBlocks lists the communities a person blocks, newest block first.
func (s *Store) CommunityBlocks(ctx context.Context, personID int64) ([]BlockedCommunity, error) {
	rows, _ := s.db.Query(ctx, `SELECT c.id, c.name, c.title, i.domain, b.published FROM community_blocks b
		JOIN communities c ON c.id = b.community_id JOIN instances i ON i.id = c.instance_id
		WHERE b.person_id = $1 ORDER BY b.published DESC, c.id DESC`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[BlockedCommunity])
	return out, wrap("list community blocks", err)
}
