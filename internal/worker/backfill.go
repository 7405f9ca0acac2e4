package worker

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
)

// Backfiller fetches a remote community's recent posts, a step at a time;
// federation implements it.
type Backfiller interface {
	// BackfillStep stores what it can of the page that from names, taking
	// no new item once until is past, and answers where the next step
	// goes on (nil when done) and how many posts it stored. An error
	// means the step did nothing.
	BackfillStep(ctx context.Context, communityID int64, from forum.BackfillCursor, until time.Time) (*forum.BackfillCursor, int, error)
}

const (
	// backfillStepTime is how long a step takes new items; one begun
	// then may take until backfillStepLimit (a fetch of a post on
	// another server, and of its author, each up to the HTTP client's
	// 10 s, is cut short there and done by the next step). The rest of
	// MaxTimeout queues the next step.
	backfillStepTime  = 4 * time.Second
	backfillStepLimit = 9 * time.Second
)

// Backfill fills a newly followed remote community with its recent posts,
// one step (a page, or what of it fits in a few seconds) per job; each
// job queues the next in the transaction that completes it, so a process
// that dies mid-way leaves the chain where it was, to be picked up again.
type Backfill struct {
	river.WorkerDefaults[forum.BackfillCommunityArgs]
	Deps
}

// Work does one step. What is stored stays, and a step run again skips
// it; a step that could do nothing is retried.
func (w *Backfill) Work(ctx context.Context, job *river.Job[forum.BackfillCommunityArgs]) error {
	if w.Backfiller == nil {
		return river.JobCancel(fmt.Errorf("backfill: this process has no federation"))
	}
	id := job.Args.CommunityID
	var from forum.BackfillCursor
	if job.Args.From != nil {
		from = *job.Args.From
	}
	step, cancel := context.WithTimeout(ctx, backfillStepLimit)
	defer cancel()
	next, n, err := w.Backfiller.BackfillStep(step, id, from, time.Now().Add(backfillStepTime))
	if err != nil {
		return fmt.Errorf("backfill community %d: %w", id, err)
	}
	w.log().InfoContext(ctx, "backfilled community", "community_id", id, "posts", n,
		"page", from.Page, "featured", from.Featured, "done", next == nil)
	if next == nil {
		return nil
	}
	err = completeWith(ctx, w.Store, job, []river.InsertManyParams{{Args: forum.BackfillCommunityArgs{CommunityID: id, From: next}}}, nil)
	if err != nil {
		return fmt.Errorf("backfill community %d: queue the next step: %w", id, err)
	}
	return nil
}
