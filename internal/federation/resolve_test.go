package federation_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

const (
	apJSON    = "application/activity+json"
	localHost = "tidings.test"
	// personPath is where the remote serves the corpus's Lemmy person.
	personPath = "/u/marisol"
)

// rsaKey is a key pair in the PEM forms the code reads.
type rsaKey struct{ privPEM, pubPEM string }

func newRSAKey() rsaKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	p8, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		panic(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		panic(err)
	}
	return rsaKey{
		privPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8})),
		pubPEM:  string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})),
	}
}

// Keys are slow to make under -race: each is made once.
var (
	instanceKey = sync.OnceValue(newRSAKey)
	remoteKey   = sync.OnceValue(newRSAKey)
	rotatedKey  = sync.OnceValue(newRSAKey)
)

// remote is another instance: it serves fixed documents and counts the
// requests for each path.
type remote struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	docs     map[string]served
	hits     map[string]int
	unsigned int
}

type served struct {
	status int
	ctype  string
	body   string
}

func newRemote(t *testing.T) *remote {
	r := &remote{t: t, docs: map[string]served{}, hits: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.hits[req.URL.Path]++
		if req.Header.Get("Signature") == "" {
			r.unsigned++
		}
		d, ok := r.docs[req.URL.Path]
		r.mu.Unlock()
		if !ok {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Type", d.ctype)
		w.WriteHeader(d.status)
		_, _ = w.Write([]byte(d.body))
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *remote) url(path string) string { return r.srv.URL + path }

// host is host:port, the instance's domain.
func (r *remote) host() string { return strings.TrimPrefix(r.srv.URL, "http://") }

func (r *remote) serve(path string, status int, ctype, body string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.docs[path] = served{status, ctype, body}
}

func (r *remote) unsignedCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.unsigned
}

func (r *remote) hitsOf(path string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.hits[path]
}

// fixture is a Lemmy object of our corpus moved to the remote, its key
// replaced by pubPEM, then changed by edit.
func (r *remote) fixture(name, pubPEM string, edit func(map[string]any)) string {
	r.t.Helper()
	b := aptest.Own(r.t).Read(r.t, "lemmy/objects/"+name)
	var m map[string]any
	if err := json.Unmarshal([]byte(strings.ReplaceAll(string(b), "https://lemmy.one.example", r.srv.URL)), &m); err != nil {
		r.t.Fatal(err)
	}
	m["publicKey"].(map[string]any)["publicKeyPem"] = pubPEM
	if edit != nil {
		edit(m)
	}
	out, err := json.Marshal(m)
	if err != nil {
		r.t.Fatal(err)
	}
	return string(out)
}

// servePerson serves the corpus's Lemmy person at personPath with key pub.
func (r *remote) servePerson(pub string) string {
	r.serve(personPath, 200, apJSON, r.fixture("person.json", pub, nil))
	return r.url(personPath)
}

// signedFetcher signs as tidings.test's instance actor and may reach
// loopback.
func signedFetcher(t *testing.T) *federation.Fetcher {
	t.Helper()
	signer, err := httpsig.NewSigner("https://"+localHost+"/#main-key", instanceKey().privPEM)
	if err != nil {
		t.Fatal(err)
	}
	return federation.NewFetcher(safehttp.New(safehttp.Options{AllowPrivate: true}), signer)
}

type env struct {
	ctx      context.Context
	pool     *pgxpool.Pool
	st       *store.Store
	fetcher  *federation.Fetcher
	resolver *federation.Resolver
	remote   *remote
}

func newEnv(t *testing.T) *env {
	t.Helper()
	pool := dbtest.New(t)
	st := store.New(pool)
	f := signedFetcher(t)
	return &env{
		ctx: context.Background(), pool: pool, st: st, fetcher: f, remote: newRemote(t),
		resolver: &federation.Resolver{Store: st, Fetcher: f, LocalHost: localHost},
	}
}

func TestResolverFetchesAndStoresPerson(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.remote.servePerson(remoteKey().pubPEM)

	ref, err := e.resolver.Actor(e.ctx, id, false)
	if err != nil {
		t.Fatalf("Actor: %v", err)
	}
	if ref.Kind != federation.ActorPerson || ref.PersonID == 0 || ref.ID != id || ref.PublicKeyPEM != remoteKey().pubPEM ||
		ref.KeyID != id+"#main-key" || ref.Inbox != id+"/inbox" || ref.SharedInbox != e.remote.url("/inbox") {
		t.Errorf("Actor = %+v", ref)
	}
	p, err := e.st.PersonByAPID(e.ctx, id)
	if err != nil {
		t.Fatalf("stored person: %v", err)
	}
	if p.Local || p.Name != "marisol" || p.DisplayName != "Marisol Ferreira" || p.Domain != e.remote.host() ||
		p.Bio != "Sails a *dinghy* and counts birds." || !strings.Contains(p.BioHTML, "<em>dinghy</em>") ||
		p.AvatarURL != e.remote.url("/pictrs/image/4c0f8e2a-avatar.webp") || p.Bot {
		t.Errorf("stored person = %+v", p)
	}
	if n := e.remote.unsignedCount(); n != 0 {
		t.Errorf("%d unsigned fetches", n)
	}

	// Fresh: answered from the database.
	if _, err := e.resolver.Actor(e.ctx, id, false); err != nil {
		t.Fatal(err)
	}
	if n := e.remote.hitsOf(personPath); n != 1 {
		t.Errorf("fetches after a second lookup = %d, want 1", n)
	}

	// Forced: fetched again, and a rotated key is taken.
	e.remote.servePerson(rotatedKey().pubPEM)
	ref, err = e.resolver.Actor(e.ctx, id, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := e.remote.hitsOf(personPath); n != 2 || ref.PublicKeyPEM != rotatedKey().pubPEM {
		t.Errorf("forced refresh: %d fetches, key rotated %v", n, ref.PublicKeyPEM == rotatedKey().pubPEM)
	}

	// Stale after a day: fetched again.
	if _, err := e.pool.Exec(e.ctx, `UPDATE people SET last_refreshed_at = now() - interval '25 hours' WHERE ap_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := e.resolver.Actor(e.ctx, id, false); err != nil {
		t.Fatal(err)
	}
	if n := e.remote.hitsOf(personPath); n != 3 {
		t.Errorf("fetches after a day = %d, want 3", n)
	}

	// Stale and the remote down: the stored actor is answered.
	if _, err := e.pool.Exec(e.ctx, `UPDATE people SET last_refreshed_at = now() - interval '25 hours' WHERE ap_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	e.remote.serve(personPath, 503, "text/plain", "down")
	if ref, err := e.resolver.Actor(e.ctx, id, false); err != nil || ref.PersonID != p.ID {
		t.Errorf("stale actor, remote down: %+v, %v", ref, err)
	}
}

func TestResolverFetchesAndStoresCommunity(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.remote.serve("/c/tidepools", 200, `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`,
		e.remote.fixture("group.json", remoteKey().pubPEM, nil))
	id := e.remote.url("/c/tidepools")

	ref, err := e.resolver.Actor(e.ctx, id, false)
	if err != nil {
		t.Fatalf("Actor: %v", err)
	}
	if ref.Kind != federation.ActorCommunity || ref.CommunityID == 0 || ref.PublicKeyPEM != remoteKey().pubPEM {
		t.Errorf("Actor = %+v", ref)
	}
	c, err := e.st.CommunityByAPID(e.ctx, id)
	if err != nil {
		t.Fatalf("stored community: %v", err)
	}
	if c.Local || c.Name != "tidepools" || c.Title != "Tide pools" || c.ModeratorsURL != id+"/moderators" ||
		c.FollowersURL != id+"/followers" || c.OutboxURL != id+"/outbox" || c.SharedInboxURL != e.remote.url("/inbox") {
		t.Errorf("stored community = %+v", c)
	}
	if _, err := e.resolver.Actor(e.ctx, id, false); err != nil {
		t.Fatal(err)
	}
	if n := e.remote.hitsOf("/c/tidepools"); n != 1 {
		t.Errorf("fetches = %d, want 1", n)
	}
}

func TestResolverRefusesCrossOriginActors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for name, edit := range map[string]func(map[string]any){
		"owner": func(m map[string]any) { m["publicKey"].(map[string]any)["owner"] = "https://evil.example/u/marisol" },
		"inbox": func(m map[string]any) { m["inbox"] = "https://evil.example/inbox" },
	} {
		path := "/u/" + name
		e.remote.serve(path, 200, apJSON, e.remote.fixture("person.json", remoteKey().pubPEM, func(m map[string]any) {
			m["id"] = e.remote.url(path)
			edit(m)
		}))
		_, err := e.resolver.Actor(e.ctx, e.remote.url(path), false)
		if !errors.Is(err, federation.ErrCrossOrigin) {
			t.Errorf("%s on another origin: err = %v, want ErrCrossOrigin", name, err)
		}
		if _, err := e.st.PersonByAPID(e.ctx, e.remote.url(path)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s on another origin: stored anyway (%v)", name, err)
		}
	}
}

func TestResolverRefusesIDMismatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// The fixture says it is /u/marisol but is served at /u/impostor.
	e.remote.serve("/u/impostor", 200, apJSON, e.remote.fixture("person.json", remoteKey().pubPEM, nil))
	if _, err := e.resolver.Actor(e.ctx, e.remote.url("/u/impostor"), false); !errors.Is(err, federation.ErrIDMismatch) {
		t.Errorf("err = %v, want ErrIDMismatch", err)
	}
}

func TestResolverRefusesBlockedInstance(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.remote.servePerson(remoteKey().pubPEM)
	if _, err := e.st.UpsertInstance(e.ctx, e.remote.host()); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetInstanceBlocked(e.ctx, e.remote.host(), true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.resolver.Actor(e.ctx, id, false); !errors.Is(err, federation.ErrBlocked) {
		t.Errorf("unknown actor of a blocked instance: err = %v, want ErrBlocked", err)
	}
	if n := e.remote.hitsOf(personPath); n != 0 {
		t.Errorf("a blocked instance was fetched from %d times", n)
	}

	// Known before the block: refused all the same.
	if err := e.st.SetInstanceBlocked(e.ctx, e.remote.host(), false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.resolver.Actor(e.ctx, id, false); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetInstanceBlocked(e.ctx, e.remote.host(), true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.resolver.Actor(e.ctx, id, false); !errors.Is(err, federation.ErrBlocked) {
		t.Errorf("stored actor of a blocked instance: err = %v, want ErrBlocked", err)
	}
}

func TestResolverAnswersLocalActorsFromTheDatabase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	in, err := e.st.UpsertInstance(e.ctx, localHost)
	if err != nil {
		t.Fatal(err)
	}
	id := "https://" + localHost + "/u/alice"
	p, err := e.st.InsertPerson(e.ctx, store.NewPerson{APID: id, InstanceID: in.ID, Local: true, Name: "alice",
		InboxURL: id + "/inbox", PublicKeyPEM: remoteKey().pubPEM, PrivateKeyPEM: remoteKey().privPEM})
	if err != nil {
		t.Fatal(err)
	}
	// Even a forced refresh does not fetch (tidings.test does not resolve).
	ref, err := e.resolver.Actor(e.ctx, id, true)
	if err != nil || ref.PersonID != p.ID || !ref.Local {
		t.Errorf("local actor = %+v, %v", ref, err)
	}
	if _, err := e.resolver.Actor(e.ctx, "https://"+localHost+"/u/nobody", false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown local actor: err = %v, want ErrNotFound", err)
	}
}

func TestResolverInstanceActorIsNotStored(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.remote.url("/")
	e.remote.serve("/", 200, apJSON, `{"id":"`+id+`","type":"Application","name":"remote","inbox":"`+id+`inbox",`+
		`"publicKey":{"id":"`+id+`#main-key","owner":"`+id+`","publicKeyPem":`+mustQuote(remoteKey().pubPEM)+`}}`)
	ref, err := e.resolver.Actor(e.ctx, id, false)
	if err != nil || ref.Kind != federation.ActorInstance || ref.PublicKeyPEM != remoteKey().pubPEM {
		t.Errorf("instance actor = %+v, %v", ref, err)
	}
	if _, err := e.st.InstanceByDomain(e.ctx, e.remote.host()); err != nil {
		t.Errorf("instance row: %v", err)
	}
}

func mustQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
