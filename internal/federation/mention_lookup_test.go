package federation_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/worker"
)

// Mentions of people on servers that never answer do not cost the post its
// deliveries: the lookups give up in time for the federate job to build
// and queue them within its timeout, which is the same on every attempt,
// so a job that ran out of time would run out of it again until River
// discarded it and the post never left.
func TestMentionLookupsLeaveTheJobTimeToDeliver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	hang := func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	var hosts []string
	for range 3 {
		srv := httptest.NewServer(http.HandlerFunc(hang))
		// Close cannot finish while a request hangs; the client's is gone
		// by then, which ends it.
		t.Cleanup(srv.Close)
		hosts = append(hosts, strings.TrimPrefix(srv.URL, "http://"))
	}
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	body := "Hello @one@" + hosts[0] + ", @two@" + hosts[1] + " and @three@" + hosts[2]
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Anyone?", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	job, cancel := context.WithTimeout(ctx, worker.MaxTimeout)
	defer cancel()
	start := time.Now()
	if _, err := l.fed.Deliveries(job, forum.FederateArgs{Action: forum.FederateCreatePost, PostID: post.ID}); err != nil {
		t.Fatalf("the federate job failed after %s: %v", time.Since(start).Round(time.Millisecond), err)
	}
	// What is left must be enough to queue the deliveries in a
	// transaction, on a busy database too.
	if took, left := time.Since(start), 4*time.Second; took > worker.MaxTimeout-left {
		t.Errorf("the deliveries took %s to build, leaving under %s of the job's %s to queue them",
			took.Round(time.Millisecond), left, worker.MaxTimeout)
	}
}

// A handle names its host in any spelling (127.1 is 127.0.0.1): ours is
// still ours, and another server's is looked up and linked under its
// canonical name, as instances are stored.
func TestMentionsReadTheHostInCanonicalForm(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	far := newMicroblog(t, true)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	respell := func(host string) string { return strings.Replace(host, "127.0.0.1:", "127.1:", 1) }
	us := strings.TrimPrefix(l.url, "http://")
	body := "Hello @frank@" + respell(far.host) + ", I am @alice@" + respell(us)
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Spellings", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	out, err := l.fed.Deliveries(ctx, forum.FederateArgs{Action: forum.FederateCreatePost, PostID: post.ID})
	if err != nil {
		t.Fatal(err)
	}
	var page map[string]any
	for _, d := range out {
		if d.Inbox == far.url+"/inbox" {
			var doc map[string]any
			if err := json.Unmarshal(d.Activity, &doc); err != nil {
				t.Fatal(err)
			}
			page, _ = doc["object"].(map[string]any)
		}
	}
	if page == nil {
		t.Fatalf("frank's server was sent nothing: %+v", out)
	}
	m := mentions(page)
	if m[far.actor("frank")] != far.handle("frank") || m[alice.APID] != "@alice@"+us || len(m) != 2 {
		t.Errorf("Mention tags %v, want frank and alice under their canonical handles", m)
	}
	content, _ := page["content"].(string)
	for _, want := range []string{`href="` + far.actor("frank") + `"`, `href="` + alice.APID + `"`} {
		if !strings.Contains(content, want) {
			t.Errorf("no %s in the content sent: %s", want, content)
		}
	}
}
