package worker

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// Announcer turns a local change into its deliveries; federation
// implements it.
type Announcer interface {
	Deliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error)
}

// Federate turns one local change into its deliveries: one per follower
// instance of a local community, or to a remote community. The activities
// are built when the job runs, from what is stored then.
type Federate struct {
	river.WorkerDefaults[forum.FederateArgs]
	Deps
}

// Work builds the announcement, keeps the activities of ours it sends
// (forum.RecordSent), queues its deliveries and completes the job in one
// transaction, so that the ids answer once anything is queued and a retry
// never queues the deliveries twice.
func (w *Federate) Work(ctx context.Context, job *river.Job[forum.FederateArgs]) error {
	if w.Announcer == nil {
		return river.JobCancel(fmt.Errorf("federate: this process has no federation"))
	}
	deliveries, err := w.Announcer.Deliveries(ctx, job.Args)
	if err != nil || len(deliveries) == 0 {
		if err != nil {
			return fmt.Errorf("federate %s: %w", job.Args.Action, err)
		}
		return nil
	}
	client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
	if err != nil {
		return fmt.Errorf("federate: %w", err)
	}
	params := make([]river.InsertManyParams, len(deliveries))
	for i, d := range deliveries {
		params[i] = river.InsertManyParams{Args: d}
	}
	err = w.Store.InTx(ctx, func(tx *store.Store) error {
		if err := forum.RecordSent(ctx, tx, deliveries...); err != nil {
			return err
		}
		if _, err := client.InsertManyTx(ctx, tx.PgxTx(), params); err != nil {
			return fmt.Errorf("queue %d deliveries: %w", len(params), err)
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx.PgxTx(), job)
		return err
	})
	if err != nil {
		return fmt.Errorf("federate %s: %w", job.Args.Action, err)
	}
	return nil
}
