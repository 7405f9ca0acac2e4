package federation_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
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

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/worker"
)

// insertJobs is forum's job queue for tests: River, insert only.
type insertJobs struct{ c *river.Client[pgx.Tx] }

func (j insertJobs) Enqueue(ctx context.Context, tx *store.Store, jobs ...river.JobArgs) error {
	for _, a := range jobs {
		if _, err := j.c.InsertTx(ctx, tx.PgxTx(), a, nil); err != nil {
			return err
		}
	}
	return nil
}

// sender is another instance with one person, bob, who signs what he sends,
// and the objects it serves to fetches.
type sender struct {
	url    string
	signer *httpsig.Signer
	bob    string

	mu      sync.Mutex
	objects map[string]map[string]any // by path
	gets    map[string]int            // GETs of each path

	pub, priv string // bob's key, lent to the sender's other actors
}

// group makes the sender host a community, name, and returns its id and a
// signer for it.
func (rm *sender) group(t testing.TB, name string) (string, *httpsig.Signer) {
	t.Helper()
	id := rm.url + "/c/" + name
	rm.serve(map[string]any{
		"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id":       id, "type": "Group", "preferredUsername": name, "name": name,
		"inbox": id + "/inbox", "outbox": id + "/outbox", "followers": id + "/followers",
		"endpoints": map[string]string{"sharedInbox": rm.url + "/inbox"},
		"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": rm.pub},
	})
	signer, err := httpsig.NewSigner(id+"#main-key", rm.priv)
	if err != nil {
		t.Fatal(err)
	}
	return id, signer
}

// serve makes the sender answer fetches of obj, at the path of its id.
func (rm *sender) serve(obj map[string]any) {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	rm.objects[strings.TrimPrefix(obj["id"].(string), rm.url)] = obj
}

// fetches is how often path was fetched.
func (rm *sender) fetches(path string) int {
	rm.mu.Lock()
	defer rm.mu.Unlock()
	return rm.gets[path]
}

func newSender(t testing.TB) *sender {
	t.Helper()
	pub, priv, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	rm := &sender{objects: map[string]map[string]any{}, gets: map[string]int{}, pub: pub, priv: priv}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rm.mu.Lock()
		obj, ok := rm.objects[r.URL.Path]
		rm.gets[r.URL.Path]++
		rm.mu.Unlock()
		if ok {
			w.Header().Set("Content-Type", "application/activity+json")
			_ = json.NewEncoder(w).Encode(obj)
			return
		}
		if r.URL.Path != "/u/bob" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/activity+json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
			"id":       rm.bob, "type": "Person", "preferredUsername": "bob",
			"inbox": rm.bob + "/inbox", "endpoints": map[string]string{"sharedInbox": rm.url + "/inbox"},
			"publicKey": map[string]string{"id": rm.bob + "#main-key", "owner": rm.bob, "publicKeyPem": pub},
		})
	}))
	t.Cleanup(srv.Close)
	rm.url, rm.bob = srv.URL, srv.URL+"/u/bob"
	if rm.signer, err = httpsig.NewSigner(rm.bob+"#main-key", priv); err != nil {
		t.Fatal(err)
	}
	return rm
}

type local struct {
	url       string
	st        *store.Store
	f         *forum.Service
	fed       *federation.Handler
	community store.Community
}

// newLocal is a Tidings on loopback whose jobs are queued, not worked:
// a test reads what it would deliver from the queue.
func newLocal(t testing.TB) *local { return startLocal(t, false) }

// newDeliveringLocal is a Tidings on loopback that works its federate and
// delivery jobs, so that what it sends reaches other servers' inboxes,
// signed, as in production.
func newDeliveringLocal(t testing.TB) *local { return startLocal(t, true) }

func startLocal(t testing.TB, deliver bool) *local {
	t.Helper()
	return startLocalOn(t, dbtest.New(t), slog.New(slog.DiscardHandler), deliver)
}

