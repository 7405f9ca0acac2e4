package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// The health of deliveries to each instance, and the delivery jobs queued
// for it. Deliveries are River jobs of kind deliver_activity whose args
// hold the inbox URL; the queries here group them by the inbox's host.

// deliveryHostSQL is the lower-cased host[:port] of a delivery job's inbox,
// as the worker names it (ap.Domain: userinfo and default port dropped).
// SQL cannot do the rest of ap.Domain's canonical form (punycode, unmapped
// IPv4 addresses), so inbox URLs are stored with their host in that form
// already (federation's storeActor), and this agrees with it.
const deliveryHostSQL = `regexp_replace(lower(substring(args->>'inbox' from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#]+)')),
	'\.?(:(443|80))?$', '')`

// successWriteEvery is how stale last_success_at may get before another
// success is written: a busy instance accepts many deliveries a second, and
// writing its row for each would make it a hot row for nothing.
const successWriteEvery = time.Minute

// RecordDeliverySuccess notes that domain accepted a delivery at now: it
// is not failing, nor dead.
func (s *Store) RecordDeliverySuccess(ctx context.Context, domain string, now time.Time) (recovered bool, err error) {
	rows, _ := s.db.Query(ctx, `
		WITH old AS (SELECT failing_since FROM instances WHERE domain = lower($1))
		INSERT INTO instances AS i (domain, last_success_at) VALUES (lower($1), $2::timestamptz)
		ON CONFLICT (domain) DO UPDATE SET last_success_at = greatest(i.last_success_at, $2),
			failing_since = NULL, dead = false
		WHERE i.failing_since IS NOT NULL OR i.last_success_at IS NULL OR i.last_success_at < $3
		RETURNING (SELECT failing_since IS NOT NULL FROM old)`,
		domain, now, now.Add(-successWriteEvery))
	was, err := pgx.CollectRows(rows, pgx.RowTo[*bool])
	if err != nil {
		return false, wrap("record delivery success to "+domain, err)
	}
	return len(was) == 1 && was[0] != nil && *was[0], nil
}

// RecordDeliveryFailure notes that a delivery to domain failed at now
// because it could not be reached or answered with a server error. The
// first failure since it last answered starts its failing time; once that
// is deadAfter or more ago, it is marked dead. It returns the instance as
// it is then.
func (s *Store) RecordDeliveryFailure(ctx context.Context, domain string, now time.Time, deadAfter time.Duration) (Instance, error) {
	cutoff := now.Add(-deadAfter)
	rows, _ := s.db.Query(ctx, `
		INSERT INTO instances AS i (domain, failing_since, dead) VALUES (lower($1), $2::timestamptz, $2::timestamptz <= $3::timestamptz)
		ON CONFLICT (domain) DO UPDATE SET failing_since = coalesce(i.failing_since, $2),
			dead = i.dead OR coalesce(i.failing_since, $2) <= $3
		RETURNING `+instanceColumns, domain, now, cutoff)
	in, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Instance])
	return in, wrap("record delivery failure to "+domain, err)
}

// MarkInstanceAlive notes that domain was heard from (a verified activity
// arrived from it): a failing or dead instance is tried again. It writes
// only when there is something to clear, so calling it for every incoming
// activity costs one index lookup.
func (s *Store) MarkInstanceAlive(ctx context.Context, domain string) (recovered bool, err error) {
	tag, err := s.db.Exec(ctx, `
		UPDATE instances SET failing_since = NULL, dead = false, last_seen_at = now()
		WHERE domain = lower($1) AND failing_since IS NOT NULL`, domain)
	if err != nil {
		return false, wrap("mark instance "+domain+" alive", err)
	}
	return tag.RowsAffected() > 0, nil
}

