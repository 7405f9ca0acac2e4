package worker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"golang.org/x/time/rate"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
)

const (
	// DefaultVerifyRate is how many checks per second one origin gets
	// from this process, after a burst of DefaultVerifyBurst: a busy
	// community relays many comments from one big server, which must not
	// see a flood of fetches from us.
	DefaultVerifyRate  rate.Limit = 1
	DefaultVerifyBurst int        = 10
	// defaultVerifyRetryBase is the wait after the first failed check,
	// doubling with each one.
	defaultVerifyRetryBase = 30 * time.Second
)

// Verifier checks relayed content at its author's server; federation
// implements it.
type Verifier interface {
	VerifyAtOrigin(ctx context.Context, check forum.VerifyOriginArgs) (forum.Verdict, error)
}

// VerifyOrigin asks an author's server for a post or comment that a
// community on another server relayed, and settles what we stored (see
// federation's VerifyAtOrigin). An origin that cannot be reached or
// answers 5xx or 429 is tried again with backoff, forum.VerifyOriginMaxAttempts
// times in all, and then left as it is, as is content whose origin refuses
// us: unverifiable is not forged.
//
// Checks of one origin are rate limited in this process; a check over the
// limit snoozes until its turn comes (see originLimits) rather than wait
// in Work, where it would hold one of the process's job slots.
type VerifyOrigin struct {
	river.WorkerDefaults[forum.VerifyOriginArgs]
	Deps
	// Rate and Burst limit the checks of one origin; DefaultVerifyRate and
	// DefaultVerifyBurst when 0.
	Rate  rate.Limit
	Burst int
	// RetryBase is the wait after the first failure, doubling each time;
	// 30 s when 0. Tests make it short.
	RetryBase time.Duration

	once   sync.Once
	limits *originLimits
}

// Timeout is MaxTimeout: one fetch (the HTTP client gives up after 10 s)
// and the writes after it, ended before River's rescuer would start the
// check a second time.
func (w *VerifyOrigin) Timeout(*river.Job[forum.VerifyOriginArgs]) time.Duration { return MaxTimeout }

// NextRetry is when a failed check is made again: after its backoff, or
// at once when a process that died abandoned it.
func (w *VerifyOrigin) NextRetry(job *river.Job[forum.VerifyOriginArgs]) time.Time {
	if abandoned(job.JobRow) {
		return time.Now()
	}
	base := w.RetryBase
	if base <= 0 {
		base = defaultVerifyRetryBase
	}
	return time.Now().Add(deliverBackoffFrom(base, job.Attempt))
}

func (w *VerifyOrigin) setup() {
	w.once.Do(func() {
		every, burst := w.Rate, w.Burst
		if every <= 0 {
			every = DefaultVerifyRate
		}
		if burst <= 0 {
			burst = DefaultVerifyBurst
		}
		w.limits = newOriginLimits(every, burst)
	})
}

// Work makes one check.
func (w *VerifyOrigin) Work(ctx context.Context, job *river.Job[forum.VerifyOriginArgs]) error {
	w.setup()
	a := job.Args
	if w.Verifier == nil {
		return river.JobCancel(fmt.Errorf("verify %s at its origin: this process has no federation", a.Object))
	}
	if d := w.limits.wait(job.ID, ap.Domain(a.Object)); d > 0 {
		return river.JobSnooze(d)
	}
	log := w.log().With("object", a.Object, "attempt", job.Attempt, "gone", a.Gone)
	verdict, err := w.Verifier.VerifyAtOrigin(ctx, a)
	var status *safehttp.StatusError
	switch {
	case err == nil && verdict == forum.VerdictConfirmed, err == nil && verdict == forum.VerdictMoot:
		log.DebugContext(ctx, "relayed content checked at its origin", "verdict", verdict)
		return nil
	case err == nil:
		log.InfoContext(ctx, "relayed content checked at its origin", "verdict", verdict)
		return nil
	case errors.Is(err, forum.ErrChangedMeanwhile):
		// Checked against an older version: check the new one, at once,
		// without using up an attempt.
		return river.JobSnooze(0)
	case errors.As(err, &status) && (status.StatusCode == http.StatusUnauthorized || status.StatusCode == http.StatusForbidden):
		log.InfoContext(ctx, "the origin of relayed content refuses us; left as it is, unverified", "err", err)
		return nil
	case errors.Is(err, forum.ErrUnverifiable):
		log.InfoContext(ctx, "relayed content cannot be checked at its origin; left as it is", "err", err)
		return nil
	case job.Attempt < job.MaxAttempts:
		return fmt.Errorf("verify %s at its origin: %w", a.Object, err)
	}
	log.WarnContext(ctx, "the origin of relayed content could not be reached; left as it is, unverified", "err", err)
	return nil
}
