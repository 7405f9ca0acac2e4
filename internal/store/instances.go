package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// Federation modes of the site.
const (
	FederationOpen      = "open"
	FederationAllowList = "allow_list"
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
	// Refused: we do not federate with it, because it is blocked or
	// because the site federates only with allowed instances and it is not
	// one of them (never our own).
	Refused bool `db:"refused"`
	// LastSuccessAt is the last delivery it accepted.
	LastSuccessAt *time.Time `db:"last_success_at"`
	// FailingSince is the first failed delivery since it last answered.
	FailingSince *time.Time `db:"failing_since"`
	// Dead: it has failed for so long that deliveries are given up untried
	// until it is heard from again.
	Dead bool `db:"dead"`
	// RetriedAt is when an admin last asked for its deliveries to be
	// tried again.
	RetriedAt *time.Time `db:"retried_at"`
}

// refusedSQL decides Refused for a row of instances named i. It reads the
// site's mode here, not in Go, so that every query answers it the same way
// and in one round trip.
const refusedSQL = `(i.blocked OR (NOT i.allowed AND EXISTS (
	SELECT 1 FROM site s WHERE s.federation_mode = 'allow_list' AND s.host IS DISTINCT FROM i.domain)))`

const instanceColumns = `i.id, i.domain, coalesce(i.software, '') AS software, coalesce(i.version, '') AS version,
	i.first_seen_at, i.last_seen_at, i.blocked, i.allowed, ` + refusedSQL + ` AS refused,
	i.last_success_at, i.failing_since, i.dead, i.retried_at`

// UpsertInstance returns the instance for a domain, recording it the first
// time and marking it seen otherwise. Seen means heard from (it is called
// when something was fetched from it), so it also clears a failing or dead
// state: deliveries to it are tried again.
func (s *Store) UpsertInstance(ctx context.Context, domain string) (Instance, error) {
	rows, _ := s.db.Query(ctx, `
		INSERT INTO instances AS i (domain) VALUES (lower($1))
		ON CONFLICT (domain) DO UPDATE SET last_seen_at = now(), failing_since = NULL, dead = false
		RETURNING `+instanceColumns, domain)
	in, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Instance])
	return in, wrap("upsert instance "+domain, err)
}

// AddInstance records a domain we have not heard from, such as one an
// admin blocks or allows in advance, without marking a known one seen.
func (s *Store) AddInstance(ctx context.Context, domain string) (Instance, error) {
	_, err := s.db.Exec(ctx, `INSERT INTO instances (domain) VALUES (lower($1)) ON CONFLICT (domain) DO NOTHING`, domain)
	if err != nil {
		return Instance{}, wrap("add instance "+domain, err)
	}
	return s.InstanceByDomain(ctx, domain)
}

// InstanceByDomain finds a known instance.
func (s *Store) InstanceByDomain(ctx context.Context, domain string) (Instance, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+instanceColumns+` FROM instances i WHERE i.domain = lower($1)`, domain)
	in, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Instance])
	return in, wrap("get instance "+domain, err)
}

// InstanceByID finds a known instance by its id.
func (s *Store) InstanceByID(ctx context.Context, id int64) (Instance, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+instanceColumns+` FROM instances i WHERE i.id = $1`, id)
	in, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Instance])
	return in, wrap("get instance", err)
}

// InstanceState is what we know of domain, whether we federate with it
// above all: a known instance as stored, an unknown one with only Domain
// and Refused set (refused in allow-list mode, which lets nobody unknown
// in). It never answers ErrNotFound.
func (s *Store) InstanceState(ctx context.Context, domain string) (Instance, error) {
	in, err := s.InstanceByDomain(ctx, domain)
	if !errors.Is(err, ErrNotFound) {
		return in, err
	}
	in = Instance{Domain: domain}
	err = s.db.QueryRow(ctx, `SELECT federation_mode = 'allow_list' FROM site WHERE id = 1`).Scan(&in.Refused)
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

// SetInstanceAllowed puts an instance on the allow-list or takes it off;
// allowing clears blocked, as the two contradict each other.
func (s *Store) SetInstanceAllowed(ctx context.Context, domain string, allowed bool) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE instances SET allowed = $2, blocked = blocked AND NOT $2 WHERE domain = lower($1)`, domain, allowed)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	return wrap("set instance allowed", err)
}

// ListInstances returns every instance by domain.
func (s *Store) ListInstances(ctx context.Context) ([]Instance, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+instanceColumns+` FROM instances i ORDER BY i.domain`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[Instance])
	return out, wrap("list instances", err)
}
