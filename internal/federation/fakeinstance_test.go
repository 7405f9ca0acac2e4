package federation_test

// The rig of the fixture-driven inbox tests: a running Tidings with the
// communities the fixtures name, and, for every other host a fixture names,
// a fake instance on loopback that serves the actors and objects Tidings
// fetches and records what Tidings delivers to it.

import (
	"bytes"
	"context"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	gofed "github.com/go-fed/httpsig"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/worker"
)

// fixturesRoot is shared/fixtures beside the repository, as for the other
// tests that read it.
const fixturesRoot = "../../../shared/fixtures"

// localCommunities are the communities the fixtures address that the
// Tidings under test holds: their URLs, on whichever fixture host, are
// rewritten to it.
var localCommunities = []string{"main", "tenforward", "testcom"}

// keptHosts are named in fixtures but are not instances taking part: the
// vocabularies of @context, and a picture a post links to.
var keptHosts = map[string]bool{
	"www.w3.org": true, "w3id.org": true, "join-lemmy.org": true, "ostatus.org": true,
	"joinmastodon.org": true, "schema.org": true, "lemmy.ml": true,
}

var communityPath = regexp.MustCompile(`^/c/([a-z0-9_]+)(/.*)?$`)

// actorKeys are the fake actors' keys, one per actor path (/u/NAME and so
// on) for the whole run: RSA keys are slow to make under -race, and two
// hosts' actors of one name sharing a key changes nothing a test checks.
var actorKeys = struct {
	sync.Mutex
	m map[string]rsaKey
}{m: map[string]rsaKey{}}

func actorKey(actorPath string) rsaKey {
	actorKeys.Lock()
	defer actorKeys.Unlock()
	k, ok := actorKeys.m[actorPath]
	if !ok {
		k = newRSAKey()
		actorKeys.m[actorPath] = k
	}
	return k
}

// fixtureDeliveries is the queue the rig puts deliveries on, so that a
// scenario can work them (and only them: link previews would go to the
// Internet) with a River worker of its own.
const fixtureDeliveries = "fixture_deliveries"

// fixtureJobs is forum's job queue in the rig: River, deliveries on their
// own queue.
type fixtureJobs struct{ c *river.Client[pgx.Tx] }

func (j fixtureJobs) Enqueue(ctx context.Context, tx *store.Store, jobs ...river.JobArgs) error {
	for _, a := range jobs {
		var opts *river.InsertOpts
		if _, ok := a.(forum.DeliverArgs); ok {
			opts = &river.InsertOpts{Queue: fixtureDeliveries, MaxAttempts: forum.DeliverMaxAttempts}
		}
		if _, err := j.c.InsertTx(ctx, tx.PgxTx(), a, opts); err != nil {
			return err
		}
	}
	return nil
}

// rigOptions are what a scenario asks of its rig.
type rigOptions struct {
	// remote lists community names whose URLs stay on their fixture host,
	// as communities of another instance (the actor of an Announce).
	remote []string
	// deliver runs a River worker for deliveries, so that what Tidings
	// sends reaches the fake instances.
	deliver bool
}

// fixtureRig is one scenario's world: a Tidings on loopback with its own
// database, and the fake instances of the fixture hosts.
type fixtureRig struct {
	t           testing.TB
	dir         string // "lemmy", "lemmy-0.19" or "mastodon"
	tidings     string // http://127.0.0.1:PORT
	st          *store.Store
	forum       *forum.Service
	pool        *pgxpool.Pool
	communities map[string]store.Community
	remote      map[string]bool
	resolver    *federation.Resolver

	mu    sync.Mutex
	fakes map[string]*fakeInstance // by fixture host[:port], lower case
}

