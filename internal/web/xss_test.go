package web_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// hostileMarkdown adds what a sanitizer must strip from markdown: links and
// images with script URLs and raw HTML attributes.
const hostileMarkdown = xss + "\n\n[click me](javascript:y()) ![pic](javascript:y()) " +
	`<a href="javascript:y()">raw link</a> <svg onload=y()>` + "\n\n<iframe src=https://evil.example></iframe>"

// Markup typed into any field is shown as text wherever the field appears,
// and never runs.
func TestMarkupInEveryFieldIsShownAsText(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobc := w.user(t, "bob")

	// Every text field, through the forms a person uses.
	wantRedirect(t, w.c.Post("/settings", form("display_name", xss, "bio", hostileMarkdown,
		"default_sort", "hot", "default_listing", "all")), "/settings?saved=1")
	wantRedirect(t, w.c.Post("/create_community", form("name", "hostile", "title", xss, "description", hostileMarkdown)), "/c/hostile")
	r := w.c.Post("/create_post", form("community", id(w.comm.ID), "title", xss, "body", hostileMarkdown))
	wantStatus(t, r, http.StatusSeeOther)
	postPath := r.Location
	r = bobc.Post(postPath+"/comment", form("body", hostileMarkdown))
	wantStatus(t, r, http.StatusSeeOther)
	commentID := r.Location[strings.Index(r.Location, "#c")+2:]
	// A reply under it, so that the comment appears as an ancestor too.
	r = bobc.Post(postPath+"/comment", form("body", "a reply", "parent", commentID))
	wantStatus(t, r, http.StatusSeeOther)
	replyID := r.Location[strings.Index(r.Location, "#c")+2:]
	// A link whose address tries to break out of its attribute.
	r = w.c.Post("/create_post", form("community", id(w.comm.ID), "title", "Odd link",
		"url", `https://example.com/"><script>x()</script>?q=<img src=x onerror=y()>`))
	wantStatus(t, r, http.StatusSeeOther)
	linkPath := r.Location

	pages := []struct {
		path    string
		escaped bool // the hostile text appears as text here
	}{
		{"/", true},
		{"/?sort=new", true},
		{"/communities", true},
		{"/c/hostile", true},
		{"/c/news", true},
		{postPath, true},
		{postPath + "?sort=new", true},
		{linkPath, false},
		{"/comment/" + commentID, true},
		{"/comment/" + replyID, true},
		{"/u/alice", true},
		{"/u/bob", true},
		{"/search?q=" + url.QueryEscape(xss+" zzqx"), true},
		{"/search?q=click&type=all", true},
		{"/create_post", true},
		{postPath + "/edit", false},
		{"/settings", false},
		{"/comment/" + commentID + "/edit", false}, // alice's view: not hers, so a 403
	}
	for _, pg := range pages {
		for _, cl := range []struct {
			name string
			c    *webtest.Client
		}{{"alice", w.c}, {"anonymous", w.s.NewClient()}} {
			t.Run(cl.name+pg.path, func(t *testing.T) {
				r := cl.c.Get(pg.path)
				if r.Status >= 500 {
					t.Fatalf("status %d", r.Status)
				}
				wantSafe(t, r.Body)
				if pg.escaped && r.Status == http.StatusOK {
					wantContains(t, r.Body, "&lt;script&gt;x()&lt;/script&gt;")
				}
			})
		}
	}
	// The forms that show a field for editing hold it as text.
	wantContains(t, w.c.Get(postPath+"/edit").Body, `value="`+xssEscaped+`"`,
		">&lt;script&gt;x()&lt;/script&gt;&lt;img src=x onerror=y()&gt;\n")
	wantContains(t, bobc.Get("/comment/"+commentID+"/edit").Body, ">&lt;script&gt;x()&lt;/script&gt;")
	wantContains(t, w.c.Get("/settings").Body, `name="display_name" value="&lt;script&gt;`)
	// Where the field is plain text, it is the whole text, escaped.
	wantContains(t, w.c.Get(postPath).Body, "<title>"+xssEscaped+" · Tidings</title>")
	wantContains(t, w.c.Get("/u/alice").Body, "<h1>"+xssEscaped+" <span")
	wantContains(t, w.c.Get("/c/hostile").Body, "<h1>"+xssEscaped+" <span")
	wantContains(t, w.s.NewClient().Get("/search?q="+url.QueryEscape(xss+" zzqx")).Body, "Nothing matches “"+xssEscaped+" zzqx”.")
	// What the sanitizer removed is gone; the words stay.
	body := w.c.Get(postPath).Body
	wantContains(t, body, "click me", "raw link")
	// Our own icons are SVG; none may come from what people wrote.
	wantNotContains(t, ourIcons.ReplaceAllString(body, ""), "<iframe", "<svg")
}

