package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/tidings/tidings/internal/forum"
)

// Every job kind ends (its context cancelled at its timeout) before River
// would rescue it as the job of a dead process, and a rescued job of any
// kind runs again at once, not after the backoff of a failure. A kind
// registered around kinds() would escape this check, so the test also
// compares what River was given with kinds().
func TestEveryJobKindEndsBeforeItIsRescued(t *testing.T) {
	t.Parallel()
	if MaxTimeout+3*time.Second > RescueAfter {
		t.Errorf("MaxTimeout %s leaves under 3 s before RescueAfter %s for River to record a job's end", MaxTimeout, RescueAfter)
	}
	var listed []string
	for _, k := range kinds(Deps{}) {
		listed = append(listed, k.name)
		timeout := k.timeout()
		if timeout == 0 {
			timeout = MaxTimeout // the client's JobTimeout, set by Configure
		}
		if timeout < 0 || timeout > MaxTimeout {
			t.Errorf("%s: timeout %s; every kind must end within MaxTimeout (%s), before the rescue window (%s): "+
				"split longer work into steps", k.name, timeout, MaxTimeout, RescueAfter)
		}
		// Three failures, then an attempt by a process that died.
		started := time.Now().Add(-RescueAfter - time.Second)
		row := &rivertype.JobRow{Kind: k.name, Attempt: 4, MaxAttempts: 16, AttemptedAt: &started,
			Errors: make([]rivertype.AttemptError, 3), CreatedAt: started.Add(-time.Hour)}
		next := k.nextRetry(row)
		if next.IsZero() {
			next = RetryPolicy{}.NextRetry(row)
		}
		if wait := time.Until(next); wait > time.Second {
			t.Errorf("%s: an attempt abandoned by a dead process goes again in %s, want at once", k.name, wait.Round(time.Second))
		}
	}

	ws := river.NewWorkers()
	Register(ws, Deps{})
	m := reflect.ValueOf(ws).Elem().FieldByName("workersMap")
	if m.Kind() != reflect.Map {
		t.Fatalf("river.Workers has no workersMap any more: update this test to list the kinds River was given")
	}
	var given []string
	for _, k := range m.MapKeys() {
		given = append(given, k.String())
	}
	slices.Sort(listed)
	slices.Sort(given)
	if !slices.Equal(listed, given) {
		t.Errorf("Register gave River %v, but kinds() lists %v: add every job kind to kinds()", given, listed)
	}

	cfg := &river.Config{Workers: ws}
	Configure(cfg)
	if cfg.RescueStuckJobsAfter != RescueAfter || cfg.JobTimeout != MaxTimeout {
		t.Errorf("Configure: rescue after %s, job timeout %s; want %s and %s", cfg.RescueStuckJobsAfter, cfg.JobTimeout, RescueAfter, MaxTimeout)
	}
}

// A delivery that a process was making when it died is made again as
// soon as River rescues it, though its last real failure would have it
// wait an hour: the attempt the dead process abandoned says nothing of the
// remote.
func TestAnAbandonedDeliveryGoesAgainAtOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newKeyStore(t)
	in := newInbox(t, http.StatusAccepted)
	w := &Deliver{Deps: Deps{Store: st, HTTP: testHTTP(), Log: slog.New(slog.DiscardHandler)},
		Backoff: func(int) time.Duration { return time.Hour }}
	ws := river.NewWorkers()
	river.AddWorker(ws, w)
	cfg := &river.Config{Workers: ws, Logger: slog.New(slog.DiscardHandler), TestOnly: true}
	Configure(cfg)
	client, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.Insert(ctx, forum.DeliverArgs{Inbox: in.URL + "/inbox", Actor: alice,
		Activity: json.RawMessage(fmt.Sprintf(activity, alice))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// As a process killed in its third attempt leaves it, after two
	// failures: running, by a River client that is gone.
	failures, _ := json.Marshal([]rivertype.AttemptError{{At: time.Now().Add(-time.Hour), Attempt: 1, Error: "503"},
		{At: time.Now().Add(-30 * time.Minute), Attempt: 2, Error: "503"}})
	if _, err := pool.Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 3,
		attempted_at = now() - $2::interval, attempted_by = ARRAY['a-process-that-died'], errors = $3::jsonb[]
		WHERE id = $1`, res.Job.ID, (RescueAfter + 5*time.Second).String(), jsonbArray(failures)); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = client.Stop(ctx)
	})
	r := &deliverRig{t: t, ctx: ctx, river: client}
	job := r.wait(res.Job.ID)
	took := time.Since(start)
	if job.State != rivertype.JobStateCompleted || len(in.requests()) != 1 {
		t.Fatalf("job %s after %d attempts, %d requests; want delivered once", job.State, job.Attempt, len(in.requests()))
	}
	// River's rescuer runs at once on a new leader, and its scheduler
	// within 5 s: far less than the hour of the backoff.
	if took > 15*time.Second {
		t.Errorf("delivered %s after the rescue could begin, want within 15 s", took.Round(time.Second))
	}
	t.Logf("an abandoned delivery was made again %s after River started", took.Round(time.Millisecond))
}

// jsonbArray is a list of JSON documents as PostgreSQL reads a jsonb[].
func jsonbArray(list []byte) []string {
	var items []json.RawMessage
	_ = json.Unmarshal(list, &items)
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = string(it)
	}
	return out
}
