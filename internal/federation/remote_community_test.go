package federation_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// Our members follow a community on another server: the Follow goes out
// with its id, the community's Accept or Reject settles it, and what the
// community announces is kept only while someone here follows it, and
// only about its own posts.
func TestRemoteCommunityFollowAndAnnounces(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	groupID, group := rm.group(t, "tech")
	otherID, other := rm.group(t, "cooking")
	for _, id := range []string{groupID, otherID} {
		if _, err := l.fed.Resolve(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	tech, err := l.st.CommunityByAPID(ctx, groupID)
	if err != nil {
		t.Fatal(err)
	}
	send := func(s interface {
		SignPost(*http.Request, []byte) error
	}, v map[string]any, want int) {
		t.Helper()
		body := activity(v)
		req, _ := http.NewRequest(http.MethodPost, l.url+"/inbox", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/activity+json")
		if err := s.SignPost(req, body); err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s by %s: %d, want %d", v["type"], v["actor"], resp.StatusCode, want)
		}
	}
	page := map[string]any{"id": rm.url + "/post/1", "type": "Page", "attributedTo": rm.bob, "name": "Announced",
		"audience": groupID, "to": []string{groupID, public}}
	announce := func(n, community string, obj map[string]any) map[string]any {
		return map[string]any{"id": rm.url + "/activities/announce/" + n, "type": "Announce", "actor": community,
			"object": map[string]any{"id": rm.url + "/activities/create/" + n, "type": "Create", "actor": rm.bob,
				"object": obj}}
	}

	// Nobody follows it yet: its announces are acknowledged and dropped.
	send(group, announce("0", groupID, page), http.StatusAccepted)
	if _, err := l.st.PostByAPID(ctx, page["id"].(string)); err == nil {
		t.Fatal("a post announced by a community nobody follows was kept")
	}

	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	bert, err := l.f.CreateUser(ctx, forum.NewUser{Name: "bert", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	follows := map[int64]store.Follow{}
	for _, u := range []store.LocalUser{alice, bert} {
		if err := l.f.Subscribe(ctx, u, tech.ID); err != nil {
			t.Fatal(err)
		}
		f, err := l.st.GetFollow(ctx, tech.ID, u.ID)
		if err != nil || f.State != store.FollowPending || f.FollowAPID == "" {
			t.Fatalf("%s's follow: %+v %v", u.Name, f, err)
		}
		follows[u.ID] = f
		deliveries, err := l.fed.Deliveries(ctx, forum.FederateArgs{Action: forum.FederateFollow,
			CommunityID: tech.ID, PersonID: u.ID, FollowID: f.FollowAPID})
		if err != nil || len(deliveries) != 1 || !strings.Contains(string(deliveries[0].Activity), `"type":"Follow"`) ||
			!strings.Contains(string(deliveries[0].Activity), f.FollowAPID) || deliveries[0].Inbox != groupID+"/inbox" {
			t.Fatalf("%s's Follow: %+v %v", u.Name, deliveries, err)
		}
	}
	var jobs int
	// Two Follows, and one backfill however many subscribe.
	if err := l.st.PgxPool().QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind IN ('federate_local', 'backfill_community')`).Scan(&jobs); err != nil || jobs != 3 {
		t.Errorf("queued %d follow and backfill jobs (%v), want 3", jobs, err)
	}

	answer := func(n, typ string, u store.LocalUser) map[string]any {
		return map[string]any{"id": groupID + "/activities/" + n, "type": typ, "actor": groupID,
			"object": map[string]any{"id": follows[u.ID].FollowAPID, "type": "Follow", "actor": u.ID, "object": groupID}}
	}
	send(group, answer("accept", "Accept", alice), http.StatusAccepted)
	send(group, answer("reject", "Reject", bert), http.StatusAccepted)
	// Another community cannot answer for this one.
	send(other, map[string]any{"id": otherID + "/activities/accept", "type": "Accept", "actor": otherID,
		"object": map[string]any{"id": follows[bert.ID].FollowAPID, "type": "Follow", "object": groupID}}, http.StatusBadRequest)
	for u, want := range map[store.LocalUser]string{alice: store.FollowAccepted, bert: store.FollowRejected} {
		if f, err := l.st.GetFollow(ctx, tech.ID, u.ID); err != nil || f.State != want {
			t.Errorf("%s's follow after the answer: %+v %v, want %s", u.Name, f, err, want)
		}
	}

	// Followed now: the announced post is kept, once; a community cannot
	// relay another's post.
	send(group, announce("1", groupID, page), http.StatusAccepted)
	send(group, announce("1b", groupID, page), http.StatusAccepted)
	// Lemmy's bare Announce of the Page, for Mastodon, adds nothing.
	send(group, map[string]any{"id": rm.url + "/activities/announce/1c", "type": "Announce", "actor": groupID,
		"object": page}, http.StatusAccepted)
	got, err := l.st.PostByAPID(ctx, page["id"].(string))
	if err != nil || got.CommunityID != tech.ID || got.Title != "Announced" {
		t.Fatalf("announced post: %+v %v", got, err)
	}
	stray := map[string]any{"id": rm.url + "/post/2", "type": "Page", "attributedTo": rm.bob, "name": "Elsewhere",
		"audience": otherID, "to": []string{otherID, public}}
	send(group, announce("2", groupID, stray), http.StatusNotFound)
	if _, err := l.st.PostByAPID(ctx, stray["id"].(string)); err == nil {
		t.Error("a community relayed another community's post, and it was kept")
	}
	var n int
	rows, _ := l.st.PgxPool().Query(ctx, `SELECT count(*) FROM posts WHERE community_id = $1`, tech.ID)
	if n, err = pgx.CollectExactlyOneRow(rows, pgx.RowTo[int]); err != nil || n != 1 {
		t.Errorf("%d posts in the community (%v), want 1", n, err)
	}
}
