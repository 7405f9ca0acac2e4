package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/web/webtest"
)

// Every page a reader can open, as someone not logged in sees it.
func TestPagesForAnonymousReader(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	p := w.post(t, w.alice, "Rust 2.0 released", "The **notes** are long.")
	c1 := w.comment(t, bob, p.ID, 0, "First *reply* here")
	w.comment(t, w.alice, p.ID, c1.ID, "A nested answer")
	host := w.s.Host
	anon := w.s.NewClient()

	cases := []struct {
		path, title, ogTitle string
		want                 []string
	}{
		{"/", "Tidings", "Tidings", []string{
			`<a href="/post/` + id(p.ID) + `">Rust 2.0 released</a>`, "2 comments",
			`<a href="/u/alice">alice</a>`, `<a href="/c/news">news</a>`,
		}},
		{"/communities", "Communities · Tidings", "Communities", []string{
			`<a href="/c/news">World News</a>`, "!news@" + host, "<td>1</td>",
		}},
		{"/c/news", "World News · Tidings", "World News", []string{
			"World News", "!news@" + host, "Rust 2.0 released", "0 subscribers", "1 post",
			"<strong>news</strong>", `href="/feeds/c/news.xml"`, "Log in</a> to subscribe and post.",
		}},
		{"/post/" + id(p.ID), "Rust 2.0 released · Tidings", "Rust 2.0 released", []string{
			`<h1 class="post-title">`, "<strong>notes</strong>", "2 comments", "First <em>reply</em> here",
			"A nested answer", `href="/u/bob">bob</a>`, "1 point", "Log in</a> to comment.",
		}},
		{"/comment/" + id(c1.ID), "Comment on Rust 2.0 released · Tidings", "Comment on Rust 2.0 released", []string{
			`Comment on <a href="/post/` + id(p.ID) + `">Rust 2.0 released</a>`, "First <em>reply</em> here",
			"A nested answer", "view the whole thread",
		}},
		{"/u/bob", "bob · Tidings", "bob", []string{
			"@bob@" + host, "Joined", "0 post score", "1 comment score", "First <em>reply</em> here",
			"No posts yet.", `href="/feeds/u/bob.xml"`,
		}},
		{"/u/alice", "alice · Tidings", "alice", []string{"Rust 2.0 released", "1 post score"}},
		{"/search?q=rust", "Search · Tidings", "Search", []string{"Rust 2.0 released", `value="rust"`}},
		{"/search", "Search · Tidings", "Search", []string{`<form method="get" action="/search"`}},
		{"/login", "Log in · Tidings", "Log in", []string{`<form method="post" action="/login"`, `href="/signup"`}},
		{"/signup", "Sign up · Tidings", "Sign up", []string{`<form method="post" action="/signup"`}},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			r := anon.Get(tc.path)
			wantStatus(t, r, http.StatusOK)
			if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			wantContains(t, r.Body, "<title>"+tc.title+"</title>")
			wantContains(t, r.Body, tc.want...)
			if got := meta(t, r.Body, "og:title"); got != tc.ogTitle {
				t.Errorf("og:title %q, want %q", got, tc.ogTitle)
			}
			path, _, _ := strings.Cut(tc.path, "?")
			if got := meta(t, r.Body, "canonical"); got != w.s.URL+path {
				t.Errorf("canonical %q, want %q", got, w.s.URL+path)
			}
			if got := meta(t, r.Body, "og:url"); got != w.s.URL+path {
				t.Errorf("og:url %q, want %q", got, w.s.URL+path)
			}
			wantSafe(t, r.Body)
		})
	}
	// The score beside the post, and beside each comment, for someone who
	// has not voted.
	for _, path := range []string{"/", "/c/news", "/post/" + id(p.ID), "/u/alice"} {
		wantVote(t, anon.Get(path).Body, "/post/"+id(p.ID)+"/vote", vote{Score: "1", Tally: "1 up, 0 down", Up: "1", Down: "-1"})
	}
	wantVote(t, anon.Get("/post/"+id(p.ID)).Body, "/comment/"+id(c1.ID)+"/vote", vote{Score: "1", Up: "1", Down: "-1",
		Return: "/post/" + id(p.ID) + "#c" + id(c1.ID)})
}

