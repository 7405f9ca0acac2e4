package worker

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// RefreshCommunityActivityArgs asks for the monthly active user counts of
// local communities to be recounted.
type RefreshCommunityActivityArgs struct{}

// Kind names the job in the queue.
func (RefreshCommunityActivityArgs) Kind() string { return "refresh_community_activity" }

// CommunityActivity recounts what the Scaled sort divides by. Ranks do not
// decay with time, so this is the only periodic work ranking needs.
type CommunityActivity struct {
	river.WorkerDefaults[RefreshCommunityActivityArgs]
	Deps
}

// Work runs one recount.
func (w *CommunityActivity) Work(ctx context.Context, _ *river.Job[RefreshCommunityActivityArgs]) error {
	n, err := w.Store.RefreshCommunityActivity(ctx)
	if err != nil {
		return fmt.Errorf("refresh community activity: %w", err)
	}
	w.Log.Debug("community activity refreshed", "changed", n)
	return nil
}

// PeriodicJobs are the jobs every server process schedules; River runs each
// once per interval across all processes.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return RefreshCommunityActivityArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return PruneActivitiesArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}