// newLocalOn is newLocal over pool, logging to log.
func newLocalOn(t testing.TB, pool *pgxpool.Pool, log *slog.Logger) *local {
	t.Helper()
	return startLocalOn(t, pool, log, false)
}

func startLocalOn(t testing.TB, pool *pgxpool.Pool, log *slog.Logger, deliver bool) *local {
	t.Helper()
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(pool)
	cfg := &river.Config{}
	federate := &worker.Federate{Deps: worker.Deps{Store: st, Log: slog.New(slog.DiscardHandler)}}
	if deliver {
		workers := river.NewWorkers()
		river.AddWorker(workers, federate)
		river.AddWorker(workers, &worker.Deliver{Deps: worker.Deps{Store: st, Log: slog.New(slog.DiscardHandler),
			HTTP: safehttp.New(safehttp.Options{AllowPrivate: true})}})
		cfg = &river.Config{Workers: workers, Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 8}},
			Logger: slog.New(slog.DiscardHandler), FetchCooldown: 5 * time.Millisecond, FetchPollInterval: 20 * time.Millisecond,
			// Link previews are queued but not worked: they would go to the Internet.
			SkipUnknownJobCheck: true, TestOnly: true}
	}
	rc, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		t.Fatal(err)
	}
	f, err := forum.Open(ctx, st, "http", ln.Addr().String(), forum.WithJobs(insertJobs{rc}))
	if err != nil {
		t.Fatal(err)
	}
	site, err := st.GetSite(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fed, err := federation.New(federation.Deps{Forum: f, Store: st, Log: log,
		Version: "test", HTTP: safehttp.New(safehttp.Options{AllowPrivate: true}), InstanceKeyPEM: site.PrivateKeyPEM})
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
	if deliver {
		federate.Announcer = fed
		if err := rc.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = rc.Stop(stop)
		})
	}
	c, err := f.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News"})
	if err != nil {
		t.Fatal(err)
	}
	return &local{url: srv.URL, st: st, f: f, fed: fed, community: c}
}

