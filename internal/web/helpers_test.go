package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// password is every test account's password.
const password = "correct horse battery"

// xss is hostile markup short enough for every text field (a display name
// takes 50 characters); xssEscaped is how html/template shows it as text.
const (
	xss        = `<script>x()</script><img src=x onerror=y()>`
	xssEscaped = `&lt;script&gt;x()&lt;/script&gt;&lt;img src=x onerror=y()&gt;`
)

// world is a server with one logged-in user and one community, the start of
// most tests.
type world struct {
	s     *webtest.Server
	alice store.LocalUser
	c     *webtest.Client // alice's browser
	comm  store.Community
}

func newWorld(t *testing.T) *world {
	t.Helper()
	s := webtest.Start(t)
	alice := s.User("alice", password)
	comm, err := s.Forum.CreateCommunity(context.Background(), forum.NewCommunity{
		Name: "news", Title: "World News", Description: "All the **news**.",
	})
	if err != nil {
		t.Fatal(err)
	}
	return &world{s: s, alice: alice, c: s.Login("alice", password), comm: comm}
}

// user creates another account and logs it in.
func (w *world) user(t *testing.T, name string) (store.LocalUser, *webtest.Client) {
	t.Helper()
	u := w.s.User(name, password)
	return u, w.s.Login(name, password)
}

func (w *world) post(t *testing.T, by store.LocalUser, title, body string) store.Post {
	t.Helper()
	return createPost(t, w.s, by, w.comm.ID, title, body)
}

func createPost(t *testing.T, s *webtest.Server, by store.LocalUser, communityID int64, title, body string) store.Post {
	t.Helper()
	p, err := s.Forum.CreatePost(context.Background(), by, forum.PostInput{CommunityID: communityID, Title: title, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (w *world) comment(t *testing.T, by store.LocalUser, postID, parentID int64, body string) store.Comment {
	t.Helper()
	c, err := w.s.Forum.CreateComment(context.Background(), by, postID, parentID, body)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// ---- responses ----

func wantStatus(t *testing.T, r webtest.Response, status int) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d\nLocation: %s\n%s", r.Status, status, r.Location, excerpt(r.Body))
	}
}

// wantRedirect checks for a 303 to exactly loc.
func wantRedirect(t *testing.T, r webtest.Response, loc string) {
	t.Helper()
	if r.Status != http.StatusSeeOther || r.Location != loc {
		t.Fatalf("got %d to %q, want 303 to %q\n%s", r.Status, r.Location, loc, excerpt(r.Body))
	}
}

// wantLoginRedirect checks for a 303 to the log-in page that comes back to back.
func wantLoginRedirect(t *testing.T, r webtest.Response, back string) {
	t.Helper()
	wantRedirect(t, r, "/login?return="+url.QueryEscape(back))
}

func wantContains(t *testing.T, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q\n%s", s, excerpt(body))
		}
	}
}

func wantNotContains(t *testing.T, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(body, s) {
			t.Errorf("page has %q but should not\n%s", s, excerpt(body))
		}
	}
}

// wantError checks that a refused form says what was wrong, with a 4xx.
func wantError(t *testing.T, r webtest.Response, status int, msg string) {
	t.Helper()
	wantStatus(t, r, status)
	wantContains(t, r.Body, html.EscapeString(msg))
	wantSafe(t, r.Body)
}

// mainOf is the page's main element, without the head's meta tags.
func mainOf(body string) string {
	if i := strings.Index(body, `<main id="main">`); i >= 0 {
		body = body[i:]
		if j := strings.Index(body, "</main>"); j >= 0 {
			body = body[:j]
		}
	}
	return body
}

// excerpt is the part of a page worth reading in a failure: the main element.
func excerpt(body string) string {
	body = mainOf(body)
	if len(body) > 3000 {
		body = body[:3000] + "…"
	}
	return body
}

// appScript is our own script under its fingerprinted name.
var appScript = regexp.MustCompile(`^/static/app\.[0-9a-f]{12}\.js$`)

// wantSafe parses a page and fails on anything that could run script: an
// inline script or one from elsewhere, an event-handler attribute, a
// javascript: or data: URL, or a frame or plug-in.
func wantSafe(t *testing.T, page string) {
	t.Helper()
	if strings.Contains(strings.ToLower(page), "<script>") {
		t.Errorf("page contains a raw <script>\n%s", excerpt(page))
	}
	z := xhtml.NewTokenizer(strings.NewReader(page))
	inScript := false
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return
		case xhtml.TextToken:
			if inScript && strings.TrimSpace(string(z.Text())) != "" {
				t.Errorf("inline script: %q", z.Text())
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" {
				inScript = false
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script":
				inScript = tt == xhtml.StartTagToken
				if src := attr(tok, "src"); !appScript.MatchString(src) {
					t.Errorf("script other than our own: %s", tok.String())
				}
			case "iframe", "object", "embed", "base", "frame":
				t.Errorf("unexpected element: %s", tok.String())
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					t.Errorf("event handler attribute: %s", tok.String())
				}
				switch key {
				case "href", "src", "action", "formaction", "srcset", "poster":
					v := strings.ToLower(strings.TrimSpace(a.Val))
					v = strings.Map(func(r rune) rune {
						if r < ' ' {
							return -1
						}
						return r
					}, v)
					if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") ||
						(strings.HasPrefix(v, "data:") && key != "src") {
						t.Errorf("dangerous URL: %s", tok.String())
					}
				}
			}
		}
	}
}