func TestPageDescriptionIsPlainText(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "Described", "Some *emphasis* and a [link](https://example.com).")
	r := w.s.NewClient().Get("/post/" + id(p.ID))
	wantStatus(t, r, http.StatusOK)
	want := "Some emphasis and a link."
	if got := meta(t, r.Body, "og:description"); got != want {
		t.Errorf("og:description %q, want %q", got, want)
	}
	if got := meta(t, r.Body, "description"); got != want {
		t.Errorf("description %q, want %q", got, want)
	}
}

// Pages only a logged-in user opens, with what they hold.
func TestPagesForLoggedInUser(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "My own post", "my body text")
	c := w.comment(t, w.alice, p.ID, 0, "my comment text")

	cases := []struct {
		path string
		want []string
	}{
		{"/settings", []string{`<form method="post" action="/settings"`, `name="display_name"`, `<option value="hot" selected>`}},
		{"/create_post", []string{`<form method="post" action="/create_post"`, `<option value="` + id(w.comm.ID) + `">World News (news)</option>`}},
		{"/create_post?community=news", []string{`<option value="` + id(w.comm.ID) + `" selected>World News (news)</option>`}},
		{"/create_community", []string{`<form method="post" action="/create_community"`}},
		{"/post/" + id(p.ID) + "/edit", []string{`action="/post/` + id(p.ID) + `/edit"`, `value="My own post"`, "my body text"}},
		{"/comment/" + id(c.ID) + "/edit", []string{`action="/comment/` + id(c.ID) + `/edit"`, "my comment text"}},
		{"/", []string{`<a href="/u/alice">alice</a>`, `action="/logout"`, `href="/settings"`}},
		{"/post/" + id(p.ID), []string{`action="/post/` + id(p.ID) + `/comment"`, `href="/post/` + id(p.ID) + `/edit"`,
			`action="/post/` + id(p.ID) + `/delete"`, `href="/comment/` + id(c.ID) + `/edit"`}},
		{"/c/news", []string{`action="/c/news/subscribe"`, `href="/create_post?community_id=` + id(w.comm.ID) + `"`}},
		{"/communities", []string{`action="/c/news/subscribe"`, `href="/create_community"`}},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			r := w.c.Get(tc.path)
			wantStatus(t, r, http.StatusOK)
			wantContains(t, r.Body, tc.want...)
			wantSafe(t, r.Body)
		})
	}
}

// Someone else sees no edit or delete controls on another's post.
func TestNoEditControlsOnOthersPosts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "Alice's post", "")
	c := w.comment(t, w.alice, p.ID, 0, "alice's comment")
	_, bob := w.user(t, "bob")
	r := bob.Get("/post/" + id(p.ID))
	wantStatus(t, r, http.StatusOK)
	wantNotContains(t, r.Body, "/post/"+id(p.ID)+"/edit", "/post/"+id(p.ID)+"/delete",
		"/comment/"+id(c.ID)+"/edit", "/comment/"+id(c.ID)+"/delete")
	wantContains(t, r.Body, "Reply to alice")
}

func TestNotFoundPages(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	anon := w.s.NewClient()
	cases := []struct{ path, msg string }{
		{"/no/such/page", "There is no page at this address."},
		{"/post/999999", "There is no such post."},
		{"/post/abc", "There is no such post."},
		{"/post/-1", "There is no such post."},
		{"/comment/999999", "There is no such comment."},
		{"/c/nosuch", "There is no community by that name here."},
		{"/c/nosuch@elsewhere.example", "There is no community by that name here."},
		{"/u/nobody", "There is nobody by that name here."},
		{"/u/nobody@elsewhere.example", "There is nobody by that name here."},
	}
	clients := []struct {
		name string
		c    *webtest.Client
	}{{"anonymous", anon}, {"logged in", w.c}}
	for _, tc := range cases {
		for _, cl := range clients {
			t.Run(cl.name+tc.path, func(t *testing.T) {
				r := cl.c.Get(tc.path)
				wantStatus(t, r, http.StatusNotFound)
				wantContains(t, r.Body, "<h1>Nothing here</h1>", tc.msg,
					`<a href="/">The front page</a>`, `<a href="/communities">All communities</a>`, `<a href="/search">Search</a>`)
				if got := meta(t, r.Body, "canonical"); got != "" {
					t.Errorf("a 404 page names a canonical URL: %q", got)
				}
				wantSafe(t, r.Body)
			})
		}
	}
	// The 404 page keeps the reader logged in.
	wantContains(t, w.c.Get("/no/such/page").Body, `<a href="/u/alice">alice</a>`)
}

