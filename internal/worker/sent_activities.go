package worker

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
)

// PruneSentActivitiesArgs asks for the sent activities older than
// forum.SentActivityRetention to be deleted.
type PruneSentActivitiesArgs struct{}

// Kind names the job in the queue.
func (PruneSentActivitiesArgs) Kind() string { return "prune_sent_activities" }

// pruneBatch is how many sent activities one statement deletes: a busy
// hour's worth is tens of thousands, and small batches keep each
// statement's locks and WAL short.
const pruneBatch = 1000

// PruneSentActivities deletes the sent activities no delivery can still
// need, in batches.
type PruneSentActivities struct {
	river.WorkerDefaults[PruneSentActivitiesArgs]
	Deps
}

// Work deletes batch after batch until a batch comes back short.
func (w *PruneSentActivities) Work(ctx context.Context, _ *river.Job[PruneSentActivitiesArgs]) error {
	cutoff := time.Now().Add(-forum.SentActivityRetention)
	var total int64
	for {
		n, err := w.Store.PruneSentActivities(ctx, cutoff, pruneBatch)
		total += n
		if err != nil {
			return fmt.Errorf("prune sent activities (%d deleted): %w", total, err)
		}
		if n < pruneBatch {
			break
		}
	}
	w.log().Debug("sent activities pruned", "deleted", total)
	return nil
}
