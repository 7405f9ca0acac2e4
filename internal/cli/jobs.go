package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/worker"
)

// givenUpRetention is how long jobs that were given up (cancelled, or
// discarded after their last attempt) are kept, with their errors, for
// `admin federation status` to count and `admin federation retry` to
// revive. River keeps cancelled jobs only a day by default, which would
// lose a weekend's failures before anyone looked.
const givenUpRetention = 7 * 24 * time.Hour

// newRiver builds the job queue's client. Given workers, it works the
// default queue once started; without, it only inserts, which is all a
// one-shot admin command needs.
func newRiver(pool *pgxpool.Pool, log *slog.Logger, workers *river.Workers) (*river.Client[pgx.Tx], error) {
	cfg := &river.Config{Logger: slog.New(worker.QuietRiver(log.Handler())),
		CancelledJobRetentionPeriod: givenUpRetention, DiscardedJobRetentionPeriod: givenUpRetention}
	if workers != nil {
		cfg.Workers = workers
		worker.Configure(cfg)
		cfg.PeriodicJobs = worker.PeriodicJobs()
	}
	client, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		return nil, fmt.Errorf("create job queue client: %w", err)
	}
	return client, nil
}

// stopRiver lets the jobs in flight finish within grace, then cancels the
// rest; a cancelled job is retried later, by this process or another.
func stopRiver(client *river.Client[pgx.Tx], log *slog.Logger, grace time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := client.Stop(ctx); err == nil {
		return
	}
	log.Warn("jobs still running after the grace period; cancelling them", "grace", grace)
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := client.StopAndCancel(ctx); err != nil {
		log.Error("stop the job queue", "err", err)
	}
}

// riverJobs is forum's job queue.
type riverJobs struct{ client *river.Client[pgx.Tx] }

var _ forum.Jobs = riverJobs{}

// Enqueue inserts jobs in tx's transaction, so they exist if and only if
// the change that causes them commits.
func (j riverJobs) Enqueue(ctx context.Context, tx *store.Store, jobs ...river.JobArgs) error {
	if len(jobs) == 0 {
		return nil
	}
	pgxTx := tx.PgxTx()
	if pgxTx == nil {
		return errors.New("enqueue jobs: not in a transaction; jobs must be enqueued inside Store.InTx, with the change that causes them")
	}
	params := make([]river.InsertManyParams, len(jobs))
	for i, args := range jobs {
		params[i] = river.InsertManyParams{Args: args}
	}
	if _, err := j.client.InsertManyTx(ctx, pgxTx, params); err != nil {
		return fmt.Errorf("enqueue %d job(s): %w", len(jobs), err)
	}
	return nil
}
