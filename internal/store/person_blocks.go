package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// BlockPerson records that a person blocks another; blocking again
// changes nothing. ErrInvalid for oneself, ErrNotFound for nobody.
func (s *Store) BlockPerson(ctx context.Context, personID, targetID int64) error {
	_, err := s.db.Exec(ctx, `INSERT INTO person_blocks (person_id, target_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		personID, targetID)
	return wrap("block person", err)
}

// UnblockPerson takes a block back, if there was one.
func (s *Store) UnblockPerson(ctx context.Context, personID, targetID int64) error {
	_, err := s.db.Exec(ctx, `DELETE FROM person_blocks WHERE person_id = $1 AND target_id = $2`, personID, targetID)
	return wrap("unblock person", err)
}

// BlocksSender tells whether recipient blocks sender, or sender's
// instance: what notifications and private messages ask before they reach
// someone. Two probes of primary keys.
func (s *Store) BlocksSender(ctx context.Context, recipientID, senderID int64) (bool, error) {
	var blocked bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM person_blocks WHERE person_id = $1 AND target_id = $2)
		OR EXISTS (SELECT 1 FROM instance_blocks ib JOIN people p ON p.instance_id = ib.instance_id
			WHERE ib.person_id = $1 AND p.id = $2)`, recipientID, senderID).Scan(&blocked)
	return blocked, wrap("check block", err)
}

// RecipientsBlocking tells which of the recipients block sender, or
// sender's instance, in one query: for a notification with many readers.
func (s *Store) RecipientsBlocking(ctx context.Context, senderID int64, recipientIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(recipientIDs) == 0 {
		return out, nil
	}
	rows, _ := s.db.Query(ctx, `SELECT person_id FROM person_blocks WHERE target_id = $1 AND person_id = ANY ($2)
		UNION SELECT ib.person_id FROM instance_blocks ib JOIN people p ON p.instance_id = ib.instance_id
			WHERE p.id = $1 AND ib.person_id = ANY ($2)`, senderID, recipientIDs)
	var id int64
	_, err := pgx.ForEachRow(rows, []any{&id}, func() error { out[id] = true; return nil })
	return out, wrap("find recipients blocking", err)
}

// BlockedAmong tells which of the people a reader blocks, by themselves or
// by their instance: for the authors of a thread's comments.
func (s *Store) BlockedAmong(ctx context.Context, readerID int64, peopleIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(peopleIDs) == 0 {
		return out, nil
	}
	rows, _ := s.db.Query(ctx, `SELECT p.id FROM people p WHERE p.id = ANY ($2) AND (
			EXISTS (SELECT 1 FROM person_blocks b WHERE b.person_id = $1 AND b.target_id = p.id)
			OR EXISTS (SELECT 1 FROM instance_blocks ib WHERE ib.person_id = $1 AND ib.instance_id = p.instance_id))`,
		readerID, peopleIDs)
	var id int64
	_, err := pgx.ForEachRow(rows, []any{&id}, func() error { out[id] = true; return nil })
	return out, wrap("find blocked people", err)
}

// BlockedPerson is a person someone blocks, as their settings list it.
type BlockedPerson struct {
	ID        int64     `db:"id"`
	Name      string    `db:"name"`
	Domain    string    `db:"domain"`
	Published time.Time `db:"published"`
}

// PersonBlocks lists whom a person blocks, newest block first.
func (s *Store) PersonBlocks(ctx context.Context, personID int64) ([]BlockedPerson, error) {
	rows, _ := s.db.Query(ctx, `SELECT p.id, p.name, i.domain, b.published FROM person_blocks b
		JOIN people p ON p.id = b.target_id JOIN instances i ON i.id = p.instance_id
		WHERE b.person_id = $1 ORDER BY b.published DESC, p.id DESC`, personID)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[BlockedPerson])
	return out, wrap("list person blocks", err)
}

// BlocksPerson tells whether a person blocks another themselves (not by
// instance): for the button on a profile.
func (s *Store) BlocksPerson(ctx context.Context, personID, targetID int64) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM person_blocks WHERE person_id = $1 AND target_id = $2)`,
		personID, targetID).Scan(&ok)
	return ok, wrap("check person block", err)
}