// A deleted community is gone from its page, the list and the forms.
func TestDeletedCommunityIsGone(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "In a doomed community", "")
	if err := w.s.Forum.DeleteCommunity(t.Context(), "news"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, w.c.Get("/c/news"), http.StatusNotFound)
	wantNotContains(t, w.c.Get("/communities").Body, "World News")
	wantNotContains(t, w.c.Get("/").Body, "In a doomed community")
	wantNotContains(t, w.c.Get("/create_post").Body, "World News")
	// The post itself is kept, so a restore loses nothing.
	if got := getPost(t, w.s, p.ID); got.Title != "In a doomed community" || got.Deleted {
		t.Errorf("post after community deletion: %+v", got)
	}
}

// 30 posts: the first page has 25 and a Next link, which gives the other 5.
func TestListingPagination(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var all []int64
	for i := range 30 {
		all = append(all, w.post(t, w.alice, "Post number "+id(int64(i)), "").ID)
	}
	newestFirst := slices.Clone(all)
	slices.Reverse(newestFirst)

	for _, start := range []string{"/?sort=new", "/c/news?sort=new", "/?sort=old", "/", "/c/news", "/?sort=top_all&type=local"} {
		t.Run(start, func(t *testing.T) {
			anon := w.s.NewClient()
			r := anon.Get(start)
			wantStatus(t, r, http.StatusOK)
			page1 := postRows(r.Body)
			if len(page1) != 25 {
				t.Fatalf("page 1 has %d posts, want 25", len(page1))
			}
			next := nextURL(r.Body)
			if next == "" {
				t.Fatal("page 1 has no Next link")
			}
			wantNotContains(t, r.Body, "« First page")
			wantContains(t, r.Body, "Next page »")
			u, err := url.Parse(next)
			if err != nil || u.Path != strings.SplitN(start, "?", 2)[0] || u.Query().Get("after") == "" {
				t.Fatalf("Next link %q", next)
			}
			r = anon.Get(next)
			wantStatus(t, r, http.StatusOK)
			page2 := postRows(r.Body)
			if len(page2) != 5 {
				t.Fatalf("page 2 has %d posts, want 5: %v", len(page2), page2)
			}
			if nextURL(r.Body) != "" {
				t.Errorf("the last page has a Next link: %q", nextURL(r.Body))
			}
			wantContains(t, r.Body, "« First page")
			seen := map[int64]bool{}
			for _, p := range append(page1, page2...) {
				if seen[p] {
					t.Errorf("post %d shown twice", p)
				}
				seen[p] = true
			}
			if len(seen) != 30 {
				t.Errorf("%d distinct posts over both pages, want 30", len(seen))
			}
			switch {
			case strings.Contains(start, "sort=new"):
				if got := append(page1, page2...); !slices.Equal(got, newestFirst) {
					t.Errorf("sort=new order %v, want %v", got, newestFirst)
				}
			case strings.Contains(start, "sort=old"):
				if got := append(page1, page2...); !slices.Equal(got, all) {
					t.Errorf("sort=old order %v, want %v", got, all)
				}
			}
		})
	}
}

