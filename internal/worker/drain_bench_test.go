package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/forum"
)

// BenchmarkBacklogDrain measures how fast deliveries to one instance
// drain after it was down for ten minutes with 10,000 activities queued,
// against the steady rate of delivering to it while it is up, in the same
// run, through River as `tidings serve` runs it (Configure: its job
// slots, four deliveries in flight per host).
//
// The outage is played out for real: every delivery is tried against an
// inbox answering 503 and goes into River's backoff; the ten minutes are
// then stood for by spreading the next tries over the following ten
// minutes, as a ten-minute outage's backoff would have. The instance comes
// back; the next new delivery to it succeeds, and what waits for it goes
// at once. Every activity must arrive exactly once.
//
//	go test -run '^$' -bench BacklogDrain -benchtime 1x ./internal/worker/
func BenchmarkBacklogDrain(b *testing.B) {
	const steady, backlog = 2000, 10000
	for range b.N {
		r := newDrainRig(b)
		start := time.Now()
		r.queue(steady)
		r.waitCompleted(steady)
		steadyRate := steady / time.Since(start).Seconds()

		r.down.Store(true)
		r.queue(backlog)
		r.waitRetryable(backlog)
		if _, err := r.pool.Exec(context.Background(), `UPDATE river_job
			SET scheduled_at = now() + random() * interval '10 minutes' WHERE state = 'retryable'`); err != nil {
			b.Fatal(err)
		}
		r.down.Store(false)
		start = time.Now()
		r.queue(1) // life goes on: the first new activity finds it back
		r.waitCompleted(steady + backlog + 1)
		drainRate := backlog / time.Since(start).Seconds()
		r.checkOnce(steady + backlog + 1)

		b.ReportMetric(steadyRate, "steady/s")
		b.ReportMetric(drainRate, "drain/s")
		b.ReportMetric(drainRate/steadyRate, "drain/steady")
		b.Logf("steady %.0f deliveries/s; after a 10-minute outage, %d queued drained at %.0f/s; ratio %.2f",
			steadyRate, backlog, drainRate, drainRate/steadyRate)
	}
}

// drainRig is a River client delivering to one inbox that can be down.
type drainRig struct {
	b     *testing.B
	pool  *pgxpool.Pool
	river *river.Client[pgx.Tx]
	inbox string
	down  atomic.Bool
	next  int

	mu       sync.Mutex
	received map[string]int // activity id → deliveries
}

func newDrainRig(b *testing.B) *drainRig {
	b.Helper()
	st, pool := newKeyStore(b)
	r := &drainRig{b: b, pool: pool, received: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		if r.down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		var a struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(body, &a)
		r.mu.Lock()
		r.received[a.ID]++
		r.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	b.Cleanup(srv.Close)
	r.inbox = srv.URL + "/inbox"
	workers := river.NewWorkers()
	river.AddWorker(workers, &Deliver{Deps: Deps{Store: st, HTTP: testHTTP(), Log: slog.New(slog.DiscardHandler)}})
	cfg := &river.Config{Workers: workers, Logger: slog.New(slog.DiscardHandler)}
	Configure(cfg)
	client, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		b.Fatal(err)
	}
	if err := client.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = client.Stop(ctx)
	})
	r.river = client
	return r
}

// queue inserts n deliveries of distinct activities.
func (r *drainRig) queue(n int) {
	r.b.Helper()
	params := make([]river.InsertManyParams, 0, 1000)
	flush := func() {
		if _, err := r.river.InsertMany(context.Background(), params); err != nil {
			r.b.Fatal(err)
		}
		params = params[:0]
	}
	for range n {
		r.next++
		activity := fmt.Sprintf(`{"@context":"https://www.w3.org/ns/activitystreams","id":"%s/activities/like/%d",`+
			`"type":"Like","actor":"%s","object":"%s/post/1"}`, alice, r.next, alice, news)
		params = append(params, river.InsertManyParams{Args: forum.DeliverArgs{Inbox: r.inbox, Actor: alice,
			Activity: json.RawMessage(activity)}})
		if len(params) == cap(params) {
			flush()
		}
	}
	if len(params) > 0 {
		flush()
	}
}

func (r *drainRig) count(state string) int {
	var n int
	if err := r.pool.QueryRow(context.Background(),
		`SELECT count(*) FROM river_job WHERE kind = 'deliver_activity' AND state = $1`, state).Scan(&n); err != nil {
		r.b.Fatal(err)
	}
	return n
}

func (r *drainRig) wait(what string, ok func() bool) {
	r.b.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for !ok() {
		if time.Now().After(deadline) {
			r.b.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (r *drainRig) waitCompleted(n int) {
	r.wait(fmt.Sprintf("%d deliveries", n), func() bool { return r.count("completed") >= n })
}

func (r *drainRig) waitRetryable(n int) {
	r.wait(fmt.Sprintf("%d deliveries to fail", n), func() bool { return r.count("retryable") >= n })
}

// checkOnce fails unless each of the n activities arrived exactly once.
func (r *drainRig) checkOnce(n int) {
	r.b.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.received) != n {
		r.b.Fatalf("%d distinct activities arrived, want %d", len(r.received), n)
	}
	for id, c := range r.received {
		if c != 1 {
			r.b.Fatalf("%s arrived %d times", id, c)
		}
	}
}
