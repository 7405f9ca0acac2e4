package worker

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/forum"
)

// Announcer builds a local community's Announce of a local change;
// federation implements it.
type Announcer interface {
	LocalAnnouncement(ctx context.Context, args forum.FederateArgs) (communityID int64, communityAPID string, activity []byte, err error)
}

// Federate turns one local change into one delivery per follower instance.
// The Announce is built when the job runs, from what is stored then.
type Federate struct {
	river.WorkerDefaults[forum.FederateArgs]
	Deps
}

// Work builds the announcement and queues its deliveries; queueing is the
// last step and one statement, so a retry never queues them twice.
func (w *Federate) Work(ctx context.Context, job *river.Job[forum.FederateArgs]) error {
	if w.Announcer == nil {
		return river.JobCancel(fmt.Errorf("federate: this process has no federation"))
	}
	communityID, communityAPID, activity, err := w.Announcer.LocalAnnouncement(ctx, job.Args)
	if err != nil {
		return fmt.Errorf("federate %s: %w", job.Args.Action, err)
	}
	inboxes, err := w.Store.FollowerInboxes(ctx, communityID)
	if err != nil || len(inboxes) == 0 {
		return err
	}
	client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
	if err != nil {
		return fmt.Errorf("federate: %w", err)
	}
	params := make([]river.InsertManyParams, len(inboxes))
	for i, inbox := range inboxes {
		params[i] = river.InsertManyParams{Args: forum.DeliverArgs{Inbox: inbox, Actor: communityAPID, Activity: activity}}
	}
	if _, err := client.InsertMany(ctx, params); err != nil {
		return fmt.Errorf("federate: queue %d deliveries: %w", len(params), err)
	}
	return nil
}
