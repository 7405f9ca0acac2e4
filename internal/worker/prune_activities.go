package worker

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
)

// ReceivedActivityRetention is how long the id of an activity we applied
// is remembered, so that a redelivery is acknowledged and not applied
// again. Senders give up long before: Lemmy and Mastodon within days, and
// our own deliveries after DeliverMaxAge.
const ReceivedActivityRetention = 30 * 24 * time.Hour

// PruneActivitiesArgs asks for what is kept of activities, sent and
// received, past its use to be deleted.
type PruneActivitiesArgs struct{}

// Kind names the job in the queue.
func (PruneActivitiesArgs) Kind() string { return "prune_activities" }

// pruneBatch is how many rows one statement deletes: a busy hour's worth
// is tens of thousands, and small batches keep each statement's locks and
// WAL short.
const pruneBatch = 1000

// PruneActivities deletes, in batches, the sent activities no delivery can
// still need (forum.SentActivityRetention) and the received ids no sender
// still retries (ReceivedActivityRetention). Both tables grow with every
// activity, so without it they would grow for ever.
type PruneActivities struct {
	river.WorkerDefaults[PruneActivitiesArgs]
	Deps
}

// Work empties each table of its expired rows, batch after batch until a
// batch comes back short.
func (w *PruneActivities) Work(ctx context.Context, _ *river.Job[PruneActivitiesArgs]) error {
	now := time.Now()
	sent, err := pruneInBatches(ctx, now.Add(-forum.SentActivityRetention), w.Store.PruneSentActivities)
	if err != nil {
		return fmt.Errorf("prune sent activities (%d deleted): %w", sent, err)
	}
	received, err := pruneInBatches(ctx, now.Add(-ReceivedActivityRetention), w.Store.PruneReceivedActivities)
	if err != nil {
		return fmt.Errorf("prune received activity ids (%d deleted): %w", received, err)
	}
	// Expired mailed links are few, and pruned by the same hourly round
	// rather than a job kind of their own.
	links, err := w.Store.DeleteStaleEmailTokens(ctx)
	if err != nil {
		return fmt.Errorf("prune expired mailed links: %w", err)
	}
	w.log().Debug("activities pruned", "sent", sent, "received", received, "mailed links", links)
	return nil
}

func pruneInBatches(ctx context.Context, cutoff time.Time,
	prune func(context.Context, time.Time, int) (int64, error)) (int64, error) {
	var total int64
	for {
		n, err := prune(ctx, cutoff, pruneBatch)
		total += n
		if err != nil || n < pruneBatch {
			return total, err
		}
	}
}
