package federation_test

// The rig of the fixture-driven inbox tests: a running Tidings with the
// communities the fixtures name, and, for every other host a fixture names,
// a fake instance on loopback that serves the actors and objects Tidings
// fetches, in the shapes of the software it stands for (taken from the
// repository's own corpus, so that the rig works without the shared one),
// and records what Tidings delivers to it.

import (
	"bytes"
	"context"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/worker"
)

// localCommunities are the communities the fixtures address that the
// Tidings under test holds: their URLs, on whichever fixture host, are
// rewritten to it. The shared corpus's are main, tenforward and testcom;
// ours is estuary.
var localCommunities = []string{"main", "tenforward", "testcom", "estuary"}

// homes are the communities that fetched posts and comments are in, by
// corpus: the fake instances serve them there.
var homes = map[string]string{"shared": "main", "testdata": "estuary"}

// communitiesOf are the local communities a corpus's scenarios need: each
// costs an RSA key, slow to make.
var communitiesOf = map[string][]string{"shared": {"main", "tenforward", "testcom"}, "testdata": {"estuary"}}

// softwareOf is the software each host of our corpus stands for, whose
// shapes its fake instance serves. Other hosts (the shared corpus's) are
// Lemmy under /u/ and Mastodon under /users/.
var softwareOf = map[string]string{
	"lemmy.one.example": "lemmy", "lemmy.old.example:8536": "lemmy-0.19", "mbin.example": "mbin",
	"piefed.example": "piefed", "mastodon.example": "mastodon", "social.example": "mastodon",
	"gts.example": "gotosocial", "misskey.example": "misskey", "akkoma.example": "akkoma",
}

// templateHosts are the hosts of our corpus's objects, moved to the fake
// instance that serves them.
var templateHosts = []string{"https://lemmy.one.example", "http://lemmy.old.example:8536", "https://mbin.example",
	"https://piefed.example", "https://mastodon.example", "https://gts.example", "https://misskey.example",
	"https://akkoma.example"}

// keptHosts are named in fixtures but are not instances taking part: the
// vocabularies of @context, and the pages and pictures posts link to.
var keptHosts = map[string]bool{
	"www.w3.org": true, "w3id.org": true, "join-lemmy.org": true, "ostatus.org": true,
	"joinmastodon.org": true, "schema.org": true, "lemmy.ml": true, "gotosocial.org": true,
	"misskey-hub.net": true, "news.example": true, "ferry.example": true, "rivers.example": true,
	"harbour.example": true, "history.example": true,
}

var communityPath = regexp.MustCompile(`^/c/([a-z0-9_]+)(/.*)?$`)

// localPeople are the people the fixtures send private messages to who
// are ours: their URLs, on whichever fixture host, are rewritten to the
// Tidings under test, and a scenario that needs one creates it
// (localPerson).
var localPeople = map[string]bool{"ines": true}

var localPersonPath = regexp.MustCompile(`^/u/([a-z0-9_]+)$`)

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
	corpus      aptest.Corpus
	dir         string // the software's folder: "lemmy", "mastodon", ...
	home        string // the community fetched objects are in
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

