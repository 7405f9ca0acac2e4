// Package worker holds the River workers: the slow work that a change
// causes (fetching, delivering), done after the change committed and
// retried when it fails for a reason that may pass.
package worker

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/mail"
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
	// Verifier checks content that communities relay from other servers
	// at its authors' servers (federation).
	Verifier Verifier
	// DeliverRetryBase is the first wait before a failed delivery is
	// tried again (see DeliverBackoffFrom); a minute when 0.
	DeliverRetryBase time.Duration
	// Mail sends the site's mail, and Postman writes it; Mail is nil when
	// no SMTP server is configured.
	Mail    mail.Sender
	Postman Postman
	// Pictures keeps other servers' pictures here, fetched through
	// Images; without them, link previews' pictures stay where they are.
	Pictures Pictures
	Images   forum.ImageFetcher
}

// Pictures notes and keeps pictures from other servers (forum).
type Pictures interface {
	NoteRemoteImages(ctx context.Context, imgs ...forum.RemoteImage) error
	FetchRemoteImage(ctx context.Context, f forum.ImageFetcher, url string) (forum.Picture, error)
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
	for _, k := range kinds(deps) {
		k.add(workers)
	}
}

// kinds are the job kinds this package works. A new kind goes here rather
// than straight to river.AddWorker: its test checks that every kind here
// ends before River would rescue it, and that nothing else is registered.
func kinds(deps Deps) []jobKind {
	return []jobKind{
		jobKindOf[forum.FetchLinkMetadataArgs](&LinkMetadata{Deps: deps}),
		jobKindOf[RefreshCommunityActivityArgs](&CommunityActivity{Deps: deps}),
		jobKindOf[forum.DeliverArgs](&Deliver{Deps: deps, Backoff: DeliverBackoffFrom(deps.DeliverRetryBase)}),
		jobKindOf[forum.FederateArgs](&Federate{Deps: deps}),
		jobKindOf[forum.BackfillCommunityArgs](&Backfill{Deps: deps}),
		jobKindOf[PruneActivitiesArgs](&PruneActivities{Deps: deps}),
		jobKindOf[forum.VerifyOriginArgs](&VerifyOrigin{Deps: deps}),
		jobKindOf[forum.SendMailArgs](&SendMail{Deps: deps}),
		jobKindOf[forum.StoreRemoteImageArgs](&RemoteImage{Deps: deps}),
	}
}

// jobKind is one job kind's worker, with what its test asks of it.
type jobKind struct {
	name string
	add  func(*river.Workers)
	// timeout is the worker's timeout for a job with zero args; 0 means
	// the client's (MaxTimeout).
	timeout func() time.Duration
	// nextRetry is the worker's own retry time; zero means the client's
	// RetryPolicy.
	nextRetry func(*rivertype.JobRow) time.Time
}

func jobKindOf[T river.JobArgs](w river.Worker[T]) jobKind {
	var args T
	job := func(row *rivertype.JobRow) *river.Job[T] { return &river.Job[T]{JobRow: row, Args: args} }
	return jobKind{
		name:      args.Kind(),
		add:       func(ws *river.Workers) { river.AddWorker(ws, w) },
		timeout:   func() time.Duration { return w.Timeout(job(&rivertype.JobRow{Kind: args.Kind()})) },
		nextRetry: func(row *rivertype.JobRow) time.Time { return w.NextRetry(job(row)) },
	}
}

// Slots is how many jobs one process works at once: most of them wait on
// other servers, not on this machine.
const Slots = 20

// fetchCooldown is the least time between two fetches of jobs. River's
// 100 ms would cap a process at about Slots jobs per 100 ms however
// quickly they finish; deliveries take a few milliseconds on a good day.
const fetchCooldown = 20 * time.Millisecond

// Configure sets how cfg's client works the queue, as `tidings serve` does:
// its slots, how soon it rescues the jobs of a process that died
// (RescueAfter), the timeout of kinds without their own (MaxTimeout), and
// RetryPolicy.
func Configure(cfg *river.Config) {
	cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: Slots}}
	cfg.FetchCooldown = fetchCooldown
	cfg.RescueStuckJobsAfter = RescueAfter
	cfg.JobTimeout = MaxTimeout
	cfg.RetryPolicy = RetryPolicy{}
}