// ourIcons matches the page's own SVG: the icon sprite and its uses.
var ourIcons = regexp.MustCompile(`(?s)<svg xmlns="http://www.w3.org/2000/svg" class="sprite".*?</svg>|<svg class="icon"[^>]*><use href="#i-[a-z]+"/></svg>`)

// Markup in query strings and paths is escaped wherever the page repeats them.
func TestMarkupInURLsIsEscaped(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "A post", "")
	q := url.QueryEscape(`"><script>x()</script><img src=x onerror=y()>`)
	for _, path := range []string{
		"/post/" + id(p.ID) + "?sort=" + q,
		"/post/" + id(p.ID) + "?x=" + q,
		"/?x=" + q,
		"/?sort=" + q,
		"/search?type=" + q + "&q=a",
		"/search?q=" + q,
		"/login?return=" + q,
		"/login?return=" + url.QueryEscape("javascript:y()"),
		"/nowhere/" + url.PathEscape(`"><script>x()</script>`),
		"/c/" + url.PathEscape(`<script>x()</script>`),
		"/u/" + url.PathEscape(`<img src=x onerror=y()>`),
		"/create_post?community=" + q,
	} {
		for _, c := range []*webtest.Client{w.c, w.s.NewClient()} {
			r := c.Get(path)
			if r.Status >= 500 {
				t.Errorf("%s: status %d", path, r.Status)
			}
			wantSafe(t, r.Body)
		}
	}
}