func newFixtureRig(t testing.TB, corpus aptest.Corpus, dir string, o rigOptions) *fixtureRig {
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
	rig := &fixtureRig{t: t, corpus: corpus, dir: dir, home: homes[corpus.Name], tidings: srv.URL, st: st, forum: f, pool: pool,
		communities: map[string]store.Community{}, remote: map[string]bool{}, fakes: map[string]*fakeInstance{},
		resolver: &federation.Resolver{Store: st, Fetcher: federation.NewFetcher(client, nil), LocalHost: ln.Addr().String()}}
	for _, name := range o.remote {
		rig.remote[name] = true
	}
	for _, name := range communitiesOf[corpus.Name] {
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
	m := communityPath.FindStringSubmatch(u.Path)
	local := m != nil && !r.remote[m[1]] && isLocalCommunity(m[1])
	if p := localPersonPath.FindStringSubmatch(u.Path); p != nil && localPeople[p[1]] {
		local = true
	}
	if local {
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

// fixture reads a file of the rig's folder (or a path under the corpus's
// root when name has an objects/ folder of its own) with its URLs
// rewritten.
func (r *fixtureRig) fixture(name string) map[string]any {
	r.t.Helper()
	file := r.dir + "/activities/" + name
	if strings.Contains(name, "/objects/") {
		file = name
	}
	var doc map[string]any
	if err := json.Unmarshal(r.corpus.Read(r.t, file), &doc); err != nil {
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
// the rig's software signs.
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
	style := signStyleOf(r.dir)
	if err := style.sign(req, body, actor+style.keySuffix, r.privateKey(actor)); err != nil {
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

// fake is the fake instance standing for a fixture host, made on first use.
func (r *fixtureRig) fake(host string) *fakeInstance {
	host = strings.ToLower(host)
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := r.fakes[host]; ok {
		return f
	}
	author := "lemmy_alpha"
	if r.corpus.Name == "testdata" {
		author = "okonkwo"
	}
	f := &fakeInstance{rig: r, host: host, author: author}
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
// with a key (also at ACTOR/main-key, as GoToSocial serves it); /post/N
// and /comment/N are a Lemmy post and comment in the rig's home community;
// a Mastodon status is a plain Note; /c/NAME is a Group. Each is made from
// our corpus's object of the software the host stands for. Everything
// POSTed to it is recorded and answered 202.
type fakeInstance struct {
	rig      *fixtureRig
	host     string // the fixture's host
	url      string // http://127.0.0.1:PORT
	hostPort string
	// author is the person whose posts and comments this host serves.
	author string

	mu    sync.Mutex
	posts []received
	gets  int // documents asked for
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
	f.mu.Lock()
	f.gets++
	f.mu.Unlock()
	doc := f.document(req.URL.Path)
	if doc == nil {
		http.NotFound(w, req)
		return
	}
	w.Header().Set("Content-Type", "application/activity+json")
	_ = json.NewEncoder(w).Encode(doc)
}

var (
	statusPath  = regexp.MustCompile(`^/users/([^/]+)/statuses/([0-9]+)$`)
	personPaths = regexp.MustCompile(`^/(u|users)/([^/]+)(/main-key)?$`)
	objectPath  = regexp.MustCompile(`^/(post|comment)/([0-9]+)$`)
)

// software is what this host stands for: ours as softwareOf says, others
// by the path of their people.
func (f *fakeInstance) software(p string) string {
	if s, ok := softwareOf[f.host]; ok {
		return s
	}
	if strings.HasPrefix(p, "/users/") || p == "/actor" {
		return "mastodon"
	}
	return "lemmy"
}

// document is what the fake serves at p, or nil.
func (f *fakeInstance) document(p string) map[string]any {
	id := f.url + p
	home := f.rig.tidings + "/c/" + f.rig.home
	switch {
	case p == "/actor":
		return f.person(id, "mastodon", "actor")
	case personPaths.MatchString(p):
		// A key's own URL serves its owner, as GoToSocial's does.
		m := personPaths.FindStringSubmatch(p)
		return f.person(strings.TrimSuffix(id, "/main-key"), f.software(p), m[2])
	case communityPath.MatchString(p) && path.Base(p) == communityPath.FindStringSubmatch(p)[1]:
		name := communityPath.FindStringSubmatch(p)[1]
		doc := f.template("lemmy/objects/group.json", map[string]string{"id": id})
		doc["preferredUsername"] = name
		doc["publicKey"].(map[string]any)["publicKeyPem"] = actorKey(p).pubPEM
		return doc
	case objectPath.MatchString(p):
		author := f.url + "/u/" + f.author
		if objectPath.FindStringSubmatch(p)[1] == "post" {
			return f.template(f.shaped(p, "page.json"), map[string]string{"id": id, "attributedTo": author, "audience": home})
		}
		return f.template(f.shaped(p, "note.json"), map[string]string{"id": id, "attributedTo": author, "audience": home,
			"inReplyTo": f.url + "/post/1"})
	case statusPath.MatchString(p):
		// A status of a Mastodon conversation: no community in it.
		author := f.url + "/users/" + statusPath.FindStringSubmatch(p)[1]
		doc := f.template("mastodon/objects/note.json", map[string]string{"id": id, "attributedTo": author})
		doc["inReplyTo"], doc["inReplyToAtomUri"] = nil, nil
		doc["cc"] = []any{author + "/followers"}
		doc["to"] = []any{"https://www.w3.org/ns/activitystreams#Public"}
		doc["tag"] = []any{}
		return doc
	}
	return nil
}

// shaped is our corpus's object of this host's software named name, or
// Lemmy's when that software has none.
func (f *fakeInstance) shaped(p, name string) string {
	rel := f.software(p) + "/objects/" + name
	if _, err := os.Stat(aptest.Own(f.rig.t).Path(rel)); err != nil {
		return "lemmy/objects/" + name
	}
	return rel
}

// person is our corpus's person of software as NAME of this host, at id,
// with a key of ours.
func (f *fakeInstance) person(id, software, name string) map[string]any {
	doc := f.template(software+"/objects/person.json", map[string]string{"id": id})
	if software != "misskey" { // Misskey's URLs name ids, not people
		doc["preferredUsername"] = name
	}
	delete(doc, "icon")
	delete(doc, "image")
	u, _ := url.Parse(id)
	doc["publicKey"].(map[string]any)["publicKeyPem"] = actorKey(u.Path).pubPEM
	if _, ok := doc["endpoints"]; ok { // GoToSocial has no shared inbox
		doc["endpoints"] = map[string]any{"sharedInbox": f.url + "/inbox"}
	}
	return doc
}

// template reads an object of our corpus and puts it here: each field
// named in set has its value (the template's own) replaced, wherever it
// appears in the document, by the one given, and what is left on the
// template's hosts moves to this instance.
func (f *fakeInstance) template(name string, set map[string]string) map[string]any {
	raw := string(aptest.Own(f.rig.t).Read(f.rig.t, name))
	var orig map[string]any
	if err := json.Unmarshal([]byte(raw), &orig); err != nil {
		panic(fmt.Sprintf("%s: %v", name, err))
	}
	// The longest first, so that an id is not replaced inside a longer one.
	fields := slices.SortedFunc(maps.Keys(set), func(a, b string) int {
		av, _ := orig[a].(string)
		bv, _ := orig[b].(string)
		return len(bv) - len(av)
	})
	for _, field := range fields {
		if old, _ := orig[field].(string); old != "" {
			raw = strings.ReplaceAll(raw, `"`+old, `"`+set[field])
		}
	}
	for _, h := range templateHosts {
		raw = strings.ReplaceAll(raw, `"`+h+"/", `"`+f.url+"/")
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
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
	deadline := time.Now().Add(60 * time.Second)
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
