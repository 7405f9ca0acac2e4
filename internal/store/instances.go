package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Instance is a server we know of, ours included.
type Instance struct {
	ID          int64     `db:"id"`
	Domain      string    `db:"domain"`
	Software    string    `db:"software"`
	Version     string    `db:"version"`
	FirstSeenAt time.Time `db:"first_seen_at"`
	LastSeenAt  time.Time `db:"last_seen_at"`
	Blocked     bool      `db:"blocked"`
	Allowed     bool      `db:"allowed"`
}

const instanceColumns = `id, domain, coalesce(software, '') AS software, coalesce(version, '') AS version,
	first_seen_at, last_seen_at, blocked, allowed`

// UpsertInstance returns the instance for a domain, recording it the first
// time and marking it seen otherwise.
func (s *Store) UpsertInstance(ctx context.Context, domain string) (Instance, error) {
	rows, _ := s.db.Query(ctx, `
		INSERT INTO instances (domain) VALUES (lower($1))
		ON CONFLICT (domain) DO UPDATE SET last_seen_at = now()
		RETURNING `+instanceColumns, domain)
	in, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Instance])
	return in, wrap("upsert instance "+domain, err)
}

// InstanceByDomain finds a known instance.
func (s *Store) InstanceByDomain(ctx context.Context, domain string) (Instance, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+instanceColumns+` FROM instances WHERE domain = lower($1)`, domain)
	in, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Instance])
	return in, wrap("get instance "+domain, err)
}

// SetInstanceSoftware records what a remote instance says it runs (nodeinfo).
func (s *Store) SetInstanceSoftware(ctx context.Context, id int64, software, version string) error {
	_, err := s.db.Exec(ctx, `UPDATE instances SET software = $2, version = $3 WHERE id = $1`, id, software, version)
	return wrap("set instance software", err)
}

// SetInstanceBlocked blocks or unblocks an instance; blocking clears allowed.
func (s *Store) SetInstanceBlocked(ctx context.Context, domain string, blocked bool) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE instances SET blocked = $2, allowed = allowed AND NOT $2 WHERE domain = lower($1)`, domain, blocked)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set instance blocked", err)
}

// ListInstances returns every instance by domain.
func (s *Store) ListInstances(ctx context.Context) ([]Instance, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+instanceColumns+` FROM instances ORDER BY domain`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Instance])
	return out, wrap("list instances", err)
}
