package worker

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
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

func (o *originAnswers) VerifyAtOrigin(_ context.Context, check forum.VerifyOriginArgs) (forum.Verdict, error) {
	objectID := check.Object
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

// Checks of one host told to wait are told when their own turn comes, one
// interval apart, not all the next free token; one that comes back at its
// turn is made, without a second wait, and takes no turn from those after
// it.
func TestVerifyOriginSnoozesEachCheckUntilItsTurn(t *testing.T) {
	t.Parallel()
	answers := &originAnswers{checks: map[string]int{}, err: map[string]error{}}
	w := &VerifyOrigin{Deps: Deps{Verifier: answers}, Rate: rate.Every(time.Minute), Burst: 1}
	ctx := context.Background()
	check := func(id int64, object string) (time.Duration, error) {
		job := verifyJob(object, 1)
		job.ID = id
		err := w.Work(ctx, job)
		var snooze *rivertype.JobSnoozeError
		if errors.As(err, &snooze) {
			return snooze.Duration, nil
		}
		return 0, err
	}
	const busy = "https://busy.example/comment/"
	for id := int64(1); id <= 4; id++ {
		wait, err := check(id, busy+strconv.FormatInt(id, 10))
		// The first has the burst; the others wait 1, 2 and 3 minutes,
		// and up to half a minute of jitter.
		want := time.Duration(id-1) * time.Minute
		if err != nil || wait < want-time.Second || wait > want+30*time.Second {
			t.Errorf("check %d: snoozes %v (%v), want %v to %v", id, wait, err, want, want+30*time.Second)
		}
	}
	// The second comes back at its turn (the test does not wait for it).
	if wait, err := check(2, busy+"2"); wait != 0 || err != nil {
		t.Errorf("the second check, back at its turn: snoozes %v (%v), want it made", wait, err)
	}
	if n := answers.checks[busy+"2"]; n != 1 {
		t.Errorf("the second check asked its origin %d times, want once", n)
	}
	// A fifth queues behind the fourth: the second's return took no turn.
	if wait, _ := check(5, busy+"5"); wait < 4*time.Minute-time.Second || wait > 4*time.Minute+30*time.Second {
		t.Errorf("a fifth check snoozes %v, want about 4 minutes", wait)
	}
	if wait, err := check(6, "https://quiet.example/comment/1"); wait != 0 || err != nil {
		t.Errorf("another host's check snoozes %v (%v) behind the busy one's", wait, err)
	}
}