// Error messages that repeat what was typed escape it.
func TestMarkupInErrorMessagesIsEscaped(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobc := w.user(t, "bob")
	restricted, err := w.s.Forum.CreateCommunity(t.Context(), forum.NewCommunity{Name: "mods_only", Title: xss,
		Restricted: true, Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	before := snap(t, w.s)
	r := bobc.Post("/create_post", form("community", id(restricted.ID), "title", xss, "url", "javascript:y()"))
	wantStatus(t, r, http.StatusUnprocessableEntity)
	wantSafe(t, r.Body)
	r = bobc.Post("/create_post", form("community", id(restricted.ID), "title", xss))
	wantError(t, r, http.StatusForbidden, "Only moderators may post in "+xss)
	wantContains(t, r.Body, "Only moderators may post in "+xssEscaped)
	r = bobc.Post("/create_community", form("name", xss, "title", xss))
	wantStatus(t, r, http.StatusUnprocessableEntity)
	wantSafe(t, r.Body)
	r = bobc.Post("/settings", form("display_name", xss, "default_sort", xss, "default_listing", "all"))
	wantStatus(t, r, http.StatusUnprocessableEntity)
	wantSafe(t, r.Body)
	wantContains(t, r.Body, "Unknown sort &#34;"+xssEscaped)
	r = bobc.Post("/post/1/vote", form("score", xss))
	wantStatus(t, r, http.StatusBadRequest)
	wantSafe(t, r.Body)
	r = w.s.NewClient().Post("/login", form("name", xss, "password", "<b>secretpw</b>"))
	wantError(t, r, http.StatusUnauthorized, "Wrong name or password")
	wantContains(t, r.Body, `name="name" value="&lt;script&gt;`)
	wantNotContains(t, r.Body, "secretpw") // the password is never shown
	before.unchanged(t, w.s)
}

func TestMarkupInSignupNameIsEscaped(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	before := snap(t, s)
	for _, name := range []string{xss, `"><svg onload=y()>`} {
		r := s.NewClient().Post("/signup", form("name", name, "password", password, "password_again", password))
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantSafe(t, r.Body)
		wantNoSession(t, r)
	}
	r := s.NewClient().Post("/signup", form("name", xss, "password", password, "password_again", password))
	wantContains(t, r.Body, "The user name &#34;"+xssEscaped+"&#34; must be 3 to 20 characters long")
	before.unchanged(t, s)
}

// Feeds escape titles, and their item descriptions are the sanitized HTML.
func TestMarkupInFeedsIsEscaped(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	comm, err := w.s.Forum.CreateCommunity(t.Context(), forum.NewCommunity{Name: "hostile", Title: xss})
	if err != nil {
		t.Fatal(err)
	}
	createPost(t, w.s, w.alice, comm.ID, xss, hostileMarkdown)
	for _, path := range []string{"/feeds/all.xml", "/feeds/local.xml", "/feeds/c/hostile.xml", "/feeds/u/alice.xml"} {
		r := w.s.NewClient().Get(path)
		wantStatus(t, r, http.StatusOK)
		if strings.Contains(r.Body, "<script") || strings.Contains(r.Body, "<img") {
			t.Errorf("%s: raw markup in the feed\n%s", path, r.Body)
		}
		feed := parseRSS(t, r.Body)
		if len(feed.Items) != 1 {
			t.Fatalf("%s: %d items", path, len(feed.Items))
		}
		it := feed.Items[0]
		if it.Title != xss {
			t.Errorf("%s: title %q, want the text as typed", path, it.Title)
		}
		// The description is HTML for the reader: it must be the sanitized form.
		wantSafe(t, it.Description)
		wantContains(t, it.Description, "&lt;script&gt;x()&lt;/script&gt;")
	}
}

type rss struct {
	Channel struct {
		Title string    `xml:"title"`
		Link  string    `xml:"link"`
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
	Items []rssItem `xml:"-"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	Description string `xml:"description"`
	Author      string `xml:"author"`
	Source      string `xml:"source"`
}

func parseRSS(t *testing.T, body string) rss {
	t.Helper()
	var f rss
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("feed is not XML: %v\n%s", err, body)
	}
	f.Items = f.Channel.Items
	return f
}

// What other instances send is shown safely too: names, titles, and links
// that are not web addresses.
func TestMarkupFromOtherInstancesIsEscaped(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := t.Context()
	in, err := w.s.Store.UpsertInstance(ctx, "evil.example")
	if err != nil {
		t.Fatal(err)
	}
	pub := "-----BEGIN PUBLIC KEY-----\nremote\n-----END PUBLIC KEY-----\n"
	person, err := w.s.Store.InsertPerson(ctx, store.NewPerson{APID: "https://evil.example/u/1", InstanceID: in.ID,
		Name: `<img src=x onerror=y()>`, DisplayName: xss, Bio: xss, BioHTML: "<p>bio</p>",
		AvatarURL: "javascript:y()", InboxURL: "https://evil.example/inbox", PublicKeyPEM: pub})
	if err != nil {
		t.Fatal(err)
	}
	comm, err := w.s.Store.InsertCommunity(ctx, store.NewCommunity{APID: "javascript:y()//c", InstanceID: in.ID,
		Name: `"><script>x()</script>`, Title: xss, IconURL: "javascript:y()", InboxURL: "https://evil.example/c/inbox",
		FollowersURL: "https://evil.example/c/followers", PublicKeyPEM: pub})
	if err != nil {
		t.Fatal(err)
	}
	post, err := w.s.Store.InsertPost(ctx, store.NewPost{APID: "javascript:y()//p", CreatorID: person.ID, CommunityID: comm.ID,
		Title: xss, URL: "javascript:y()", ThumbnailURL: "javascript:y()", BodyHTML: "<p>remote body</p>", Body: "remote body"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := w.s.Store.InsertComment(ctx, store.NewComment{APID: "javascript:y()//c1", CreatorID: person.ID, PostID: post.ID,
		Body: "remote comment", BodyHTML: "<p>remote comment</p>"})
	if err != nil {
		t.Fatal(err)
	}
	w.comment(t, w.alice, post.ID, c.ID, "a local reply to a remote comment")
	for _, path := range []string{"/", "/?sort=new", "/communities", "/post/" + id(post.ID), "/comment/" + id(c.ID),
		"/c/" + url.PathEscape(comm.Name) + "@evil.example", "/u/" + url.PathEscape(person.Name) + "@evil.example",
		"/search?q=remote", "/search?q=" + url.QueryEscape("<img"), "/create_post", "/feeds/all.xml"} {
		for _, cl := range []*webtest.Client{w.c, w.s.NewClient()} {
			r := cl.Get(path)
			if r.Status >= 500 {
				t.Errorf("%s: status %d", path, r.Status)
			}
			wantSafe(t, r.Body)
		}
	}
	r := w.c.Get("/post/" + id(post.ID))
	wantContains(t, r.Body, "&lt;img src=x onerror=y()&gt;@evil.example", "remote comment", "a local reply to a remote comment")
}