func newFixtureRig(t testing.TB, dir string, o rigOptions) *fixtureRig {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &river.Config{Logger: slog.New(slog.DiscardHandler)}
	if o.deliver {
		workers := river.NewWorkers()
		river.AddWorker(workers, &worker.Deliver{Deps: worker.Deps{Store: st,
			HTTP: safehttp.New(safehttp.Options{AllowPrivate: true})}})
		cfg.Workers = workers
		cfg.Queues = map[string]river.QueueConfig{fixtureDeliveries: {MaxWorkers: 4}}
		// Other jobs (link previews, say) are inserted but not worked here.
		cfg.SkipUnknownJobCheck = true
		cfg.FetchCooldown = 10 * time.Millisecond
		cfg.FetchPollInterval = 50 * time.Millisecond
		cfg.TestOnly = true
	}
	rc, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		t.Fatal(err)
	}
	f, err := forum.Open(ctx, st, "http", ln.Addr().String(), forum.WithJobs(fixtureJobs{rc}))
	if err != nil {
		t.Fatal(err)
	}
	site, err := st.GetSite(ctx)
	if err != nil {
		t.Fatal(err)
	}
	client := safehttp.New(safehttp.Options{AllowPrivate: true})
	// What the inbox logs (the cause of a 500) goes to the test's log.
	logs := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	fed, err := federation.New(federation.Deps{Forum: f, Store: st, Log: logs,
		Version: "test", HTTP: client, InstanceKeyPEM: site.PrivateKeyPEM})
	if err != nil {
		t.Fatal(err)
	}
	r := chi.NewRouter()
	fed.Routes(r)
	srv := httptest.NewUnstartedServer(fed.Negotiate(r))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	if o.deliver {
		if err := rc.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = rc.Stop(stop)
		})
	}
	rig := &fixtureRig{t: t, dir: dir, tidings: srv.URL, st: st, forum: f, pool: pool,
		communities: map[string]store.Community{}, remote: map[string]bool{}, fakes: map[string]*fakeInstance{},
		resolver: &federation.Resolver{Store: st, Fetcher: federation.NewFetcher(client, nil), LocalHost: ln.Addr().String()}}
	for _, name := range o.remote {
		rig.remote[name] = true
	}
	for _, name := range localCommunities {
		c, err := f.CreateCommunity(ctx, forum.NewCommunity{Name: name, Title: "Community " + name})
		if err != nil {
			t.Fatal(err)
		}
		rig.communities[name] = c
	}
	return rig
}

// testLog writes log lines to the test's log. The inbox logs only while
// it answers, and the server is closed (waiting for its requests) before
// the test ends.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// mapURL is where a URL of a fixture lives in this rig: our community, a
// fake instance, or (for the hosts in keptHosts and anything that is not
// an http(s) URL) where it was.
func (r *fixtureRig) mapURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || keptHosts[strings.ToLower(u.Host)] {
		return s
	}
	if m := communityPath.FindStringSubmatch(u.Path); m != nil && !r.remote[m[1]] && isLocalCommunity(m[1]) {
		base, _ := url.Parse(r.tidings)
		u.Scheme, u.Host = base.Scheme, base.Host
		return u.String()
	}
	f := r.fake(u.Host)
	u.Scheme, u.Host = "http", f.hostPort
	return u.String()
}

func isLocalCommunity(name string) bool {
	for _, c := range localCommunities {
		if c == name {
			return true
		}
	}
	return false
}

