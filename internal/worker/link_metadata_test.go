package worker_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/worker"
)

const dummyPEM = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"

// rig is one test's database, a running River client with the workers, and
// a web site to link to.
type rig struct {
	t     *testing.T
	ctx   context.Context
	st    *store.Store
	river *river.Client[pgx.Tx]
	site  *httptest.Server
	// a person and community to post as and in
	creatorID, communityID int64
}

func newRig(t *testing.T, site http.HandlerFunc) *rig {
	return newRigWith(t, site, nil)
}

// newRigWith is newRig with more for the workers: setup, given the rig
// before its queue starts, adds to their deps.
func newRigWith(t *testing.T, site http.HandlerFunc, setup func(*rig, *worker.Deps)) *rig {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	r := &rig{t: t, ctx: ctx, st: st, site: srv}

	workers := river.NewWorkers()
	deps := worker.Deps{
		Store: st,
		HTTP:  safehttp.New(safehttp.Options{AllowPrivate: true, Timeout: 5 * time.Second}),
		Log:   slog.New(slog.DiscardHandler),
	}
	if setup != nil {
		setup(r, &deps)
	}
	worker.Register(workers, deps)
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:   map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 2}},
		Workers:  workers,
		Logger:   slog.New(slog.DiscardHandler),
		TestOnly: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	r.river = client
	startRiver(t, client)

	inst, err := st.UpsertInstance(ctx, "test.example")
	if err != nil {
		t.Fatal(err)
	}
	person, err := st.InsertPerson(ctx, store.NewPerson{
		APID: "https://test.example/u/alice", InstanceID: inst.ID, Local: true, Name: "alice",
		InboxURL: "https://test.example/u/alice/inbox", PublicKeyPEM: dummyPEM, PrivateKeyPEM: dummyPEM,
	})
	if err != nil {
		t.Fatal(err)
	}
	community, err := st.InsertCommunity(ctx, store.NewCommunity{
		APID: "https://test.example/c/news", InstanceID: inst.ID, Local: true, Name: "news", Title: "News",
		InboxURL: "https://test.example/c/news/inbox", FollowersURL: "https://test.example/c/news/followers",
		PublicKeyPEM: dummyPEM, PrivateKeyPEM: dummyPEM,
	})
	if err != nil {
		t.Fatal(err)
	}
	r.creatorID, r.communityID = person.ID, community.ID
	return r
}

// post stores a post linking to path on the site ("" for a text post) and
// queues the job for it, as forum does.
func (r *rig) post(path string) (store.Post, int64) {
	r.t.Helper()
	id, err := r.st.NextPostID(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	np := store.NewPost{
		ID: id, APID: fmt.Sprintf("https://test.example/post/%d", id), Local: true,
		CreatorID: r.creatorID, CommunityID: r.communityID, Title: "A link",
	}
	if path != "" {
		np.URL = r.site.URL + path
	}
	p, err := r.st.InsertPost(r.ctx, np)
	if err != nil {
		r.t.Fatal(err)
	}
	res, err := r.river.Insert(r.ctx, forum.FetchLinkMetadataArgs{PostID: p.ID}, &river.InsertOpts{MaxAttempts: 3})
	if err != nil {
		r.t.Fatal(err)
	}
	return p, res.Job.ID
}

// waitJob polls until the job has been tried at least once and returns it.
func (r *rig) waitJob(id int64) *rivertype.JobRow {
	r.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		job, err := r.river.JobGet(r.ctx, id)
		if err != nil {
			r.t.Fatal(err)
		}
		if job.FinalizedAt != nil || len(job.Errors) > 0 {
			return job
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("job %d still %s after %d attempt(s)", id, job.State, job.Attempt)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (r *rig) get(id int64) store.Post {
	r.t.Helper()
	p, err := r.st.PostByID(r.ctx, id)
	if err != nil {
		r.t.Fatal(err)
	}
	return p
}

const article = `<!doctype html><html><head>
<title>Fallback</title>
<meta property="og:title" content="Harbour reopens after storm">
<meta property="og:description" content="Boats return to the quay.">
<meta property="og:image" content="/pics/harbour.jpg">
</head><body>...</body></html>`

func TestLinkPostGetsItsCard(t *testing.T) {
	t.Parallel()
	r := newRig(t, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, article)
	})
	post, _ := r.post("/2024/harbour")

	// Poll for what a reader would see: the card's title on the post.
	deadline := time.Now().Add(30 * time.Second)
	for r.get(post.ID).URLTitle == "" {
		if time.Now().After(deadline) {
			t.Fatal("the post never got its link title")
		}
		time.Sleep(20 * time.Millisecond)
	}
	got := r.get(post.ID)
	if got.URLTitle != "Harbour reopens after storm" || got.URLDescription != "Boats return to the quay." ||
		got.ThumbnailURL != r.site.URL+"/pics/harbour.jpg" {
		t.Errorf("card: title %q, description %q, thumbnail %q", got.URLTitle, got.URLDescription, got.ThumbnailURL)
	}
}

func TestPermanentFailuresAreNotRetried(t *testing.T) {
	t.Parallel()
	r := newRig(t, func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
		case "/paper.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.7")
		}
	})
	for _, path := range []string{"/gone", "/paper.pdf"} {
		post, jobID := r.post(path)
		job := r.waitJob(jobID)
		if job.State != rivertype.JobStateCancelled || job.Attempt != 1 {
			t.Errorf("%s: job %s after %d attempt(s), want cancelled after 1", path, job.State, job.Attempt)
		}
		if got := r.get(post.ID); got.URLTitle != "" || got.ThumbnailURL != "" {
			t.Errorf("%s: stored %+v", path, got)
		}
	}
}

