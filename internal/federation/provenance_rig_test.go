package federation_test

// The rig of provenance_test.go: a Tidings whose River client makes the
// checks at origin, and a third server, the author's, that answers as a
// test tells it.

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/worker"
)

// verifyQueue is where the rig puts the checks at origin, the only jobs
// its River client works.
const verifyQueue = "verify_origin"

// verifyJobs is forum's job queue in the rig: River, with the checks on a
// queue of their own.
type verifyJobs struct{ c *river.Client[pgx.Tx] }

func (j verifyJobs) Enqueue(ctx context.Context, tx *store.Store, jobs ...river.JobArgs) error {
	for _, a := range jobs {
		var opts *river.InsertOpts
		if _, ok := a.(forum.VerifyOriginArgs); ok {
			opts = &river.InsertOpts{Queue: verifyQueue}
		}
		if _, err := j.c.InsertTx(ctx, tx.PgxTx(), a, opts); err != nil {
			return err
		}
	}
	return nil
}

// newCheckingLocal is a running Tidings, as newLocal, whose River client
// works the checks at origin with the given limit per origin host.
func newCheckingLocal(t *testing.T, every rate.Limit, burst int) (*local, *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	checks := &worker.VerifyOrigin{Deps: worker.Deps{Store: st, Log: logs}, Rate: every, Burst: burst,
		RetryBase: 10 * time.Millisecond}
	workers := river.NewWorkers()
	river.AddWorker(workers, checks)
	rc, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Logger: slog.New(slog.DiscardHandler), Workers: workers, SkipUnknownJobCheck: true,
		Queues:        map[string]river.QueueConfig{verifyQueue: {MaxWorkers: 4}},
		FetchCooldown: 10 * time.Millisecond, FetchPollInterval: 50 * time.Millisecond, TestOnly: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := forum.Open(ctx, st, "http", ln.Addr().String(), forum.WithJobs(verifyJobs{rc}))
	if err != nil {
		t.Fatal(err)
	}
	site, err := st.GetSite(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fed, err := federation.New(federation.Deps{Forum: f, Store: st, Log: logs, Version: "test",
		HTTP: safehttp.New(safehttp.Options{AllowPrivate: true}), InstanceKeyPEM: site.PrivateKeyPEM})
	if err != nil {
		t.Fatal(err)
	}
	checks.Verifier = fed
	r := chi.NewRouter()
	fed.Routes(r)
	srv := httptest.NewUnstartedServer(fed.Negotiate(r))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	if err := rc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = rc.Stop(stop)
	})
	c, err := f.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News"})
	if err != nil {
		t.Fatal(err)
	}
	return &local{url: srv.URL, st: st, f: f, fed: fed, community: c}, pool
}

// answer is one answer of an author's server to a fetch.
type answer struct {
	status int
	doc    map[string]any // nil: no body
}

// authorServer is a third server, home of carol and dave: it serves them,
// and answers fetches of other paths as it is told, each answer in turn
// and the last one from then on; a path it was told nothing of is 404.
type authorServer struct {
	url, carol, dave string
	signer           *httpsig.Signer // carol's

	mu      sync.Mutex
	answers map[string][]answer
	fetches map[string]int
	held    chan struct{} // while open, fetches of objects wait
}

func newAuthorServer(t *testing.T) *authorServer {
	t.Helper()
	a := &authorServer{answers: map[string][]answer{}, fetches: map[string]int{}}
	key := remoteKey()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		if held := a.held; held != nil && r.URL.Path != "/u/carol" && r.URL.Path != "/u/dave" {
			a.mu.Unlock()
			<-held
			a.mu.Lock()
		}
		a.fetches[r.URL.Path]++
		queue := a.answers[r.URL.Path]
		var ans answer
		switch {
		case len(queue) > 0:
			ans = queue[0]
			if len(queue) > 1 {
				a.answers[r.URL.Path] = queue[1:]
			}
		case r.URL.Path == "/u/carol" || r.URL.Path == "/u/dave":
			id := a.url + r.URL.Path
			ans = answer{http.StatusOK, map[string]any{
				"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
				"id":       id, "type": "Person", "preferredUsername": strings.TrimPrefix(r.URL.Path, "/u/"),
				"inbox": id + "/inbox", "endpoints": map[string]string{"sharedInbox": a.url + "/inbox"},
				"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": key.pubPEM},
			}}
		default:
			ans = answer{status: http.StatusNotFound}
		}
		a.mu.Unlock()
		if ans.doc != nil {
			w.Header().Set("Content-Type", "application/activity+json")
		}
		w.WriteHeader(ans.status)
		if ans.doc != nil {
			_ = json.NewEncoder(w).Encode(ans.doc)
		}
	}))
	t.Cleanup(srv.Close)
	a.url, a.carol, a.dave = srv.URL, srv.URL+"/u/carol", srv.URL+"/u/dave"
	var err error
	if a.signer, err = httpsig.NewSigner(a.carol+"#main-key", key.privPEM); err != nil {
		t.Fatal(err)
	}
	return a
}