func attr(tok xhtml.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// ---- reading pages ----

var (
	postRowRE = regexp.MustCompile(`<article class="post-row[^"]*" id="p(\d+)"`)
	nextRE    = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	commentRE = regexp.MustCompile(`<li class="comment" id="c(\d+)">`)
)

// postRows lists the ids of a listing's posts in page order.
func postRows(body string) []int64 { return ids(postRowRE, body) }

// commentOrder lists the ids of a thread's comments in page order.
func commentOrder(body string) []int64 { return ids(commentRE, body) }

func ids(re *regexp.Regexp, body string) []int64 {
	var out []int64
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		out = append(out, n)
	}
	return out
}

// nextURL is the pager's "Next page" link, or "".
func nextURL(body string) string {
	m := nextRE.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// commentParents maps each comment shown to the comment it is nested in on
// the page (0 at the top level), from the document's structure.
func commentParents(t *testing.T, body string) map[int64]int64 {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]int64{}
	var walk func(n *xhtml.Node, parent int64)
	walk = func(n *xhtml.Node, parent int64) {
		if n.Type == xhtml.ElementNode && n.Data == "li" && attrOf(n, "class") == "comment" {
			cid, err := strconv.ParseInt(strings.TrimPrefix(attrOf(n, "id"), "c"), 10, 64)
			if err != nil {
				t.Fatalf("comment id %q", attrOf(n, "id"))
			}
			out[cid] = parent
			parent = cid
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, parent)
		}
	}
	walk(doc, 0)
	return out
}

func attrOf(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// meta finds <meta property=prop content=...> or <link rel=prop href=...>.
func meta(t *testing.T, body, prop string) string {
	t.Helper()
	z := xhtml.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return ""
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "meta" && (attr(tok, "property") == prop || attr(tok, "name") == prop) {
				return attr(tok, "content")
			}
			if tok.Data == "link" && attr(tok, "rel") == prop {
				return attr(tok, "href")
			}
		}
	}
}

// ---- the database ----

// counted are the tables a refused form must leave alone.
var counted = []string{"posts", "comments", "post_votes", "comment_votes", "communities", "people",
	"local_users", "community_follows", "registration_applications"}

type snapshot map[string]int

func snap(t *testing.T, s *webtest.Server) snapshot {
	t.Helper()
	out := snapshot{}
	for _, table := range counted {
		out[table] = count(t, s, "SELECT count(*) FROM "+table)
	}
	return out
}

// unchanged fails when any table's row count differs from before.
func (before snapshot) unchanged(t *testing.T, s *webtest.Server) {
	t.Helper()
	after := snap(t, s)
	for _, table := range counted {
		if before[table] != after[table] {
			t.Errorf("%s: %d rows before, %d after", table, before[table], after[table])
		}
	}
}

func count(t *testing.T, s *webtest.Server, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := s.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func getPost(t *testing.T, s *webtest.Server, postID int64) store.Post {
	t.Helper()
	p, err := s.Store.PostByID(context.Background(), postID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func getComment(t *testing.T, s *webtest.Server, commentID int64) store.Comment {
	t.Helper()
	c, err := s.Store.CommentByID(context.Background(), commentID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// crossSite are the headers a browser sends with a form another site made.
func crossSite() http.Header {
	return http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}}
}

func ptr[T any](v T) *T { return &v }

func repeat(s string, n int) string { return strings.Repeat(s, n) }

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func forumCommunity(name, title string) forum.NewCommunity {
	return forum.NewCommunity{Name: name, Title: title}
}

// vote is a vote widget as a reader sees it: the score, what each button
// sends, which is lit, and where the form returns to.
type vote struct {
	Score, Tally, Up, Down, Return string
	UpOn, DownOn                   bool
}

// voteOn reads the vote widget whose form posts to action
// (e.g. /post/1/vote); ok is false when the page has none.
func voteOn(t *testing.T, body, action string) (v vote, ok bool) {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var find func(n *xhtml.Node) *xhtml.Node
	find = func(n *xhtml.Node) *xhtml.Node {
		if n.Type == xhtml.ElementNode && n.Data == "form" && attrOf(n, "action") == action {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := find(c); f != nil {
				return f
			}
		}
		return nil
	}
	f := find(doc)
	if f == nil {
		return v, false
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			classes := strings.Fields(attrOf(n, "class"))
			switch {
			case n.Data == "input" && attrOf(n, "name") == "return":
				v.Return = attrOf(n, "value")
			case n.Data == "button" && slices.Contains(classes, "up"):
				v.Up, v.UpOn = attrOf(n, "value"), slices.Contains(classes, "on")
			case n.Data == "button" && slices.Contains(classes, "down"):
				v.Down, v.DownOn = attrOf(n, "value"), slices.Contains(classes, "on")
			case n.Data == "span" && slices.Contains(classes, "score"):
				v.Score, v.Tally = strings.TrimSpace(textOf(n)), attrOf(n, "title")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(f)
	return v, true
}

func wantVote(t *testing.T, body, action string, want vote) {
	t.Helper()
	got, ok := voteOn(t, body, action)
	if !ok {
		t.Errorf("no vote form for %s\n%s", action, excerpt(body))
		return
	}
	if want.Return == "" {
		want.Return = got.Return
	}
	if want.Tally == "" {
		want.Tally = got.Tally
	}
	if got != want {
		t.Errorf("vote widget for %s:\n got %+v\nwant %+v", action, got, want)
	}
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
