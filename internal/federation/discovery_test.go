package federation_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

const asAccept = `application/ld+json; profile="https://www.w3.org/ns/activitystreams"`

func getJSON(t *testing.T, s *webtest.Server, path, accept string) (int, map[string]any, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&v)
	return resp.StatusCode, v, resp.Header
}

func TestWebFingerListsPersonBeforeGroup(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	ctx := context.Background()
	s.User("news", "password123")
	if _, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News"}); err != nil {
		t.Fatal(err)
	}
	code, v, h := getJSON(t, s, "/.well-known/webfinger?resource=acct:news@"+s.Host, "")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/jrd+json") {
		t.Fatalf("webfinger = %d %s", code, h.Get("Content-Type"))
	}
	var selfTypes []string
	for _, l := range v["links"].([]any) {
		link := l.(map[string]any)
		if link["rel"] == "self" {
			if link["type"] != "application/activity+json" {
				t.Errorf("self link type %v", link["type"])
			}
			props := link["properties"].(map[string]any)
			selfTypes = append(selfTypes, props["https://www.w3.org/ns/activitystreams#type"].(string))
		}
	}
	if strings.Join(selfTypes, ",") != "Person,Group" {
		t.Errorf("self links %v, want Person then Group (Mastodon takes the last)", selfTypes)
	}
	if code, _, _ := getJSON(t, s, "/.well-known/webfinger?resource=acct:nobody@"+s.Host, ""); code != 404 {
		t.Errorf("unknown name: %d", code)
	}
	if code, _, _ := getJSON(t, s, "/.well-known/webfinger?resource=acct:news@elsewhere.example", ""); code != 404 {
		t.Errorf("another host: %d", code)
	}
	if code, _, _ := getJSON(t, s, "/.well-known/webfinger?resource=news", ""); code != 400 {
		t.Errorf("no acct: %d", code)
	}
	code, v, _ = getJSON(t, s, "/.well-known/webfinger?resource=acct:"+s.Host+"@"+s.Host, "")
	if code != 200 || !strings.Contains(mustJSON(v), `"Application"`) {
		t.Errorf("instance webfinger = %d %v", code, v)
	}
}

func TestNodeinfoCountsUsage(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	u := s.User("alice", "password123")
	c, err := s.Forum.CreateCommunity(context.Background(), forum.NewCommunity{Name: "news", Title: "News", Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.CreatePost(context.Background(), u, forum.PostInput{CommunityID: c.ID, Title: "Hi"}); err != nil {
		t.Fatal(err)
	}
	code, idx, _ := getJSON(t, s, "/.well-known/nodeinfo", "")
	if code != 200 || !strings.Contains(mustJSON(idx), "/nodeinfo/2.1") {
		t.Fatalf("nodeinfo index = %d %v", code, idx)
	}
	code, v, _ := getJSON(t, s, "/nodeinfo/2.1", "")
	usage := v["usage"].(map[string]any)
	users := usage["users"].(map[string]any)
	if code != 200 || users["total"].(float64) != 1 || usage["localPosts"].(float64) != 1 ||
		users["activeMonth"].(float64) != 1 || v["software"].(map[string]any)["name"] != "tidings" {
		t.Errorf("nodeinfo = %d %v", code, v)
	}
}

func TestSameAddressServesPageOrJSON(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	ctx := context.Background()
	u := s.User("alice", "password123")
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Forum.CreatePost(ctx, u, forum.PostInput{CommunityID: c.ID, Title: "Hello", Body: "*hi*"})
	if err != nil {
		t.Fatal(err)
	}
	cm, err := s.Forum.CreateComment(ctx, u, p.ID, 0, "a reply")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, typ, id string }{
		{"/u/alice", "Person", u.APID},
		{"/c/news", "Group", c.APID},
		{"/", "Application", "http://" + s.Host + "/"},
		{"/post/" + itoa(p.ID), "Page", p.APID},
		{"/comment/" + itoa(cm.ID), "Note", cm.APID},
	} {
		for _, accept := range []string{"application/activity+json", asAccept} {
			code, v, h := getJSON(t, s, tc.path, accept)
			if code != 200 || v["type"] != tc.typ || v["id"] != tc.id ||
				!strings.HasPrefix(h.Get("Content-Type"), "application/activity+json") {
				t.Errorf("%s as %s = %d type %v id %v", tc.path, accept, code, v["type"], v["id"])
			}
		}
		req, _ := http.NewRequest(http.MethodGet, s.URL+tc.path, nil)
		req.Header.Set("Accept", "text/html")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s for a browser: %s", tc.path, resp.Header.Get("Content-Type"))
		}
	}
	_, group, _ := getJSON(t, s, "/c/news", asAccept)
	for _, field := range []string{"inbox", "outbox", "followers", "featured", "attributedTo", "publicKey", "endpoints"} {
		if group[field] == nil {
			t.Errorf("Group lacks %s", field)
		}
	}
	if key := group["publicKey"].(map[string]any); key["id"] != c.APID+"#main-key" {
		t.Errorf("key id %v", key["id"])
	}
	code, followers, _ := getJSON(t, s, "/c/news/followers", asAccept)
	if code != 200 || followers["totalItems"].(float64) != 1 {
		t.Errorf("followers = %d %v", code, followers)
	}
	code, outbox, _ := getJSON(t, s, "/c/news/outbox", asAccept)
	if code != 200 || outbox["totalItems"].(float64) != 1 || !strings.Contains(mustJSON(outbox), `"Create"`) {
		t.Errorf("outbox = %d %v", code, outbox)
	}
	code, mods, _ := getJSON(t, s, "/c/news/moderators", asAccept)
	if code != 200 || !strings.Contains(mustJSON(mods), u.APID) {
		t.Errorf("moderators = %d %v", code, mods)
	}

	if err := s.Forum.DeletePost(ctx, u, p.ID, true); err != nil {
		t.Fatal(err)
	}
	code, v, _ := getJSON(t, s, "/post/"+itoa(p.ID), asAccept)
	if code != 410 || v["type"] != "Tombstone" {
		t.Errorf("deleted post = %d %v", code, v)
	}
	if code, _, _ := getJSON(t, s, "/u/nobody", asAccept); code != 404 {
		t.Errorf("unknown user = %d", code)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// nodeinfo's openRegistrations is true only when anyone may sign up
// without an admin's approval, as Lemmy reports it.
func TestNodeinfoTellsTheRegistrationMode(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	for _, tc := range []struct {
		mode string
		open bool
	}{
		{store.RegistrationRequireApproval, false},
		{store.RegistrationOpen, true},
		{store.RegistrationClosed, false},
	} {
		mode := tc.mode
		if err := s.Forum.UpdateSite(t.Context(), forum.Operator, store.SiteSettings{RegistrationMode: &mode}); err != nil {
			t.Fatal(err)
		}
		code, v, _ := getJSON(t, s, "/nodeinfo/2.1", "")
		if code != 200 || v["openRegistrations"] != tc.open {
			t.Errorf("registration %s: nodeinfo %d says openRegistrations %v, want %v", tc.mode, code, v["openRegistrations"], tc.open)
		}
	}
}
