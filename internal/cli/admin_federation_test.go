package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func TestInstanceBlockUnblockAllow(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	if out := c.ok("admin", "federation", "status"); !strings.Contains(out, "federation mode: open") || !strings.Contains(out, "0 instance(s)") {
		t.Errorf("empty status:\n%s", out)
	}

	if out := c.ok("admin", "instance", "block", "Lemmy.Example"); out != "lemmy.example is blocked\n" {
		t.Errorf("block printed %q", out)
	}
	c.ok("admin", "instance", "block", "stranger.example:8536")
	c.ok("admin", "instance", "unblock", "stranger.example:8536")
	c.ok("admin", "instance", "allow", "friend.example")
	before := c.ok("admin", "federation", "status")
	for _, want := range []string{`lemmy\.example\s+0\s+0\s+0\s+never\s+blocked\n`, `friend\.example\s+0\s+0\s+0\s+never\s+allowed\n`,
		`stranger\.example:8536\s+0\s+0\s+0\s+never\s+ok\n`, `3 instance\(s\)`} {
		if !regexp.MustCompile(want).MatchString(before) {
			t.Errorf("status does not match %s:\n%s", want, before)
		}
	}

	// Refused input changes nothing.
	c.fails(1, "lemmy.example is already blocked", "admin", "instance", "block", "LEMMY.example")
	c.fails(1, "friend.example is already allowed", "admin", "instance", "allow", "friend.example")
	c.fails(1, "stranger.example:8536 is not blocked", "admin", "instance", "unblock", "stranger.example:8536")
	c.fails(1, "stranger.example:8536 is not allowed", "admin", "instance", "disallow", "stranger.example:8536")
	c.fails(1, "no instance nowhere.example is known here", "admin", "instance", "unblock", "nowhere.example")
	c.fails(1, "no instance nowhere.example is known here", "admin", "instance", "disallow", "nowhere.example")
	c.fails(1, "news.example.org is this instance", "admin", "instance", "block", "news.example.org")
	c.fails(1, `"https://lemmy.example" is not an instance's host[:port]`, "admin", "instance", "block", "https://lemmy.example")
	c.fails(1, "the port must be a number", "admin", "instance", "allow", "lemmy.example:0")
	c.fails(1, "a-z, 0-9 and -", "admin", "instance", "block", "bad_host.example")
	c.fails(2, "needs the instance's HOST", "admin", "instance", "block")
	c.fails(2, "needs the instance's HOST", "admin", "instance", "allow", "a.example", "b.example")
	c.fails(1, `federation mode "sometimes" must be open or allow_list`, "admin", "site", "set", "--federation", "sometimes")
	if after := c.ok("admin", "federation", "status"); after != before {
		t.Errorf("refused input changed the instances:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	// Allow-list mode: instances not allowed are shown as such.
	c.ok("admin", "site", "set", "--federation", "allow_list")
	if out := c.ok("admin", "site", "show"); !strings.Contains(out, "federation:   allow_list") {
		t.Errorf("site show:\n%s", out)
	}
	out := c.ok("admin", "federation", "status")
	for _, want := range []string{"federation mode: allow_list", `stranger\.example:8536\s+0\s+0\s+0\s+never\s+not allowed\n`,
		`friend\.example\s+0\s+0\s+0\s+never\s+allowed\n`, `lemmy\.example\s+0\s+0\s+0\s+never\s+blocked\n`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("allow-list status does not match %s:\n%s", want, out)
		}
	}
	if out := c.ok("admin", "instance", "unblock", "lemmy.example"); !strings.Contains(out, "instance allow lemmy.example") {
		t.Errorf("unblock in allow-list mode does not say how to federate: %q", out)
	}
	c.ok("admin", "instance", "block", "lemmy.example")
	if out := c.ok("admin", "instance", "allow", "lemmy.example"); out != "lemmy.example is allowed (and no longer blocked)\n" {
		t.Errorf("allow of a blocked instance printed %q", out)
	}
	if out := c.ok("admin", "instance", "disallow", "friend.example"); out != "friend.example is no longer allowed\n" {
		t.Errorf("disallow printed %q", out)
	}
	out = c.ok("admin", "federation", "status")
	if !regexp.MustCompile(`lemmy\.example\s+0\s+0\s+0\s+never\s+allowed\n`).MatchString(out) ||
		!regexp.MustCompile(`friend\.example\s+0\s+0\s+0\s+never\s+not allowed\n`).MatchString(out) {
		t.Errorf("after allow and disallow:\n%s", out)
	}
}

// jobsDB is the test database with River, to queue deliveries and set them
// in the states the workers would leave them in.
type jobsDB struct {
	t     *testing.T
	ctx   context.Context
	pool  *pgxpool.Pool
	st    *store.Store
	river *river.Client[pgx.Tx]
}

func openJobsDB(t *testing.T, c *tidings) *jobsDB {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, c.env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	rc, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return &jobsDB{t: t, ctx: ctx, pool: pool, st: store.New(pool), river: rc}
}

// deliver queues a delivery to host's inbox and puts it in state.
func (j *jobsDB) deliver(host, state string) int64 {
	j.t.Helper()
	res, err := j.river.Insert(j.ctx, forum.DeliverArgs{Inbox: "https://" + host + "/inbox",
		Actor: "https://news.example.org/c/news", Activity: json.RawMessage(`{"type":"Announce"}`)}, nil)
	if err != nil {
		j.t.Fatal(err)
	}
	switch state {
	case "available":
	case "running":
		_, err = j.pool.Exec(j.ctx, `UPDATE river_job SET state = 'running', attempt = 1, attempted_at = now() WHERE id = $1`, res.Job.ID)
	case "retryable":
		_, err = j.pool.Exec(j.ctx, `UPDATE river_job SET state = 'retryable', attempt = 1, scheduled_at = now() + interval '1 hour'
			WHERE id = $1`, res.Job.ID)
	case "cancelled", "discarded", "completed":
		_, err = j.pool.Exec(j.ctx, `UPDATE river_job SET state = $2::river_job_state, attempt = 1, finalized_at = now(),
			errors = ARRAY[jsonb_build_object('at', now(), 'attempt', 1, 'error', 'the instance is dead')]
			WHERE id = $1`, res.Job.ID, state)
	case "cancelled long ago":
		_, err = j.pool.Exec(j.ctx, `UPDATE river_job SET state = 'cancelled', attempt = 1, finalized_at = now() - interval '8 days'
			WHERE id = $1`, res.Job.ID)
	default:
		j.t.Fatalf("state %q", state)
	}
	if err != nil {
		j.t.Fatal(err)
	}
	return res.Job.ID
}

func (j *jobsDB) state(id int64) string {
	j.t.Helper()
	job, err := j.river.JobGet(j.ctx, id)
	if err != nil {
		j.t.Fatal(err)
	}
	return string(job.State)
}

func TestFederationStatusAndRetry(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	c.ok("admin", "site", "show") // sets the site up
	j := openJobsDB(t, c)
	now := time.Now()

	// down.example has failed for four days and is dead.
	for _, at := range []time.Time{now.Add(-96 * time.Hour), now} {
		if _, err := j.st.RecordDeliveryFailure(j.ctx, "down.example", at, 72*time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	queued := j.deliver("down.example", "available")
	retryable := j.deliver("down.example", "retryable")
	cancelled := j.deliver("down.example", "cancelled")
	discarded := j.deliver("down.example", "discarded")
	old := j.deliver("down.example", "cancelled long ago")
	done := j.deliver("down.example", "completed")
	// up.example works; one delivery is on its way.
	if err := j.st.RecordDeliverySuccess(j.ctx, "up.example", time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	j.deliver("up.example", "running")
	// new.example has a delivery queued, never tried: shown all the same.
	j.deliver("new.example", "available")
	// Deliveries to ourselves (the instance actor's own inbox) are not listed.
	j.deliver("news.example.org", "available")

	out := c.ok("admin", "federation", "status")
	for _, want := range []string{
		`INSTANCE\s+QUEUED\s+IN FLIGHT\s+FAILED \(7D\)\s+LAST SUCCESS\s+STATE\n`,
		`down\.example\s+2\s+0\s+2\s+never\s+dead \(failing since \d{4}-\d\d-\d\d \d\d:\d\d\)\n`,
		`new\.example\s+1\s+0\s+0\s+never\s+ok\n`,
		`up\.example\s+0\s+1\s+0\s+2025-03-01 12:30\s+ok\n`,
		`3 instance\(s\)\n`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("status does not match %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "news.example.org") {
		t.Errorf("status lists this instance:\n%s", out)
	}

	// Bad input, and instances whose deliveries would be refused again.
	c.ok("admin", "instance", "block", "blocked.example")
	c.fails(1, "no instance nowhere.example is known here", "admin", "federation", "retry", "nowhere.example")
	c.fails(1, "blocked.example is blocked; `tidings admin instance unblock blocked.example` first",
		"admin", "federation", "retry", "blocked.example")
	c.fails(1, "not an instance's host", "admin", "federation", "retry", "down.example/inbox")
	c.fails(2, "needs the instance's HOST", "admin", "federation", "retry")
	if again := c.ok("admin", "federation", "status"); !strings.Contains(again, "dead (failing since") {
		t.Errorf("refused retries changed the status:\n%s", again)
	}

	out = c.ok("admin", "federation", "retry", "DOWN.example")
	if out != "down.example is no longer marked dead\n3 deliveries to down.example queued again\n" {
		t.Errorf("retry printed %q", out)
	}
	for id, want := range map[int64]string{queued: "available", retryable: "available", cancelled: "available",
		discarded: "available", old: "cancelled", done: "completed"} {
		if got := j.state(id); got != want {
			t.Errorf("job %d: %s, want %s", id, got, want)
		}
	}
	in, err := j.st.InstanceByDomain(j.ctx, "down.example")
	if err != nil || in.Dead || in.FailingSince != nil || in.RetriedAt == nil {
		t.Errorf("after retry: %+v, %v", in, err)
	}
	out = c.ok("admin", "federation", "status")
	if !regexp.MustCompile(`down\.example\s+4\s+0\s+0\s+never\s+ok\n`).MatchString(out) {
		t.Errorf("after retry:\n%s", out)
	}
	if out := c.ok("admin", "federation", "retry", "up.example"); out != "0 deliveries to up.example queued again\n" {
		t.Errorf("retry with nothing to retry printed %q", out)
	}
}

// groupServer is another instance with one community, "remote", behind
// WebFinger.
func groupServer(t *testing.T) *httptest.Server {
	t.Helper()
	pub, _, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := strings.TrimPrefix(srv.URL, "http://")
		id := srv.URL + "/c/remote"
		switch {
		case r.URL.Path == "/.well-known/webfinger" && r.URL.Query().Get("resource") == "acct:remote@"+host:
			w.Header().Set("Content-Type", "application/jrd+json")
			fmt.Fprintf(w, `{"subject":"acct:remote@%s","links":[{"rel":"self","type":"application/activity+json",
				"href":%q,"properties":{"https://www.w3.org/ns/activitystreams#type":"Group"}}]}`, host, id)
		case r.URL.Path == "/c/remote":
			w.Header().Set("Content-Type", "application/activity+json")
			_ = json.NewEncoder(w).Encode(map[string]any{
				"@context": []string{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
				"id":       id, "type": "Group", "preferredUsername": "remote", "name": "Remote News",
				"inbox": id + "/inbox", "followers": id + "/followers", "outbox": id + "/outbox",
				"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": pub},
			})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestResolve(t *testing.T) {
	t.Parallel()
	c := migrated(t)
	srv := groupServer(t)
	host := strings.TrimPrefix(srv.URL, "http://")
	c.env["TIDINGS_SCHEME"] = "http"

	// Other instances on loopback are out of reach unless allowed.
	c.fails(1, "resolve !remote@"+host, "admin", "resolve", "!remote@"+host)
	if list := c.ok("admin", "community", "list", "--all"); strings.Contains(list, "remote@") {
		t.Errorf("a refused lookup stored the community:\n%s", list)
	}

	c.env["TIDINGS_ALLOW_PRIVATE_ADDRESSES"] = "true"
	want := "http://news.example.org/c/remote@" + host + "\n"
	if out := c.ok("admin", "resolve", "!remote@"+host); out != want {
		t.Errorf("resolve handle printed %q, want %q", out, want)
	}
	if list := c.ok("admin", "community", "list", "--all"); !strings.Contains(list, "remote@"+host+"  Remote News") {
		t.Errorf("the community was not stored:\n%s", list)
	}
	if out := c.ok("admin", "resolve", srv.URL+"/c/remote"); out != want {
		t.Errorf("resolve URL printed %q, want %q", out, want)
	}

	// A local community, by handle and by URL.
	c.ok("admin", "community", "create", "home", "--title", "Home")
	for _, q := range []string{"!home@news.example.org", "http://news.example.org/c/home"} {
		if out := c.ok("admin", "resolve", q); out != "http://news.example.org/c/home\n" {
			t.Errorf("resolve %s printed %q", q, out)
		}
	}

	c.fails(1, "is not a handle like !community@example.org", "admin", "resolve", "not a handle")
	c.fails(1, "there is no community nothere here", "admin", "resolve", "!nothere@news.example.org")
	c.fails(2, "needs a HANDLE_OR_URL", "admin", "resolve")
	c.ok("admin", "instance", "block", host)
	c.fails(1, "blocked", "admin", "resolve", srv.URL+"/u/someone")
}
