// Package worker holds the River workers: the slow work that a change
// causes (fetching, delivering), done after the change committed and
// retried when it fails for a reason that may pass.
package worker

import (
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

// Deps is what the workers use.
type Deps struct {
	Store *store.Store
	HTTP  *safehttp.Client
	Log   *slog.Logger
	// Announcer builds the announcements of local changes (federation).
	Announcer Announcer
	// Backfiller fetches the recent posts of followed remote communities.
	Backfiller Backfiller
	// DeliverRetryBase is the first wait before a failed delivery is
	// tried again (see DeliverBackoffFrom); a minute when 0.
	DeliverRetryBase time.Duration
}

func (d Deps) log() *slog.Logger {
	if d.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Log
}

// Register adds every worker to workers. It panics if one is registered
// already, which is a mistake in the composition, not a runtime condition.
func Register(workers *river.Workers, deps Deps) {
	river.AddWorker(workers, &LinkMetadata{Deps: deps})
	river.AddWorker(workers, &CommunityActivity{Deps: deps})
	river.AddWorker(workers, &Deliver{Deps: deps, Backoff: DeliverBackoffFrom(deps.DeliverRetryBase)})
	river.AddWorker(workers, &Federate{Deps: deps})
	river.AddWorker(workers, &Backfill{Deps: deps})
	river.AddWorker(workers, &PruneSentActivities{Deps: deps})
}

// Slots is how many jobs one process works at once: most of them wait on
// other servers, not on this machine.
const Slots = 20

// fetchCooldown is the least time between two fetches of jobs. River's
// 100 ms would cap a process at about Slots jobs per 100 ms however
// quickly they finish; deliveries take a few milliseconds on a good day.
const fetchCooldown = 20 * time.Millisecond

// Configure sets how cfg's client works the queue, as `tidings serve` does.
func Configure(cfg *river.Config) {
	cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: Slots}}
	cfg.FetchCooldown = fetchCooldown
}
