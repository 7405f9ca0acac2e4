package worker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
)

// originAnswers stands in for federation: it answers each check with what
// its origin is set to answer, and counts the checks per object.
type originAnswers struct {
	mu     sync.Mutex
	err    map[string]error
	checks map[string]int
}

func (o *originAnswers) VerifyAtOrigin(_ context.Context, objectID string, _ time.Time) (forum.Verdict, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.checks[objectID]++
	if err := o.err[objectID]; err != nil {
		return "", err
	}
	return forum.VerdictConfirmed, nil
}

func verifyJob(object string, attempt int) *river.Job[forum.VerifyOriginArgs] {
	return &river.Job[forum.VerifyOriginArgs]{
		JobRow: &rivertype.JobRow{Attempt: attempt, MaxAttempts: forum.VerifyOriginMaxAttempts},
		Args:   forum.VerifyOriginArgs{Object: object},
	}
}

// What the origin answers decides whether the check is made again: a
// server that is down or busy is asked again until the attempts run out,
// and then the content is left as it is; one that refuses us is not asked
// again; a check that overlapped an edit here is made again at once.
func TestVerifyOriginRetriesOnlyWhatMayPass(t *testing.T) {
	t.Parallel()
	const base = "https://origin.example/comment/"
	answers := &originAnswers{checks: map[string]int{}, err: map[string]error{
		base + "down":     &safehttp.StatusError{StatusCode: http.StatusServiceUnavailable, URL: base + "down"},
		base + "busy":     &safehttp.StatusError{StatusCode: http.StatusTooManyRequests, URL: base + "busy"},
		base + "refuses":  fmt.Errorf("verify: %w", &safehttp.StatusError{StatusCode: http.StatusForbidden, URL: base + "refuses"}),
		base + "odd":      fmt.Errorf("verify: %w: not ActivityStreams", forum.ErrUnverifiable),
		base + "meantime": fmt.Errorf("take down: %w", forum.ErrChangedMeanwhile),
	}}
	w := &VerifyOrigin{Deps: Deps{Verifier: answers}, Rate: rate.Inf}
	ctx := context.Background()
	for _, tt := range []struct {
		object  string
		attempt int
		want    string // "done", "retry" or "snooze"
	}{
		{"fine", 1, "done"},
		{"down", 1, "retry"},
		{"busy", 3, "retry"},
		{"down", forum.VerifyOriginMaxAttempts, "done"},
		{"refuses", 1, "done"},
		{"odd", 1, "done"},
		{"meantime", 1, "snooze"},
	} {
		err := w.Work(ctx, verifyJob(base+tt.object, tt.attempt))
		var snooze *rivertype.JobSnoozeError
		got := "retry"
		switch {
		case err == nil:
			got = "done"
		case errors.As(err, &snooze) && snooze.Duration == 0:
			got = "snooze"
		}
		if got != tt.want {
			t.Errorf("%s at attempt %d: %s (%v), want %s", tt.object, tt.attempt, got, err, tt.want)
		}
	}
}

// Checks of one host beyond its rate snooze until a token is due, without
// asking the host, while another host's go ahead.
func TestVerifyOriginRateLimitsEachHost(t *testing.T) {
	t.Parallel()
	answers := &originAnswers{checks: map[string]int{}, err: map[string]error{}}
	w := &VerifyOrigin{Deps: Deps{Verifier: answers}, Rate: rate.Every(time.Minute), Burst: 2}
	ctx := context.Background()
	for i, object := range []string{"https://a.example/post/1", "https://a.example/post/2", "https://a.example/post/3",
		"https://b.example/post/1"} {
		err := w.Work(ctx, verifyJob(object, 1))
		var snooze *rivertype.JobSnoozeError
		switch {
		case i == 2 && (!errors.As(err, &snooze) || snooze.Duration < 30*time.Second || snooze.Duration > 90*time.Second):
			t.Errorf("the third check of a.example within its burst of 2: %v, want a snooze of about a minute", err)
		case i != 2 && err != nil:
			t.Errorf("check of %s: %v", object, err)
		}
	}
	if n := answers.checks["https://a.example/post/3"]; n != 0 {
		t.Errorf("a.example was asked %d times beyond its rate", n)
	}
	if n := answers.checks["https://b.example/post/1"]; n != 1 {
		t.Errorf("b.example was asked %d times, want once", n)
	}
}