func TestListingSorts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	p1 := w.post(t, w.alice, "First written", "")
	p2 := w.post(t, w.alice, "Second written", "")
	p3 := w.post(t, w.alice, "Third written", "")
	if _, err := w.s.Forum.VotePost(t.Context(), bob, p2.ID, 1); err != nil {
		t.Fatal(err)
	}
	w.comment(t, bob, p1.ID, 0, "a")
	w.comment(t, bob, p1.ID, 0, "b")
	anon := w.s.NewClient()
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"sort=new", []int64{p3.ID, p2.ID, p1.ID}},
		{"sort=old", []int64{p1.ID, p2.ID, p3.ID}},
		{"sort=top_all", []int64{p2.ID, p3.ID, p1.ID}}, // ties by newest id
		{"sort=most_comments", []int64{p1.ID, p3.ID, p2.ID}},
	} {
		for _, base := range []string{"/", "/c/news"} {
			r := anon.Get(base + "?" + tc.query)
			wantStatus(t, r, http.StatusOK)
			if got := postRows(r.Body); !slices.Equal(got, tc.want) {
				t.Errorf("%s?%s: order %v, want %v", base, tc.query, got, tc.want)
			}
			sort := strings.TrimPrefix(tc.query, "sort=")
			wantContains(t, r.Body, `<option value="`+sort+`" selected>`)
		}
	}
}

func TestListingRefusesUnknownSortAndCursor(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	anon := w.s.NewClient()
	for _, path := range []string{"/?sort=best", "/?type=everything", "/?after=garbage", "/c/news?sort=best",
		"/c/news?after=1", "/?sort=%3Cscript%3E"} {
		r := anon.Get(path)
		wantError(t, r, http.StatusBadRequest, "not one this site knows")
	}
}

// The subscribed listing shows only communities the reader follows.
func TestSubscribedListing(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	other, err := w.s.Forum.CreateCommunity(t.Context(), forumCommunity("other", "Other Things"))
	if err != nil {
		t.Fatal(err)
	}
	w.post(t, w.alice, "Followed news", "")
	createPost(t, w.s, w.alice, other.ID, "Unfollowed thing", "")
	r := w.c.Get("/?type=subscribed")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "Subscribe to <a href=\"/communities\">communities</a> to fill this page.")
	wantRedirect(t, w.c.Post("/c/news/subscribe", nil), "/c/news")
	r = w.c.Get("/?type=subscribed")
	wantContains(t, r.Body, "Followed news")
	wantNotContains(t, r.Body, "Unfollowed thing")
	// Anonymous readers have no subscriptions and see everything.
	r = w.s.NewClient().Get("/?type=subscribed")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "Followed news", "Unfollowed thing")
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "A post", "")
	for _, r := range []struct {
		name string
		resp func() (int, http.Header)
	}{
		{"front page", func() (int, http.Header) { r := w.c.Get("/"); return r.Status, r.Header }},
		{"post", func() (int, http.Header) { r := w.c.Get("/post/" + id(p.ID)); return r.Status, r.Header }},
		{"login", func() (int, http.Header) { r := w.s.NewClient().Get("/login"); return r.Status, r.Header }},
		{"404", func() (int, http.Header) { r := w.c.Get("/nowhere"); return r.Status, r.Header }},
		{"refused form", func() (int, http.Header) {
			r := w.c.Post("/create_post", form("community", id(w.comm.ID), "title", ""))
			return r.Status, r.Header
		}},
		{"cross-site post", func() (int, http.Header) {
			r := w.c.PostWithHeaders("/create_post", form("title", "x"), crossSite())
			return r.Status, r.Header
		}},
	} {
		t.Run(r.name, func(t *testing.T) {
			_, h := r.resp()
			csp := h.Get("Content-Security-Policy")
			if csp == "" {
				t.Fatal("no Content-Security-Policy")
			}
			var script string
			for _, d := range strings.Split(csp, ";") {
				d = strings.TrimSpace(d)
				if strings.HasPrefix(d, "script-src ") {
					script = d
				}
				if strings.HasPrefix(d, "default-src ") && script == "" {
					script = d
				}
			}
			if script == "" || strings.Contains(script, "'unsafe-inline'") || strings.Contains(script, "'unsafe-eval'") ||
				strings.Contains(script, "*") {
				t.Errorf("scripts are not limited to our own: %q", csp)
			}
			if !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("CSP lets other sites frame us: %q", csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", h.Get("X-Content-Type-Options"))
			}
		})
	}
}