// rewrite maps every URL in a decoded JSON document, keeping everything
// else (quirks included) as it is.
func (r *fixtureRig) rewrite(v any) any {
	switch x := v.(type) {
	case string:
		return r.mapURL(x)
	case []any:
		for i := range x {
			x[i] = r.rewrite(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = r.rewrite(x[k])
		}
	}
	return v
}

// fixture reads a file of the rig's folder (or a path under fixturesRoot
// when name has a folder of its own) with its URLs rewritten.
func (r *fixtureRig) fixture(name string) map[string]any {
	r.t.Helper()
	file := filepath.Join(fixturesRoot, r.dir, "activities", name)
	if strings.Contains(name, "/objects/") {
		file = filepath.Join(fixturesRoot, name)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		r.t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
	return r.rewrite(doc).(map[string]any)
}

// send POSTs a fixture activity to our shared inbox, signed by its actor.
func (r *fixtureRig) send(name string) (int, string) {
	r.t.Helper()
	return r.sendDoc(r.fixture(name))
}

// mustSend is send for a step that has to be accepted.
func (r *fixtureRig) mustSend(name string) {
	r.t.Helper()
	if code, body := r.send(name); code/100 != 2 {
		r.t.Fatalf("setup: %s: %d %s", name, code, strings.TrimSpace(body))
	}
}

// sendDoc POSTs an activity to our shared inbox, signed by its actor as
// Lemmy signs.
func (r *fixtureRig) sendDoc(doc map[string]any) (int, string) {
	r.t.Helper()
	body, err := json.Marshal(doc)
	if err != nil {
		r.t.Fatal(err)
	}
	actor, _ := doc["actor"].(string)
	return r.postInbox("/inbox", body, actor)
}

func (r *fixtureRig) postInbox(inboxPath string, body []byte, actor string) (int, string) {
	r.t.Helper()
	req, err := http.NewRequest(http.MethodPost, r.tidings+inboxPath, bytes.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	if err := signLikeLemmy(req, body, actor+"#main-key", r.privateKey(actor)); err != nil {
		r.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// privateKey is the key of a fake instance's actor.
func (r *fixtureRig) privateKey(actor string) *rsa.PrivateKey {
	r.t.Helper()
	u, err := url.Parse(actor)
	if err != nil {
		r.t.Fatalf("actor %q: %v", actor, err)
	}
	key, err := httpsig.ParsePrivateKey(actorKey(u.Path).privPEM)
	if err != nil {
		r.t.Fatal(err)
	}
	return key
}

// lemmyHeaders are the headers Lemmy signs, in its order (it sorts them).
var lemmyHeaders = []string{gofed.RequestTarget, "content-type", "date", "digest", "host"}

// signLikeLemmy signs a POST as Lemmy does: draft-cavage with
// algorithm="hs2019" over (request-target) content-type date digest host,
// keyId ACTOR#main-key. Our own Signer says "rsa-sha256", which is not
// what Lemmy sends, so go-fed is used directly.
func signLikeLemmy(req *http.Request, body []byte, keyID string, key *rsa.PrivateKey) error {
	req.Header.Set("Content-Type", "application/activity+json")
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	// go-fed reads the host from the header map; net/http sends req.Host.
	req.Header.Set("Host", req.URL.Host)
	defer req.Header.Del("Host")
	s, _, err := gofed.NewSigner([]gofed.Algorithm{gofed.RSA_SHA256}, gofed.DigestSha256, lemmyHeaders, gofed.Signature, 0)
	if err != nil {
		return err
	}
	if err := s.SignRequest(key, keyID, req, body); err != nil {
		return err
	}
	if sig := req.Header.Get("Signature"); !strings.Contains(sig, `algorithm="hs2019"`) {
		return fmt.Errorf("go-fed no longer writes hs2019: %s", sig)
	}
	return nil
}

// fake is the fake instance standing for a fixture host, made on first use.
func (r *fixtureRig) fake(host string) *fakeInstance {
	host = strings.ToLower(host)
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := r.fakes[host]; ok {
		return f
	}
	f := &fakeInstance{rig: r, host: host, author: "lemmy_alpha"}
	// The address is known before the server starts, so its handlers
	// read f.url after it is written.
	srv := httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	f.hostPort = srv.Listener.Addr().String()
	f.url = "http://" + f.hostPort
	srv.Start()
	r.t.Cleanup(srv.Close)
	r.fakes[host] = f
	return f
}

// fakeFor is the fake instance a mapped URL is on.
func (r *fixtureRig) fakeFor(mapped string) *fakeInstance {
	r.t.Helper()
	u, err := url.Parse(mapped)
	if err != nil {
		r.t.Fatal(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, f := range r.fakes {
		if f.hostPort == u.Host {
			return f
		}
	}
	r.t.Fatalf("no fake instance serves %s", mapped)
	return nil
}

// received is a request a fake instance was sent.
type received struct {
	req  *http.Request
	body []byte
	doc  map[string]any
}

// fakeInstance is another server on loopback. Any person URL is a Person
// with a key; /post/N and /comment/N are a Lemmy post and comment in our
// community main; a Mastodon status is a plain Note; /c/NAME is a Group.
// Everything POSTed to it is recorded and answered 202.
type fakeInstance struct {
	rig      *fixtureRig
	host     string // the fixture's host
	url      string // http://127.0.0.1:PORT
	hostPort string
	// author is the person whose posts and comments this host serves.
	author string

	mu    sync.Mutex
	posts []received
}

func (f *fakeInstance) serve(w http.ResponseWriter, req *http.Request) {
	if req.Method == http.MethodPost {
		body, _ := io.ReadAll(req.Body)
		var doc map[string]any
		_ = json.Unmarshal(body, &doc)
		f.mu.Lock()
		f.posts = append(f.posts, received{req: req, body: body, doc: doc})
		f.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
		return
	}
	doc := f.document(req.URL.Path)
	if doc == nil {
		http.NotFound(w, req)
		return
	}
	w.Header().Set("Content-Type", "application/activity+json")
	_ = json.NewEncoder(w).Encode(doc)
}

var (
	statusPath = regexp.MustCompile(`^/users/([^/]+)/statuses/([0-9]+)$`)
	personPath = regexp.MustCompile(`^/(u|users)/([^/]+)$`)
	objectPath = regexp.MustCompile(`^/(post|comment)/([0-9]+)$`)
)

// document is what the fake serves at p, or nil.
func (f *fakeInstance) document(p string) map[string]any {
	id := f.url + p
	switch {
	case p == "/actor":
		return f.person(id, "mastodon/objects/person.json", "https://masto.qa.urbanwildlife.biz/users/mastodon", "actor")
	case personPath.MatchString(p):
		m := personPath.FindStringSubmatch(p)
		if m[1] == "users" {
			return f.person(id, "mastodon/objects/person.json", "https://masto.qa.urbanwildlife.biz/users/mastodon", m[2])
		}
		return f.person(id, "lemmy/objects/person.json", "https://enterprise.lemmy.ml/u/picard", m[2])
	case communityPath.MatchString(p) && path.Base(p) == communityPath.FindStringSubmatch(p)[1]:
		name := communityPath.FindStringSubmatch(p)[1]
		doc := f.template("lemmy/objects/group.json", [][2]string{{"https://enterprise.lemmy.ml/c/tenforward", id}})
		doc["preferredUsername"] = name
		doc["publicKey"].(map[string]any)["publicKeyPem"] = actorKey(p).pubPEM
		return doc
	case objectPath.MatchString(p):
		main := f.rig.tidings + "/c/main"
		author := f.url + "/u/" + f.author
		if objectPath.FindStringSubmatch(p)[1] == "post" {
			return f.template("lemmy/objects/page.json", [][2]string{
				{"https://enterprise.lemmy.ml/post/55143", id}, {"https://enterprise.lemmy.ml/u/picard", author},
				{"https://enterprise.lemmy.ml/c/tenforward", main}})
		}
		return f.template("lemmy/objects/comment.json", [][2]string{
			{"https://enterprise.lemmy.ml/comment/38741", id}, {"https://enterprise.lemmy.ml/post/55143", f.url + "/post/1"},
			{"https://enterprise.lemmy.ml/u/picard", author}, {"https://enterprise.lemmy.ml/c/tenforward", main}})
	case statusPath.MatchString(p):
		// A status of a Mastodon conversation: no community in it.
		author := f.url + "/users/" + statusPath.FindStringSubmatch(p)[1]
		doc := f.template("mastodon/objects/note_1.json", [][2]string{
			{"https://mastodon.madrid/users/felix/statuses/107224289116410645", id},
			{"https://mastodon.madrid/users/felix", author}})
		doc["inReplyTo"], doc["inReplyToAtomUri"] = nil, nil
		doc["cc"] = []any{author + "/followers"}
		doc["to"] = []any{"https://www.w3.org/ns/activitystreams#Public"}
		return doc
	}
	return nil
}

// person is a fixture person as NAME of this host, with a key of ours.
func (f *fakeInstance) person(id, template, templateID, name string) map[string]any {
	doc := f.template(template, [][2]string{{templateID, id}})
	doc["preferredUsername"] = name
	delete(doc, "icon")
	delete(doc, "image")
	u, _ := url.Parse(id)
	doc["publicKey"].(map[string]any)["publicKeyPem"] = actorKey(u.Path).pubPEM
	doc["endpoints"] = map[string]any{"sharedInbox": f.url + "/inbox"}
	return doc
}

// template reads an object fixture, replaces its ids as pairs says, and
// moves what is left on the fixture's own host to this one.
func (f *fakeInstance) template(name string, pairs [][2]string) map[string]any {
	raw, err := os.ReadFile(filepath.Join(fixturesRoot, name))
	if err != nil {
		panic(err)
	}
	s := string(raw)
	for _, p := range pairs {
		s = strings.ReplaceAll(s, `"`+p[0], `"`+p[1])
	}
	for _, h := range []string{"https://enterprise.lemmy.ml", "https://masto.qa.urbanwildlife.biz", "https://mastodon.madrid"} {
		s = strings.ReplaceAll(s, `"`+h+"/", `"`+f.url+"/")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		panic(fmt.Sprintf("%s: %v", name, err))
	}
	return doc
}

// received returns what was POSTed to this instance so far.
func (f *fakeInstance) received() []received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]received(nil), f.posts...)
}

// awaitPost waits for a POST to this instance that match accepts, and
// fails the test at the deadline.
func (f *fakeInstance) awaitPost(t testing.TB, what string, match func(received) bool) received {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		for _, p := range f.received() {
			if match(p) {
				return p
			}
		}
		if time.Now().After(deadline) {
			var got []string
			for _, p := range f.received() {
				got = append(got, p.req.URL.Path+" "+string(p.body))
			}
			t.Fatalf("%s never reached %s; it was sent %d: %v", what, f.host, len(got), got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