func (l *local) post(t *testing.T, path string, body []byte, sign *httpsig.Signer) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, l.url+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/activity+json")
	if sign != nil {
		if err := sign.SignPost(req, body); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (l *local) followers(t *testing.T) int64 {
	t.Helper()
	c, err := l.st.WithCounts(context.Background(), l.community)
	if err != nil {
		t.Fatal(err)
	}
	return c.Subscribers
}

func (l *local) deliveries(t *testing.T) []string {
	t.Helper()
	rows, err := l.st.PgxPool().Query(context.Background(),
		`SELECT args::text FROM river_job WHERE kind = 'deliver_activity' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func activity(v map[string]any) []byte {
	v["@context"] = "https://www.w3.org/ns/activitystreams"
	b, _ := json.Marshal(v)
	return b
}

func TestInboxFollowAndUndo(t *testing.T) {
	t.Parallel()
	rm, l := newSender(t), newLocal(t)
	follow := activity(map[string]any{"id": rm.url + "/activities/follow/1", "type": "Follow",
		"actor": rm.bob, "object": l.community.APID})

	if code, body := l.post(t, "/c/news/inbox", follow, rm.signer); code != http.StatusAccepted {
		t.Fatalf("Follow: %d %s", code, body)
	}
	if n := l.followers(t); n != 1 {
		t.Errorf("followers after Follow = %d, want 1", n)
	}
	jobs := l.deliveries(t)
	if len(jobs) != 1 || !strings.Contains(jobs[0], "Accept") || !strings.Contains(jobs[0], rm.bob+"/inbox") ||
		!strings.Contains(jobs[0], "activities/follow/1") {
		t.Fatalf("queued deliveries: %v", jobs)
	}

	// The same Follow again is acknowledged and applied once.
	if code, body := l.post(t, "/inbox", follow, rm.signer); code != http.StatusAccepted {
		t.Errorf("repeated Follow: %d %s", code, body)
	}
	if jobs := l.deliveries(t); len(jobs) != 1 {
		t.Errorf("a repeated Follow queued another Accept: %d", len(jobs))
	}

	undo := activity(map[string]any{"id": rm.url + "/activities/undo/1", "type": "Undo", "actor": rm.bob,
		"object": map[string]any{"id": rm.url + "/activities/follow/1", "type": "Follow", "actor": rm.bob,
			"object": l.community.APID}})
	if code, body := l.post(t, "/inbox", undo, rm.signer); code != http.StatusAccepted {
		t.Fatalf("Undo: %d %s", code, body)
	}
	if n := l.followers(t); n != 0 {
		t.Errorf("followers after Undo = %d, want 0", n)
	}
}

func TestInboxRefusesAndStoresNothing(t *testing.T) {
	t.Parallel()
	rm, l := newSender(t), newLocal(t)
	follow := func(id, actor, object string) []byte {
		return activity(map[string]any{"id": id, "type": "Follow", "actor": actor, "object": object})
	}
	good := follow(rm.url+"/activities/follow/2", rm.bob, l.community.APID)
	for _, tc := range []struct {
		name   string
		send   func() (int, string)
		status int
	}{
		{"unsigned", func() (int, string) { return l.post(t, "/inbox", good, nil) }, 401},
		{"body changed after signing", func() (int, string) {
			req, _ := http.NewRequest(http.MethodPost, l.url+"/inbox", bytes.NewReader(good))
			req.Header.Set("Content-Type", "application/activity+json")
			if err := rm.signer.SignPost(req, good); err != nil {
				t.Fatal(err)
			}
			evil := follow(rm.url+"/activities/follow/2", rm.bob, l.community.APID+"x")
			req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(evil)), int64(len(evil))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}, 400},
		{"signed by someone else", func() (int, string) {
			return l.post(t, "/inbox", follow(rm.url+"/activities/follow/3", rm.url+"/u/carol", l.community.APID), rm.signer)
		}, 403},
		{"activity id on another server", func() (int, string) {
			return l.post(t, "/inbox", follow("https://elsewhere.example/activities/follow/4", rm.bob, l.community.APID), rm.signer)
		}, 403},
		{"unknown community", func() (int, string) {
			return l.post(t, "/inbox", follow(rm.url+"/activities/follow/5", rm.bob, l.url+"/c/nothere"), rm.signer)
		}, 404},
		{"not an activity", func() (int, string) { return l.post(t, "/inbox", []byte(`{"hello":"world"}`), rm.signer) }, 400},
		{"too large", func() (int, string) {
			return l.post(t, "/inbox", append(good[:len(good)-1], []byte(`,"pad":"`+strings.Repeat("x", 1<<20)+`"}`)...), rm.signer)
		}, 413},
	} {
		code, body := tc.send()
		if code != tc.status || strings.TrimSpace(body) == "" {
			t.Errorf("%s: %d %q, want %d with a reason", tc.name, code, body, tc.status)
		}
	}
	// A report is acknowledged, so that it is not resent, and ignored.
	if code, _ := l.post(t, "/inbox", activity(map[string]any{"id": rm.url + "/activities/flag/1", "type": "Flag",
		"actor": rm.bob, "object": l.community.APID}), rm.signer); code != http.StatusAccepted {
		t.Errorf("a report: %d, want 202", code)
	}
	if n := l.followers(t); n != 0 {
		t.Errorf("refused requests left %d followers", n)
	}
	if jobs := l.deliveries(t); len(jobs) != 0 {
		t.Errorf("refused requests queued %d deliveries", len(jobs))
	}
}

func TestInboxVotesCountOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Vote on me"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := l.f.CreateComment(ctx, alice, post.ID, 0, "and on me")
	if err != nil {
		t.Fatal(err)
	}
	score := func() (int, int) {
		p, _ := l.st.PostByID(ctx, post.ID)
		c, _ := l.st.CommentByID(ctx, comment.ID)
		return p.Score, c.Score
	}
	send := func(v map[string]any, want int) {
		t.Helper()
		if code, body := l.post(t, "/inbox", activity(v), rm.signer); code != want {
			t.Fatalf("%s %s: %d %s, want %d", v["type"], v["id"], code, body, want)
		}
	}
	like := map[string]any{"id": rm.url + "/activities/like/1", "type": "Like", "actor": rm.bob,
		"object": post.APID, "audience": l.community.APID}
	send(like, 202)
	send(like, 202) // redelivered: counted once
	if p, _ := score(); p != 2 {
		t.Errorf("post score after bob's Like = %d, want 2 (alice's own and bob's)", p)
	}
	dislike := map[string]any{"id": rm.url + "/activities/dislike/1", "type": "Dislike", "actor": rm.bob,
		"object": post.APID}
	send(dislike, 202)
	if p, _ := score(); p != 0 {
		t.Errorf("post score after bob switched to Dislike = %d, want 0", p)
	}
	send(map[string]any{"id": rm.url + "/activities/undo/9", "type": "Undo", "actor": rm.bob, "object": dislike}, 202)
	if p, _ := score(); p != 1 {
		t.Errorf("post score after bob's Undo = %d, want 1", p)
	}
	send(map[string]any{"id": rm.url + "/activities/like/2", "type": "Like", "actor": rm.bob, "object": comment.APID}, 202)
	if _, c := score(); c != 2 {
		t.Errorf("comment score after bob's Like = %d, want 2", c)
	}
	send(map[string]any{"id": rm.url + "/activities/like/3", "type": "Like", "actor": rm.bob,
		"object": l.url + "/post/999999"}, 404)
	// Someone else's vote cannot be undone by bob.
	send(map[string]any{"id": rm.url + "/activities/undo/10", "type": "Undo", "actor": rm.bob,
		"object": map[string]any{"id": "https://other.example/activities/like/1", "type": "Like",
			"actor": "https://other.example/u/carol", "object": post.APID}}, 400)
	if p, c := score(); p != 1 || c != 2 {
		t.Errorf("after refused votes: post %d comment %d, want 1 and 2", p, c)
	}
}

func TestInboxCreatesPostsAndComments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	send := func(v map[string]any, want int) {
		t.Helper()
		if code, body := l.post(t, "/inbox", activity(v), rm.signer); code != want {
			t.Fatalf("%s %s: %d %s, want %d", v["type"], v["id"], code, body, want)
		}
	}
	create := func(id string, obj map[string]any) map[string]any {
		return map[string]any{"id": id, "type": "Create", "actor": rm.bob, "object": obj,
			"to": []string{l.community.APID, "https://www.w3.org/ns/activitystreams#Public"}, "audience": l.community.APID}
	}
	note := map[string]any{"id": rm.url + "/comment/1", "type": "Note", "attributedTo": rm.bob,
		"inReplyTo": post.APID, "audience": l.community.APID,
		"content": `<p>Hello from afar <script>alert(1)</script><b>bold</b></p>`,
		"source":  map[string]string{"content": "Hello from afar **bold**", "mediaType": "text/markdown"}}
	send(create(rm.url+"/activities/create/1", note), 202)
	send(create(rm.url+"/activities/create/1", note), 202) // redelivered
	send(create(rm.url+"/activities/create/2", note), 202) // same object again, new activity id
	thread, err := l.st.Thread(ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(thread) != 1 || thread[0].APID != rm.url+"/comment/1" || thread[0].Local ||
		strings.Contains(thread[0].BodyHTML, "<script") || !strings.Contains(thread[0].BodyHTML, "<b>bold</b>") {
		t.Fatalf("thread after a remote reply: %+v", thread)
	}
	reply := map[string]any{"id": rm.url + "/comment/2", "type": "Note", "attributedTo": rm.bob,
		"inReplyTo": rm.url + "/comment/1", "content": "<p>and a reply to myself</p>"}
	send(create(rm.url+"/activities/create/3", reply), 202)
	if thread, _ := l.st.Thread(ctx, post.ID); len(thread) != 2 || thread[1].Depth() != 1 {
		t.Errorf("the nested remote reply is not under its parent: %+v", thread)
	}

	page := map[string]any{"id": rm.url + "/post/7", "type": "Page", "attributedTo": rm.bob,
		"name": "A post from afar", "audience": l.community.APID, "content": "<p>text</p>",
		"to": []string{l.community.APID, public}, "attachment": []any{map[string]string{"type": "Link", "href": "https://example.org/a"}}}
	send(create(rm.url+"/activities/create/4", page), 202)
	got, err := l.st.PostByAPID(ctx, rm.url+"/post/7")
	if err != nil || got.Title != "A post from afar" || got.URL != "https://example.org/a" || got.CommunityID != l.community.ID {
		t.Errorf("remote post: %+v %v", got, err)
	}

	// Refused, and nothing stored.
	forged := map[string]any{"id": rm.url + "/comment/3", "type": "Note", "attributedTo": "https://other.example/u/carol",
		"inReplyTo": post.APID, "content": "<p>not bob's</p>"}
	send(create(rm.url+"/activities/create/5", forged), 400)
	orphan := map[string]any{"id": rm.url + "/comment/4", "type": "Note", "attributedTo": rm.bob,
		"inReplyTo": rm.url + "/comment/999", "content": "<p>reply to nothing</p>"}
	// Its parent is fetched, and the parent's server says there is none.
	send(create(rm.url+"/activities/create/6", orphan), 400)
	if thread, _ := l.st.Thread(ctx, post.ID); len(thread) != 2 {
		t.Errorf("refused creates changed the thread: %d comments", len(thread))
	}
}

// What the community accepts it announces to the other instances that
// follow it, not back to the sender's.
func TestInboxAnnouncesToOtherFollowers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b, l := newSender(t), newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*sender{a, b} {
		follow := activity(map[string]any{"id": s.url + "/activities/follow/1", "type": "Follow",
			"actor": s.bob, "object": l.community.APID})
		if code, body := l.post(t, "/inbox", follow, s.signer); code != 202 {
			t.Fatalf("follow: %d %s", code, body)
		}
	}
	before := len(l.deliveries(t))
	note := activity(map[string]any{"id": a.url + "/activities/create/1", "type": "Create", "actor": a.bob,
		"audience": l.community.APID, "to": []string{ap.Public}, "cc": []string{l.community.APID},
		"object": map[string]any{"id": a.url + "/comment/1", "type": "Note", "attributedTo": a.bob,
			"inReplyTo": post.APID, "content": "<p>hi</p>", "to": []string{ap.Public}, "cc": []string{l.community.APID}}})
	if code, body := l.post(t, "/inbox", note, a.signer); code != 202 {
		t.Fatalf("create: %d %s", code, body)
	}
	jobs := l.deliveries(t)[before:]
	if len(jobs) != 1 || !strings.Contains(jobs[0], "Announce") || !strings.Contains(jobs[0], b.url+"/inbox") ||
		!strings.Contains(jobs[0], a.url+`/activities/create/1`) || !strings.Contains(jobs[0], l.community.APID) {
		t.Fatalf("announces after a's comment: %v", jobs)
	}
	like := activity(map[string]any{"id": b.url + "/activities/like/1", "type": "Like", "actor": b.bob, "object": post.APID})
	if code, body := l.post(t, "/inbox", like, b.signer); code != 202 {
		t.Fatalf("like: %d %s", code, body)
	}
	jobs = l.deliveries(t)[before+1:]
	if len(jobs) != 1 || !strings.Contains(jobs[0], a.url+"/inbox") || strings.Contains(jobs[0], b.url+"/inbox") {
		t.Errorf("announces after b's like: %v", jobs)
	}
}

// A local person's posts, comments, edits, deletions and votes are queued
// for federation in their own transaction and become the community's
// Announce of the person's activity; for microblog servers, a new post is
// also boosted (an Announce of its Page), a deleted one unboosted, and an
// edit or deletion of a post also goes as the author's own.
func TestLocalChangesAreAnnounced(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	if code, body := l.post(t, "/inbox", activity(map[string]any{"id": rm.url + "/activities/follow/1", "type": "Follow",
		"actor": rm.bob, "object": l.community.APID}), rm.signer); code != http.StatusAccepted {
		t.Fatalf("Follow: %d %s", code, body)
	}
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "From here"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.VotePost(ctx, alice, post.ID, -1); err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.EditPost(ctx, alice, post.ID, forum.PostInput{Title: "From here, edited"}); err != nil {
		t.Fatal(err)
	}
	comment, err := l.f.CreateComment(ctx, alice, post.ID, 0, "first")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.EditComment(ctx, alice, comment.ID, "first, edited"); err != nil {
		t.Fatal(err)
	}
	for _, deleted := range []bool{true, false} {
		if err := l.f.DeleteComment(ctx, alice, comment.ID, deleted); err != nil {
			t.Fatal(err)
		}
		if err := l.f.DeletePost(ctx, alice, post.ID, deleted); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := l.st.PgxPool().Query(ctx, `SELECT args->>'action' FROM river_job WHERE kind = 'federate_local' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	want := "create_post vote update_post create_comment update_comment delete_comment delete_post delete_comment delete_post"
	if err != nil || strings.Join(jobs, " ") != want {
		t.Fatalf("federate jobs: %v %v, want %s", jobs, err, want)
	}
	boostID := l.url + "/activities/announce/"
	for _, tc := range []struct {
		args  forum.FederateArgs
		inner string
		// also is what else the follower is sent: "boost", the community's
		// Announce of a new post's Page, "unboost", its Undo, or the type
		// of alice's own activity, for microblog servers.
		also []string
	}{
		{forum.FederateArgs{Action: forum.FederateCreatePost, PostID: post.ID}, `"type":"Create"`, []string{"boost"}},
		{forum.FederateArgs{Action: forum.FederateVote, PostID: post.ID, PersonID: alice.ID, Score: -1}, `"type":"Dislike"`, nil},
		{forum.FederateArgs{Action: forum.FederateVote, PostID: post.ID, PersonID: alice.ID, Score: 0}, `"type":"Undo"`, nil},
		{forum.FederateArgs{Action: forum.FederateUpdatePost, PostID: post.ID}, `"type":"Update"`, []string{"Update"}},
		{forum.FederateArgs{Action: forum.FederateUpdateComment, CommentID: comment.ID}, `first, edited`, nil},
		{forum.FederateArgs{Action: forum.FederateDeletePost, PostID: post.ID, Deleted: true}, `"type":"Delete"`,
			[]string{"unboost", "Delete"}},
		{forum.FederateArgs{Action: forum.FederateDeletePost, PostID: post.ID}, `"type":"Undo"`, []string{"boost"}},
		{forum.FederateArgs{Action: forum.FederateDeleteComment, CommentID: comment.ID}, `"type":"Undo"`, nil},
	} {
		deliveries, err := l.fed.Deliveries(ctx, tc.args)
		if err != nil || len(deliveries) != 1+len(tc.also) {
			t.Fatalf("%s: deliveries %+v, %v; want %d, to the follower's instance", tc.args.Action, deliveries, err,
				1+len(tc.also))
		}
		d := deliveries[0]
		var ann map[string]any
		if err := json.Unmarshal(d.Activity, &ann); err != nil {
			t.Fatal(err)
		}
		inner, _ := json.Marshal(ann["object"])
		if d.Inbox != rm.url+"/inbox" || d.Actor != l.community.APID || ann["type"] != "Announce" ||
			ann["actor"] != l.community.APID || !strings.Contains(string(inner), tc.inner) ||
			!strings.Contains(string(inner), alice.APID) {
			t.Errorf("%s: %s to %s as %s", tc.args.Action, d.Activity, d.Inbox, d.Actor)
		}
		for i, also := range tc.also {
			d = deliveries[1+i]
			var second map[string]any
			if err := json.Unmarshal(d.Activity, &second); err != nil {
				t.Fatal(err)
			}
			obj, _ := second["object"].(map[string]any)
			switch {
			case d.Inbox != rm.url+"/inbox":
				t.Errorf("%s: the %s went to %s", tc.args.Action, also, d.Inbox)
			case also == "boost" && (d.Actor != l.community.APID || second["type"] != "Announce" ||
				!strings.HasPrefix(second["id"].(string), boostID) || obj["type"] != "Page" || obj["id"] != post.APID):
				t.Errorf("%s: %s as %s, want the community's boost of the post's Page", tc.args.Action, d.Activity, d.Actor)
			case also == "unboost" && (d.Actor != l.community.APID || second["type"] != "Undo" ||
				obj["type"] != "Announce" || !strings.HasPrefix(obj["id"].(string), boostID) || obj["object"] != post.APID):
				t.Errorf("%s: %s as %s, want the community's Undo of its boost", tc.args.Action, d.Activity, d.Actor)
			case also != "boost" && also != "unboost" && (d.Actor != alice.APID || second["type"] != also ||
				second["actor"] != alice.APID):
				t.Errorf("%s: %s as %s, want alice's own %s", tc.args.Action, d.Activity, d.Actor, also)
			}
		}
	}
}

func TestInboxAuthorsEditAndDeleteTheirOwn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b, l := newSender(t), newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	send := func(s *sender, v map[string]any, want int) {
		t.Helper()
		if code, body := l.post(t, "/inbox", activity(v), s.signer); code != want {
			t.Fatalf("%s %s: %d %s, want %d", v["type"], v["id"], code, body, want)
		}
	}
	noteID := a.url + "/comment/1"
	note := func(content string) map[string]any {
		return map[string]any{"id": noteID, "type": "Note", "attributedTo": a.bob, "inReplyTo": post.APID, "content": content,
			"to": []string{ap.Public}, "cc": []string{l.community.APID}}
	}
	send(a, map[string]any{"id": a.url + "/activities/create/1", "type": "Create", "actor": a.bob, "object": note("<p>first</p>")}, 202)
	send(a, map[string]any{"id": a.url + "/activities/update/1", "type": "Update", "actor": a.bob, "object": note("<p>second</p>")}, 202)
	c, err := l.st.CommentByAPID(ctx, noteID)
	if err != nil || !strings.Contains(c.BodyHTML, "second") || c.Updated == nil {
		t.Fatalf("after Update: %+v %v", c, err)
	}
	// Another server may not delete it, nor may its people.
	send(b, map[string]any{"id": b.url + "/activities/delete/1", "type": "Delete", "actor": b.bob, "object": noteID}, 400)
	del := map[string]any{"id": a.url + "/activities/delete/1", "type": "Delete", "actor": a.bob, "object": noteID}
	send(a, del, 202)
	if c, _ := l.st.CommentByAPID(ctx, noteID); !c.Deleted {
		t.Errorf("the author's Delete did not delete")
	}
	send(a, map[string]any{"id": a.url + "/activities/undo/1", "type": "Undo", "actor": a.bob, "object": del}, 202)
	if c, _ := l.st.CommentByAPID(ctx, noteID); c.Deleted {
		t.Errorf("Undo of the Delete did not restore")
	}
	// A local post is not theirs to delete.
	send(a, map[string]any{"id": a.url + "/activities/delete/2", "type": "Delete", "actor": a.bob, "object": post.APID}, 400)
	if p, _ := l.st.PostByID(ctx, post.ID); p.Deleted {
		t.Errorf("a remote actor deleted a local post")
	}
}