// hold has fetches of objects wait until release is called, so that a
// test sees what was stored before any check answers.
func (a *authorServer) hold() (release func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	held := make(chan struct{})
	a.held = held
	return func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.held == held {
			a.held = nil
			close(held)
		}
	}
}

// answerWith sets the answers to fetches of the object id.
func (a *authorServer) answerWith(id string, answers ...answer) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.answers[strings.TrimPrefix(id, a.url)] = answers
}

func (a *authorServer) fetchesOf(id string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.fetches[strings.TrimPrefix(id, a.url)]
}

// carolsPost is a link post by carol in community, as Lemmy writes one.
func (a *authorServer) carolsPost(n, community string) map[string]any {
	return map[string]any{
		"id": a.url + "/post/" + n, "type": "Page", "attributedTo": a.carol, "name": "Tide tables for the estuary",
		"content":   "<p>High water at <strong>06:12</strong>, low water at 12:30.</p>\n",
		"mediaType": "text/html", "source": map[string]any{"content": "High water at **06:12**, low water at 12:30.",
			"mediaType": "text/markdown"},
		"attachment": []any{map[string]any{"type": "Link", "href": "https://tides.example/estuary"}},
		"audience":   community, "to": []any{community, public}, "published": "2025-03-01T08:00:00Z",
	}
}

// edited is a copy of doc with changes.
func edited(doc map[string]any, changes map[string]any) map[string]any {
	out := maps.Clone(doc)
	maps.Copy(out, changes)
	return out
}

// relayedCreate is the community's Announce of its author's Create of obj.
func relayedCreate(relay *sender, community, n string, obj map[string]any) []byte {
	return relayed(relay, community, n, map[string]any{"id": idOf(obj) + "/create", "type": "Create",
		"actor": obj["attributedTo"], "to": []any{public}, "cc": []any{community}, "audience": community, "object": obj})
}

func idOf(obj map[string]any) string { return obj["id"].(string) }

// checkOf waits for the check at origin of object to finish, and returns
// its state and the attempts it took.
func checkOf(t *testing.T, pool *pgxpool.Pool, object string) (state string, attempts int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := pool.QueryRow(context.Background(), `SELECT state::text, attempt FROM river_job
			WHERE kind = 'verify_origin' AND args->>'object' = $1`, object).Scan(&state, &attempts)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			t.Fatal(err)
		}
		if state == "completed" || state == "cancelled" || state == "discarded" {
			return state, attempts
		}
		if time.Now().After(deadline) {
			t.Fatalf("the check of %s did not finish: state %q after %d attempts (%v)", object, state, attempts, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checksQueued counts the checks at origin ever queued for object.
func checksQueued(t *testing.T, pool *pgxpool.Pool, object string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM river_job
		WHERE kind = 'verify_origin' AND args->>'object' = $1`, object).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// modLog is the moderation log's entries about a post or comment, as
// "action by moderator-or-nobody: reason".
func modLog(t *testing.T, pool *pgxpool.Pool, postID, commentID int64) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT action || ' by ' || coalesce(moderator_id::text, 'nobody') || ': ' || coalesce(reason, '')
		FROM mod_actions WHERE post_id = $1 AND comment_id IS NOT DISTINCT FROM nullif($2, 0) ORDER BY id`,
		postID, commentID)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}
