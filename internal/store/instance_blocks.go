package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// A person's own instance blocks hide an instance's people and communities
// from that person; the admins' blocks (instances.go) refuse it for all.

// BlockInstanceFor records that a person blocks an instance; blocking
// again changes nothing.
func (s *Store) BlockInstanceFor(ctx context.Context, personID, instanceID int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO instance_blocks (person_id, instance_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		personID, instanceID)
	return wrap("block instance for person", err)
}

// UnblockInstanceFor takes a person's block of an instance back.
func (s *Store) UnblockInstanceFor(ctx context.Context, personID, instanceID int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM instance_blocks WHERE person_id = $1 AND instance_id = $2`, personID, instanceID)
	return wrap("unblock instance for person", err)
}

// BlocksInstance tells whether a person blocks an instance.
func (s *Store) BlocksInstance(ctx context.Context, personID, instanceID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM instance_blocks WHERE person_id = $1 AND instance_id = $2)`,
		personID, instanceID).Scan(&ok)
	return ok, wrap("check instance block", err)
}

// BlockedInstance is an instance someone blocks, as their settings list it.
type BlockedInstance struct {
	ID        int64     `db:"id"`
	Domain    string    `db:"domain"`
	Published time.Time `db:"published"`
}

// InstanceBlocksOf lists the instances a person blocks, newest block first.
func (s *Store) InstanceBlocksOf(ctx context.Context, personID int64) ([]BlockedInstance, error) {
	rows, _ := s.db.Query(ctx, `SELECT i.id, i.domain, b.published FROM instance_blocks b
		JOIN instances i ON i.id = b.instance_id WHERE b.person_id = $1 ORDER BY b.published DESC, i.id DESC`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[BlockedInstance])
	return out, wrap("list instance blocks", err)
}
