package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// JobCount is how many jobs of one kind are in one of River's states.
type JobCount struct {
	Kind  string `db:"kind"`
	State string `db:"state"`
	N     int64  `db:"n"`
}

// JobCounts counts the job queue by kind and state for the metrics,
// leaving out completed jobs: they are no longer queued, and they are most
// of the table. The states are named, not "<> 'completed'", so that the
// count reads River's (state, ...) index for them instead of the table.
func (s *Store) JobCounts(ctx context.Context) ([]JobCount, error) {
	rows, _ := s.db.Query(ctx, `SELECT kind, state::text AS state, count(*) AS n FROM river_job
		WHERE state IN ('available', 'pending', 'scheduled', 'running', 'retryable', 'discarded', 'cancelled')
		GROUP BY kind, state ORDER BY kind, state`)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByName[JobCount])
	return out, wrap("count jobs", err)
}
