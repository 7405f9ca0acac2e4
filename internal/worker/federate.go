package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

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
// (forum.RecordSent) and queues its deliveries in the transaction that
// marks the job done: the ids answer once anything is queued, and a
// process that dies in between leaves neither, so the rescued job, run
// again, does not queue every delivery a second time.
func (w *Federate) Work(ctx context.Context, job *river.Job[forum.FederateArgs]) error {
	if w.Announcer == nil {
		return river.JobCancel(fmt.Errorf("federate: this process has no federation"))
	}
	deliveries, err := w.Announcer.Deliveries(ctx, job.Args)
	if errors.Is(err, store.ErrNotFound) {
		// What changed is gone (an admin purged it): nothing to send,
		// however often this is tried.
		return river.JobCancel(fmt.Errorf("federate %s: %w", job.Args.Action, err))
	}
	if err != nil || len(deliveries) == 0 {
		if err != nil {
			return fmt.Errorf("federate %s: %w", job.Args.Action, err)
		}
		return nil
	}
	params := make([]river.InsertManyParams, len(deliveries))
	for i, d := range deliveries {
		params[i] = river.InsertManyParams{Args: d}
	}
	err = completeWith(ctx, w.Store, job, params, func(tx *store.Store) error {
		return forum.RecordSent(ctx, tx, deliveries...)
	})
	if err != nil {
		return fmt.Errorf("federate %s: queue %d deliveries: %w", job.Args.Action, len(params), err)
	}
	return nil
}
