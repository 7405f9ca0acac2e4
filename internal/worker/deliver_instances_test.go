package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// clock is a time a test sets.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// workAt runs one attempt of a job queued at created, as River would.
func workAt(w *Deliver, args forum.DeliverArgs, created time.Time) error {
	return w.Work(context.Background(), &river.Job[forum.DeliverArgs]{
		JobRow: &rivertype.JobRow{Attempt: 1, CreatedAt: created}, Args: args,
	})
}

func instanceOf(t *testing.T, st *store.Store, host string) store.Instance {
	t.Helper()
	in, err := st.InstanceByDomain(context.Background(), host)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// kindOf says what River does with a Work result.
func kindOf(err error) string {
	var cancel *river.JobCancelError
	var snooze *river.JobSnoozeError
	switch {
	case err == nil:
		return "done"
	case errors.As(err, &cancel):
		return "cancelled"
	case errors.As(err, &snooze):
		return "snoozed"
	}
	return "retried"
}

func TestDeliverMarksAnInstanceDeadAfterThreeDaysOfFailures(t *testing.T) {
	t.Parallel()
	st, _ := newKeyStore(t)
	clk := &clock{t: time.Now()}
	w := &Deliver{Deps: Deps{Store: st, HTTP: testHTTP()}, Now: clk.now}
	// Down for three requests, then up again.
	in := newInbox(t, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusInternalServerError, http.StatusAccepted)
	host := in.Listener.Addr().String()
	args := forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: alice, Activity: json.RawMessage(fmt.Sprintf(activity, alice))}
	t0 := clk.now()

	if err := workAt(w, args, clk.now()); kindOf(err) != "retried" {
		t.Fatalf("first failure: %v, want a retry", err)
	}
	if got := instanceOf(t, st, host); got.FailingSince == nil || !got.FailingSince.Equal(t0.Truncate(time.Microsecond)) || got.Dead {
		t.Fatalf("after the first failure: failing since %v, dead %v", got.FailingSince, got.Dead)
	}
	// A minute short of three days: still tried again.
	clk.set(t0.Add(InstanceDeadAfter - time.Minute))
	if err := workAt(w, args, clk.now()); kindOf(err) != "retried" {
		t.Fatalf("a minute short of %s: %v, want a retry", InstanceDeadAfter, err)
	}
	if instanceOf(t, st, host).Dead {
		t.Fatal("dead before its time")
	}
	// Three days of failures: dead, and the delivery given up with why.
	clk.set(t0.Add(InstanceDeadAfter))
	err := workAt(w, args, clk.now())
	if kindOf(err) != "cancelled" || !errors.Is(err, ErrInstanceDead) || !strings.Contains(err.Error(), "500") {
		t.Fatalf("after %s: %v, want cancelled as dead with the last answer", InstanceDeadAfter, err)
	}
	if !instanceOf(t, st, host).Dead {
		t.Fatal("not marked dead")
	}
	// A dead instance is not tried.
	if err := workAt(w, args, clk.now()); kindOf(err) != "cancelled" || !errors.Is(err, ErrInstanceDead) ||
		!strings.Contains(err.Error(), "federation retry "+host) {
		t.Errorf("delivery to a dead instance: %v, want cancelled untried", err)
	}
	if n := len(in.requests()); n != 3 {
		t.Errorf("inbox received %d requests, want 3 (none once dead)", n)
	}

	// Heard from again (an activity from it): tried, and it works.
	if err := st.MarkInstanceAlive(context.Background(), host); err != nil {
		t.Fatal(err)
	}
	clk.set(t0.Add(InstanceDeadAfter + time.Hour))
	if err := workAt(w, args, clk.now()); err != nil {
		t.Fatalf("after it was heard from: %v", err)
	}
	got := instanceOf(t, st, host)
	if got.Dead || got.FailingSince != nil || got.LastSuccessAt == nil || !got.LastSuccessAt.Equal(clk.now().Truncate(time.Microsecond)) {
		t.Errorf("after a success: dead %v, failing since %v, last success %v", got.Dead, got.FailingSince, got.LastSuccessAt)
	}
}

func TestDeliverCountsOnlySilenceAndServerErrorsAsFailures(t *testing.T) {
	t.Parallel()
	st, _ := newKeyStore(t)
	w := &Deliver{Deps: Deps{Store: st, HTTP: testHTTP()}}
	body := json.RawMessage(fmt.Sprintf(activity, alice))
	// A refusal or a busy answer comes from an instance that is up.
	for _, status := range []int{http.StatusNotFound, http.StatusTooManyRequests} {
		in := newInbox(t, status)
		if err := work(w, forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: alice, Activity: body}); err == nil {
			t.Fatalf("%d: delivered", status)
		}
		if _, err := st.InstanceByDomain(context.Background(), in.Listener.Addr().String()); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%d: recorded as a failure (%v)", status, err)
		}
	}
}