func TestServerErrorsAreRetried(t *testing.T) {
	t.Parallel()
	r := newRig(t, func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
	})
	post, jobID := r.post("/busy")
	job := r.waitJob(jobID)
	// A retry due within seconds goes straight back to available.
	if job.FinalizedAt != nil || len(job.Errors) != 1 {
		t.Errorf("job %s with errors %v; want it kept for another attempt", job.State, job.Errors)
	}
	if got := r.get(post.ID); got.URLTitle != "" {
		t.Errorf("stored %q", got.URLTitle)
	}
}

func TestPostsWithoutAPageToFetchAreSkipped(t *testing.T) {
	t.Parallel()
	r := newRig(t, func(w http.ResponseWriter, req *http.Request) {
		t.Errorf("fetched %s", req.URL.Path)
	})
	_, textJob := r.post("")
	// Deleted before its job could run: insert and delete in one
	// transaction, then queue the job.
	var deletedID int64
	err := r.st.InTx(r.ctx, func(tx *store.Store) error {
		id, err := tx.NextPostID(r.ctx)
		if err != nil {
			return err
		}
		p, err := tx.InsertPost(r.ctx, store.NewPost{
			ID: id, APID: fmt.Sprintf("https://test.example/post/%d", id), Local: true,
			CreatorID: r.creatorID, CommunityID: r.communityID, Title: "Oops", URL: r.site.URL + "/deleted",
		})
		if err != nil {
			return err
		}
		deletedID = p.ID
		deleted := true
		return tx.SetPostFlags(r.ctx, p.ID, store.PostFlags{Deleted: &deleted})
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.river.Insert(r.ctx, forum.FetchLinkMetadataArgs{PostID: deletedID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{textJob, res.Job.ID} {
		if job := r.waitJob(id); job.State != rivertype.JobStateCompleted {
			t.Errorf("job %d: %s, errors %v", id, job.State, job.Errors)
		}
	}
}

func TestURLEditedDuringFetchGetsTheNewPagesCard(t *testing.T) {
	t.Parallel()
	fetching, edited := make(chan struct{}), make(chan struct{})
	r := newRig(t, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if req.URL.Path == "/old" {
			close(fetching)
			<-edited
			io.WriteString(w, `<title>Old page</title>`)
			return
		}
		io.WriteString(w, `<title>New page</title>`)
	})
	post, _ := r.post("/old")
	<-fetching
	newURL := r.site.URL + "/new"
	if err := r.st.UpdatePost(r.ctx, post.ID, store.PostEdit{URL: &newURL}); err != nil {
		t.Fatal(err)
	}
	close(edited)

	deadline := time.Now().Add(30 * time.Second)
	for r.get(post.ID).URLTitle == "" {
		if time.Now().After(deadline) {
			t.Fatal("the post never got its link title")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := r.get(post.ID).URLTitle; got != "New page" {
		t.Errorf("card title %q, want the new page's", got)
	}
}
