package worker

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/store"
)

// completeWith runs also (when not nil), inserts the jobs that job's work
// leads to and marks job completed, in one transaction: either all happen
// or none, so a job run again after its process died does not queue its
// followers twice.
func completeWith[T river.JobArgs](ctx context.Context, st *store.Store, job *river.Job[T], next []river.InsertManyParams,
	also func(tx *store.Store) error) error {
	client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
	if err != nil {
		return fmt.Errorf("complete job %d: %w", job.ID, err)
	}
	return st.InTx(ctx, func(tx *store.Store) error {
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		if _, err := client.InsertManyTx(ctx, tx.PgxTx(), next); err != nil {
			return fmt.Errorf("queue %d job(s): %w", len(next), err)
		}
		if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx.PgxTx(), job); err != nil {
			return fmt.Errorf("complete job %d: %w", job.ID, err)
		}
		return nil
	})
}
