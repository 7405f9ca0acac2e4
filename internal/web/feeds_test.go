package web_test

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// remote is a community and a person on another instance, as federation
// would have stored them.
type remote struct {
	person    store.Person
	community store.Community
	post      store.Post
}

func addRemote(t *testing.T, s *webtest.Server, domain, community, person string) remote {
	t.Helper()
	ctx := context.Background()
	in, err := s.Store.UpsertInstance(ctx, domain)
	if err != nil {
		t.Fatal(err)
	}
	base := "https://" + domain
	pub := "-----BEGIN PUBLIC KEY-----\nremote\n-----END PUBLIC KEY-----\n"
	p, err := s.Store.InsertPerson(ctx, store.NewPerson{APID: base + "/u/" + person, InstanceID: in.ID, Name: person,
		InboxURL: base + "/u/" + person + "/inbox", PublicKeyPEM: pub})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Store.InsertCommunity(ctx, store.NewCommunity{APID: base + "/c/" + community, InstanceID: in.ID, Name: community,
		Title: "Remote " + community, InboxURL: base + "/c/" + community + "/inbox", FollowersURL: base + "/c/" + community + "/followers",
		PublicKeyPEM: pub})
	if err != nil {
		t.Fatal(err)
	}
	post, err := s.Store.InsertPost(ctx, store.NewPost{APID: base + "/post/1", CreatorID: p.ID, CommunityID: c.ID,
		Title: "A post from " + domain, Body: "remote body", BodyHTML: "<p>remote body</p>", Published: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return remote{person: p, community: c, post: post}
}

var feedLinkRE = regexp.MustCompile(`<a href="(/feeds/[^"]+)">RSS</a>`)

func itemTitles(f rss) []string {
	var out []string
	for _, it := range f.Items {
		out = append(out, it.Title)
	}
	return out
}

func TestFeeds(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := t.Context()
	bob, _ := w.user(t, "bob")
	other, err := w.s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "other", Title: "Other Things"})
	if err != nil {
		t.Fatal(err)
	}
	rem := addRemote(t, w.s, "lemmy.example", "technology", "carol")
	text := w.post(t, w.alice, "Alice's text post", "Some **bold** words.")
	link, err := w.s.Forum.CreatePost(ctx, bob, forum.PostInput{CommunityID: other.ID, Title: "Bob's link", URL: "https://example.com/article"})
	if err != nil {
		t.Fatal(err)
	}
	gone := w.post(t, w.alice, "Alice's deleted post", "")
	if err := w.s.Forum.DeletePost(ctx, w.alice, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	base := w.s.URL
	anon := w.s.NewClient()

	for _, tc := range []struct {
		path, title, link string
		items             []string
	}{
		{"/feeds/all.xml", "Tidings", base + "/", []string{"Bob's link", "Alice's text post", "A post from lemmy.example"}},
		{"/feeds/all.xml?sort=old", "Tidings", base + "/", []string{"A post from lemmy.example", "Alice's text post", "Bob's link"}},
		{"/feeds/all.xml?sort=bogus", "Tidings", base + "/", []string{"Bob's link", "Alice's text post", "A post from lemmy.example"}},
		{"/feeds/local.xml", "Local · Tidings", base + "/?type=local", []string{"Bob's link", "Alice's text post"}},
		{"/feeds/c/news.xml", "World News · Tidings", base + "/c/news", []string{"Alice's text post"}},
		{"/feeds/c/other.xml", "Other Things · Tidings", base + "/c/other", []string{"Bob's link"}},
		{"/feeds/u/alice.xml", "alice · Tidings", base + "/u/alice", []string{"Alice's text post"}},
		{"/feeds/u/bob.xml", "bob · Tidings", base + "/u/bob", []string{"Bob's link"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := anon.Get(tc.path)
			wantStatus(t, r, http.StatusOK)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/rss+xml") {
				t.Errorf("Content-Type %q", ct)
			}
			f := parseRSS(t, r.Body)
			if f.Channel.Title != tc.title || f.Channel.Link != tc.link {
				t.Errorf("channel %q %q, want %q %q", f.Channel.Title, f.Channel.Link, tc.title, tc.link)
			}
			if got := itemTitles(f); !slices.Equal(got, tc.items) {
				t.Errorf("items %q, want %q", got, tc.items)
			}
		})
	}

	f := parseRSS(t, anon.Get("/feeds/all.xml").Body)
	byTitle := map[string]rssItem{}
	for _, it := range f.Items {
		byTitle[it.Title] = it
	}
	if it := byTitle["Alice's text post"]; it.Link != base+"/post/"+id(text.ID) || it.GUID != base+"/post/"+id(text.ID) ||
		!strings.Contains(it.Description, "<strong>bold</strong>") || it.Author != "alice@"+w.s.Host {
		t.Errorf("text post item %+v", it)
	}
	if it := byTitle["Bob's link"]; it.Link != "https://example.com/article" || it.GUID != base+"/post/"+id(link.ID) {
		t.Errorf("link post item %+v", it)
	}
	if it := byTitle["A post from lemmy.example"]; it.Author != "carol@lemmy.example" || it.Link != base+"/post/"+id(rem.post.ID) {
		t.Errorf("remote post item %+v", it)
	}
}

func TestFeedsNotFound(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.post(t, w.alice, "A post", "")
	if _, err := w.s.Forum.CreateCommunity(t.Context(), forum.NewCommunity{Name: "closing", Title: "Closing"}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Forum.DeleteCommunity(t.Context(), "closing"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/feeds/c/nosuch.xml", "/feeds/u/nobody.xml", "/feeds/c/closing.xml", "/feeds/nothing.xml",
		"/feeds/c/news@elsewhere.example.xml"} {
		r := w.s.NewClient().Get(path)
		wantStatus(t, r, http.StatusNotFound)
	}
	// At most 20 items.
	for i := range 25 {
		w.post(t, w.alice, "Filler "+id(int64(i)), "")
	}
	if n := len(parseRSS(t, w.s.NewClient().Get("/feeds/all.xml").Body).Items); n != 20 {
		t.Errorf("%d items, want 20", n)
	}
}

// A remote community's and a remote person's RSS links lead to their own
// feeds, not to a local namesake's.
func TestRemoteFeedLinks(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	rem := addRemote(t, w.s, "lemmy.example", "news", "alice")
	w.post(t, w.alice, "Local alice's post in local news", "")
	anon := w.s.NewClient()

	for _, page := range []string{"/c/news@lemmy.example", "/u/alice@lemmy.example"} {
		r := anon.Get(page)
		wantStatus(t, r, http.StatusOK)
		m := feedLinkRE.FindStringSubmatch(mainOf(r.Body))
		if m == nil {
			t.Fatalf("%s: no RSS link", page)
		}
		fr := anon.Get(m[1])
		wantStatus(t, fr, http.StatusOK)
		if got := itemTitles(parseRSS(t, fr.Body)); !slices.Equal(got, []string{rem.post.Title}) {
			t.Errorf("%s: its RSS link %s lists %q, want only %q", page, m[1], got, rem.post.Title)
		}
	}
}