func TestDeliverGivesUpOnADeadInstanceThroughRiver(t *testing.T) {
	t.Parallel()
	w := &Deliver{Backoff: func(int) time.Duration { return 10 * time.Millisecond }}
	r := newDeliverRig(t, w, 2)
	in := newInbox(t, http.StatusServiceUnavailable)
	host := in.Listener.Addr().String()
	// Failing for three days already: the next failure makes it dead.
	if _, err := w.Store.RecordDeliveryFailure(r.ctx, host, time.Now().Add(-InstanceDeadAfter-time.Hour), InstanceDeadAfter); err != nil {
		t.Fatal(err)
	}
	job := r.wait(r.deliver(in.URL+"/inbox", alice, fmt.Sprintf(activity, alice)))
	if job.State != rivertype.JobStateCancelled || len(job.Errors) != 1 ||
		!strings.Contains(job.Errors[0].Error, "the instance is dead: it has failed every delivery since") {
		t.Fatalf("job %s, errors %+v; want cancelled with why", job.State, job.Errors)
	}
	// The next one is given up without a request, and says so.
	job = r.wait(r.deliver(in.URL+"/inbox", alice, fmt.Sprintf(activity, alice)))
	if job.State != rivertype.JobStateCancelled || len(job.Errors) != 1 || !strings.Contains(job.Errors[0].Error, "not tried until") {
		t.Errorf("job %s, errors %+v; want cancelled untried", job.State, job.Errors)
	}
	if n := len(in.requests()); n != 1 {
		t.Errorf("inbox received %d requests, want 1", n)
	}
}

func TestDeliverSendsNothingToRefusedInstances(t *testing.T) {
	t.Parallel()
	w := &Deliver{}
	r := newDeliverRig(t, w, 2)
	st := w.Store
	in := newInbox(t, http.StatusAccepted)
	host := in.Listener.Addr().String()
	if _, err := st.AddInstance(r.ctx, host); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(activity, alice)

	// Queued before the block, attempted after: not sent.
	res, err := r.river.Insert(r.ctx, forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: alice, Activity: json.RawMessage(body)},
		&river.InsertOpts{ScheduledAt: time.Now().Add(300 * time.Millisecond)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetInstanceBlocked(r.ctx, host, true); err != nil {
		t.Fatal(err)
	}
	if job := r.wait(res.Job.ID); job.State != rivertype.JobStateCancelled || !strings.Contains(job.Errors[0].Error, "the instance is blocked") {
		t.Errorf("blocked: job %s, errors %+v", job.State, job.Errors)
	}

	// Unblocked, but the site federates only with allowed instances.
	if err := st.SetInstanceBlocked(r.ctx, host, false); err != nil {
		t.Fatal(err)
	}
	mode := store.FederationAllowList
	if err := st.UpdateSite(r.ctx, store.SiteSettings{FederationMode: &mode}); err != nil {
		t.Fatal(err)
	}
	if job := r.wait(r.deliver(in.URL+"/inbox", alice, body)); job.State != rivertype.JobStateCancelled ||
		!strings.Contains(job.Errors[0].Error, "not on the allow-list") {
		t.Errorf("not allowed: job %s, errors %+v", job.State, job.Errors)
	}
	if n := len(in.requests()); n != 0 {
		t.Fatalf("inbox received %d requests, want none", n)
	}

	if err := st.SetInstanceAllowed(r.ctx, host, true); err != nil {
		t.Fatal(err)
	}
	if job := r.wait(r.deliver(in.URL+"/inbox", alice, body)); job.State != rivertype.JobStateCompleted {
		t.Errorf("allowed: job %s, errors %+v", job.State, job.Errors)
	}
	if n := len(in.requests()); n != 1 {
		t.Errorf("inbox received %d requests, want 1", n)
	}
}

func TestDeliverAgeCountsFromAnAdminsRetry(t *testing.T) {
	t.Parallel()
	st, _ := newKeyStore(t)
	w := &Deliver{Deps: Deps{Store: st, HTTP: testHTTP()}}
	in := newInbox(t, http.StatusAccepted)
	host := in.Listener.Addr().String()
	args := forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: alice, Activity: json.RawMessage(fmt.Sprintf(activity, alice))}
	queued := time.Now().Add(-4 * 24 * time.Hour)
	if err := workAt(w, args, queued); kindOf(err) != "cancelled" {
		t.Fatalf("four days old: %v, want given up", err)
	}
	if _, err := st.AddInstance(context.Background(), host); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReviveInstance(context.Background(), host, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := workAt(w, args, queued); err != nil {
		t.Errorf("four days old, retried an hour ago: %v, want delivered", err)
	}
	if n := len(in.requests()); n != 1 {
		t.Errorf("inbox received %d requests, want 1", n)
	}
}
