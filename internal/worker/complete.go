package worker

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/store"
)

// completeWith inserts the jobs that job's work leads to and marks job
// completed, in one transaction: either both happen or neither, so a job
// run again after its process died does not queue its followers twice.
func completeWith[T river.JobArgs](ctx context.Context, st *store.Store, job *river.Job[T], next []river.InsertManyParams) error {
	client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
	if err != nil {
		return fmt.Errorf("complete job %d: %w", job.ID, err)
	}
	return st.InTx(ctx, func(tx *store.Store) error {
		if _, err := client.InsertManyTx(ctx, tx.PgxTx(), next); err != nil {
			return fmt.Errorf("queue %d job(s): %w", len(next), err)
		}
		if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx.PgxTx(), job); err != nil {
			return fmt.Errorf("complete job %d: %w", job.ID, err)
		}
		return nil
	})
}
