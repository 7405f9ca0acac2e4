package worker

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
)

// Backfiller fetches a remote community's recent posts; federation
// implements it.
type Backfiller interface {
	Backfill(ctx context.Context, communityID int64) (int, error)
}

// Backfill fills a newly followed remote community with its recent posts.
type Backfill struct {
	river.WorkerDefaults[forum.BackfillCommunityArgs]
	Deps
}

// Work stores what it can: what is stored stays, and a retry skips it. An
// error after some posts were stored is logged, not retried, as the
// community's announces keep it current from here on.
func (w *Backfill) Work(ctx context.Context, job *river.Job[forum.BackfillCommunityArgs]) error {
	if w.Backfiller == nil {
		return river.JobCancel(fmt.Errorf("backfill: this process has no federation"))
	}
	n, err := w.Backfiller.Backfill(ctx, job.Args.CommunityID)
	if err != nil && n == 0 {
		return fmt.Errorf("backfill community %d: %w", job.Args.CommunityID, err)
	}
	w.log().Info("backfilled community", "community_id", job.Args.CommunityID, "posts", n, "err", err)
	return nil
}