// ResumeDeliveries makes the deliveries to domain that wait for their next
// try (after a failure, or a Retry-After) due now: the instance is back, and what it missed while it was down
// should not wait out the backoff of its outage. It answers how many.
func (s *Store) ResumeDeliveries(ctx context.Context, domain string) (int64, error) {
	tag, err := s.db.Exec(ctx, `
		UPDATE river_job SET scheduled_at = now()
		WHERE kind = 'deliver_activity' AND state IN ('retryable', 'scheduled') AND scheduled_at > now()
			AND `+deliveryHostSQL+` = lower($1)`, domain)
	if err != nil {
		return 0, wrap("resume deliveries to "+domain, err)
	}
	return tag.RowsAffected(), nil
}

// ReviveInstance is an admin's retry: domain is no longer failing or dead,
// and deliveries queued before now count their age from now.
func (s *Store) ReviveInstance(ctx context.Context, domain string, now time.Time) (Instance, error) {
	rows, _ := s.db.Query(ctx, `
		UPDATE instances AS i SET failing_since = NULL, dead = false, retried_at = $2
		WHERE i.domain = lower($1)
		RETURNING `+instanceColumns, domain, now)
	in, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Instance])
	return in, wrap("revive instance "+domain, err)
}

// InstanceStatus is an instance with the counts of its delivery jobs.
type InstanceStatus struct {
	Instance
	// Queued are waiting (available, scheduled, retryable or pending).
	Queued int64 `db:"queued"`
	// InFlight are being attempted now.
	InFlight int64 `db:"in_flight"`
	// Failed were given up (discarded or cancelled) since the time asked.
	Failed int64 `db:"failed"`
}

// FederationStatus lists every remote instance that is known or has
// delivery jobs (the latter with ID 0), by domain, with its deliveries;
// failed counts those given up since failedSince.
func (s *Store) FederationStatus(ctx context.Context, failedSince time.Time) ([]InstanceStatus, error) {
	rows, _ := s.db.Query(ctx, `
		WITH jobs AS (
			SELECT `+deliveryHostSQL+` AS domain,
				count(*) FILTER (WHERE state IN ('available', 'scheduled', 'retryable', 'pending')) AS queued,
				count(*) FILTER (WHERE state = 'running') AS in_flight,
				count(*) FILTER (WHERE state IN ('discarded', 'cancelled') AND finalized_at >= $1) AS failed
			FROM river_job
			WHERE kind = 'deliver_activity' AND state <> 'completed'
			GROUP BY 1
		), i AS (
			SELECT coalesce(i.id, 0) AS id, coalesce(i.domain, j.domain) AS domain, i.software, i.version,
				coalesce(i.first_seen_at, now()) AS first_seen_at, coalesce(i.last_seen_at, now()) AS last_seen_at,
				coalesce(i.blocked, false) AS blocked, coalesce(i.allowed, false) AS allowed,
				i.last_success_at, i.failing_since, coalesce(i.dead, false) AS dead, i.retried_at,
				coalesce(j.queued, 0) AS queued, coalesce(j.in_flight, 0) AS in_flight, coalesce(j.failed, 0) AS failed
			FROM instances i FULL JOIN jobs j ON j.domain = i.domain
			WHERE coalesce(i.domain, j.domain) IS NOT NULL
		)
		SELECT `+instanceColumns+`, i.queued, i.in_flight, i.failed FROM i
		WHERE i.domain IS DISTINCT FROM (SELECT host FROM site WHERE id = 1)
		ORDER BY i.domain`, failedSince)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[InstanceStatus])
	return out, wrap("federation status", err)
}

// DeliveryJobIDs lists the delivery jobs to domain in any of states, oldest
// first; of the finished ones (cancelled, discarded), only those finished
// since since, the same as FederationStatus counts.
func (s *Store) DeliveryJobIDs(ctx context.Context, domain string, since time.Time, states ...string) ([]int64, error) {
	rows, _ := s.db.Query(ctx, `
		SELECT id FROM river_job
		WHERE kind = 'deliver_activity' AND state::text = ANY($2) AND `+deliveryHostSQL+` = lower($1)
			AND (finalized_at IS NULL OR finalized_at >= $3)
		ORDER BY id`, domain, states, since)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	return ids, wrap("list deliveries to "+domain, err)
}
