package federation_test

import (
	"context"
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
