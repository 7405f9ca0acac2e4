package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// These tests drive Debian's Chromium (webtest.ChromiumPath) against the
// real server on loopback. They fail when Chromium is missing; set
// TIDINGS_SKIP_BROWSER=1 to skip them. Screenshots go to
// webtest.ScreenshotDir ($TIDINGS_SCREENSHOTS).

const browserPassword = "correct horse battery"

var (
	browserPostPath    = regexp.MustCompile(`^/post/(\d+)$`)
	browserCommentPath = regexp.MustCompile(`^/post/(\d+)#c(\d+)$`)
)

// TestBrowserThread is the whole life of a thread as three people in three
// browsers see it: sign-up, a community, a link post, a reply and a reply to
// the reply, votes from each, nesting, counts and collapsing.
func TestBrowserThread(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	br := s.Browser(t)

	alice := br.NewTab("alice", true)
	browserSignUp(t, alice, "alice")

	alice.Open("/create_community")
	alice.Fill("#name", "worldnews")
	alice.Fill("#title", "World News")
	alice.Fill("#description", "News from **everywhere**, discussed calmly.")
	if p := alice.Submit(`form[action="/create_community"] button[type=submit]`); p != "/c/worldnews" {
		t.Fatalf("after creating a community alice is at %s, want /c/worldnews", p)
	}
	if h := alice.Text("main h1"); !strings.Contains(h, "World News") {
		t.Errorf("community page heading %q, want World News", h)
	}

	// The sidebar's "Create post" chooses the community in the form.
	if p := alice.Submit(`a.button[href^="/create_post?community_id="]`); !strings.HasPrefix(p, "/create_post?community_id=") {
		t.Fatalf("the sidebar's Create post led to %s", p)
	}
	if c := webtest.Eval[string](alice, `document.querySelector("#community").selectedOptions[0].textContent`); !strings.Contains(c, "World News") {
		t.Errorf("the post form has %q chosen, want World News", c)
	}
	const title = "Harbour bridge reopens after two years of repairs"
	alice.Fill("#title", title)
	alice.Fill("#url", "https://www.example.com/news/harbour-bridge")
	alice.Fill("#body", "The *whole* span is open again.")
	p := alice.Submit(`form[action="/create_post"] button[type=submit]`)
	m := browserPostPath.FindStringSubmatch(p)
	if m == nil {
		t.Fatalf("after posting alice is at %s, want /post/ID", p)
	}
	postID, _ := strconv.ParseInt(m[1], 10, 64)
	post := p
	if h := alice.Text("h1.post-title"); !strings.Contains(h, title) || !strings.Contains(h, "(example.com)") {
		t.Errorf("post heading %q, want the title and (example.com)", h)
	}
	if href := alice.Attr("h1.post-title a", "href"); href != "https://www.example.com/news/harbour-bridge" {
		t.Errorf("the title links to %q", href)
	}

	// Bob, in a browser of his own, replies to the post.
	bob := br.NewTab("bob", true)
	browserSignUp(t, bob, "bob")
	bob.Open(post)
	const bobSays = "Finally! The detour added **forty minutes** to my commute."
	bob.Fill("#new-comment", bobSays)
	bobID := browserCommentID(t, bob.Submit(`section.comments > form.comment-form button[type=submit]`), postID)
	bobSel := "#c" + strconv.FormatInt(bobID, 10)
	bob.WaitVisible(bobSel)
	if txt := bob.Text(bobSel + " > details > .comment-body .md"); txt != "Finally! The detour added forty minutes to my commute." {
		t.Errorf("bob's comment reads %q", txt)
	}
	if a := bob.Text(bobSel + " > .comment-head .author"); a != "bob" {
		t.Errorf("bob's comment is by %q", a)
	}

	// Carol replies to bob's comment through its reply form.
	carol := br.NewTab("carol", true)
	browserSignUp(t, carol, "carol")
	carol.Open(post)
	carol.Click(bobSel + " > details > .comment-body details.reply > summary")
	carol.WaitVisible("#reply-" + strconv.FormatInt(bobID, 10))
	carol.Fill("#reply-"+strconv.FormatInt(bobID, 10), "Mine too, but the ferry was nicer.")
	carolID := browserCommentID(t, carol.Submit(bobSel+" > details > .comment-body details.reply button[type=submit]"), postID)
	carolSel := "#c" + strconv.FormatInt(carolID, 10)
	carol.WaitVisible(carolSel)

	// Votes, each counted in place by the page's script. Every post and
	// comment starts with its author's upvote, as in Lemmy.
	postVote := fmt.Sprintf(`[data-vote="post-%d"]`, postID)
	bobVote := fmt.Sprintf(`[data-vote="comment-%d"]`, bobID)
	carolVote := fmt.Sprintf(`[data-vote="comment-%d"]`, carolID)
	browserVote(t, bob, postVote, "up", 2, 0)
	browserVote(t, carol, postVote, "up", 3, 0)
	alice.Open(post)
	browserVote(t, alice, bobVote, "up", 2, 0)
	if pts := bylinePoints(alice, bobSel); pts != "2 points" {
		t.Errorf("after alice's upvote bob's comment shows %q, want 2 points", pts)
	}
	browserVote(t, carol, bobVote, "up", 3, 0)
	browserVote(t, alice, carolVote, "down", 1, 1)
	if pts := bylinePoints(alice, carolSel); pts != "0 points" {
		t.Errorf("after alice's downvote carol's comment shows %q, want 0 points", pts)
	}
	bob.Open(post) // his page is from before carol's reply
	browserVote(t, bob, carolVote, "down", 1, 2)

	// Each person reloads and sees the same counts, their own votes, and
	// carol's reply inside bob's comment.
	type myVotes struct{ post, bob, carol string }
	for _, v := range []struct {
		tab  *webtest.Tab
		mine myVotes
	}{
		{alice, myVotes{"up", "up", "down"}},
		{bob, myVotes{"up", "up", "down"}},
		{carol, myVotes{"up", "up", "up"}},
	} {
		tab := v.tab
		tab.Open(post)
		browserWantScore(t, tab, postVote, 3, 0)
		browserWantScore(t, tab, bobVote, 3, 0)
		browserWantScore(t, tab, carolVote, 1, 2)
		for sel, want := range map[string]string{
			bobSel + " > .comment-head .points":   "3 points",
			carolSel + " > .comment-head .points": "-1 point",
			"article.post .actions span":          "2 comments",
			carolSel + " > .comment-head .author": "carol",
		} {
			got := tab.Text(sel)
			if strings.HasSuffix(sel, ".points") {
				got = bylinePoints(tab, strings.TrimSuffix(sel, " > .comment-head .points"))
			}
			if got != want {
				t.Errorf("%s sees %q in %s, want %q", tab.Name(), got, sel, want)
			}
		}
		browserWantMyVote(t, tab, postVote, v.mine.post)
		browserWantMyVote(t, tab, bobVote, v.mine.bob)
		browserWantMyVote(t, tab, carolVote, v.mine.carol)
		nested := webtest.Eval[bool](tab, fmt.Sprintf(
			`document.querySelector(%q).querySelector("li.comment%s") !== null && `+
				`document.querySelector(%q).parentElement.closest("li.comment").id === %q`,
			bobSel, carolSel, carolSel, bobSel[1:]))
		if !nested {
			t.Errorf("%s: carol's reply is not inside bob's li.comment", tab.Name())
		}
		t.Logf("thread as %s: %s", tab.Name(), tab.Screenshot("thread-as-"+tab.Name()))
	}

	// Collapsing bob's comment hides its body and carol's reply under it,
	// and leaves its summary line; opening it again shows them.
	browserToggleComment(t, alice, bobSel, false, carolSel)
	if pts := alice.Text(bobSel + " > .comment-head .points"); pts != "3 points" {
		t.Errorf("the collapsed comment's byline shows %q, want 3 points", pts)
	}
	if !alice.Visible(fmt.Sprintf(`[data-vote="post-%d"]`, postID)) {
		t.Error("collapsing a comment hid the post")
	}
	t.Logf("collapsed thread: %s", alice.Screenshot("thread-collapsed"))
	browserToggleComment(t, alice, bobSel, true, carolSel)
}

// TestBrowserWithoutJavaScript does the thread's key steps with the page's
// scripts off: logging in, replying and voting are plain forms answered
// with a redirect back, and <details> collapses by itself.
func TestBrowserWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	ctx := context.Background()
	th := seedBrowserThread(t, s)
	bobUser := s.User("bob", browserPassword)

	br := s.Browser(t)
	bob := br.NewTab("bob", false)
	post := "/post/" + strconv.FormatInt(th.post.ID, 10)
	bob.Open(post)
	if n := submitListeners(bob); n != 0 {
		t.Fatalf("with JavaScript off the page has %d submit listeners, want 0 (app.js ran)", n)
	}

	// The thread's "Log in to comment" brings bob back to it.
	bob.Submit(`section.comments a[href^="/login"]`)
	bob.Fill("#name", "bob")
	bob.Fill("#password", browserPassword)
	if p := bob.Submit(`form[action="/login"] button[type=submit]`); p != post {
		t.Fatalf("after logging in bob is at %s, want %s", p, post)
	}
	if who := bob.Text(".nav-user a[href='/u/bob']"); who != "bob" {
		t.Errorf("the header names %q, want bob", who)
	}

	// A reply through the reply form that <details> opens without script.
	topSel := "#c" + strconv.FormatInt(th.top.ID, 10)
	replySel := "#c" + strconv.FormatInt(th.reply.ID, 10)
	bob.Click(topSel + " > details > .comment-body details.reply > summary")
	bob.WaitVisible("#reply-" + strconv.FormatInt(th.top.ID, 10))
	bob.Fill("#reply-"+strconv.FormatInt(th.top.ID, 10), "Works without *any* script.")
	newID := browserCommentID(t, bob.Submit(topSel+" > details > .comment-body details.reply button[type=submit]"), th.post.ID)
	newSel := "#c" + strconv.FormatInt(newID, 10)
	if !webtest.Eval[bool](bob, fmt.Sprintf(`document.querySelector(%q).querySelector("li.comment%s") !== null`, topSel, newSel)) {
		t.Errorf("bob's reply %s is not under %s", newSel, topSel)
	}
	if pts := bylinePoints(bob, newSel); pts != "1 point" {
		t.Errorf("bob's new reply shows %q, want 1 point", pts)
	}

	// A vote is a form POST answered 303 back to the thread, which then
	// shows the new score. A marker on window proves the page was reloaded,
	// that is, that no script took the form over.
	redirects := recordBrowserRedirects(t, bob)
	postVote := fmt.Sprintf(`[data-vote="post-%d"]`, th.post.ID)
	webtest.Eval[bool](bob, `window.tidingsMarker = true`)
	if p := bob.Submit(postVote + " button.up"); p != post {
		t.Errorf("after voting bob is at %s, want %s", p, post)
	}
	if webtest.Eval[bool](bob, `window.tidingsMarker === true`) {
		t.Error("the vote did not load a new page, so a script handled it")
	}
	redirects.want(t, "POST", "/post/"+strconv.FormatInt(th.post.ID, 10)+"/vote", post)
	browserWantScore(t, bob, postVote, 2, 0)
	browserWantMyVote(t, bob, postVote, "up")

	topVote := fmt.Sprintf(`[data-vote="comment-%d"]`, th.top.ID)
	if p, want := bob.Submit(topVote+" button.down"), post+topSel; p != want {
		t.Errorf("after voting on a comment bob is at %s, want %s", p, want)
	}
	redirects.want(t, "POST", "/comment/"+strconv.FormatInt(th.top.ID, 10)+"/vote", post+topSel)
	browserWantScore(t, bob, topVote, 1, 1)
	browserWantMyVote(t, bob, topVote, "down")
	if pts := bylinePoints(bob, topSel); pts != "0 points" {
		t.Errorf("the downvoted comment shows %q, want 0 points", pts)
	}
	if v, err := s.Store.PostVote(ctx, th.post.ID, bobUser.ID); err != nil || v != 1 {
		t.Errorf("bob's stored vote on the post: %d, %v; want 1", v, err)
	}

	// Collapsing with <details> alone.
	browserToggleComment(t, bob, topSel, false, replySel, newSel)
	t.Logf("collapsed without JavaScript: %s", bob.Screenshot("collapsed-no-js"))
	browserToggleComment(t, bob, topSel, true, replySel, newSel)
	t.Logf("thread without JavaScript: %s", bob.Screenshot("thread-no-js"))
}

// TestBrowserVoteWithoutReload checks that with JavaScript a vote changes the
// counts in place: the page is never reloaded, and the server kept the vote.
func TestBrowserVoteWithoutReload(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	ctx := context.Background()
	th := seedBrowserThread(t, s)
	bobUser := s.User("bob", browserPassword)

	br := s.Browser(t)
	bob := br.NewTab("bob", true)
	bob.Open("/login")
	bob.Fill("#name", "bob")
	bob.Fill("#password", browserPassword)
	bob.Submit(`form[action="/login"] button[type=submit]`)
	post := "/post/" + strconv.FormatInt(th.post.ID, 10)
	bob.Open(post)

	if n := submitListeners(bob); n != 1 {
		t.Fatalf("the thread page has %d submit listeners, want app.js's one", n)
	}
	loads := browserDocumentLoads(t, bob)
	webtest.Eval[bool](bob, `window.tidingsMarker = "still here", true`)
	postVote := fmt.Sprintf(`[data-vote="post-%d"]`, th.post.ID)
	if before := bob.Text(postVote + " .score"); before != "1" {
		t.Fatalf("the post's score before voting is %q, want 1", before)
	}
	bob.Click(postVote + " button.up")
	bob.WaitVisible(postVote + ` .score[title="2 up, 0 down"]`)
	if after := bob.Text(postVote + " .score"); after != "2" {
		t.Errorf("the post's score after voting is %q, want 2", after)
	}
	browserWantMyVote(t, bob, postVote, "up")
	if v := bob.Attr(postVote+" button.up", "value"); v != "0" {
		t.Errorf("the pressed upvote button would send %q, want 0 (take the vote back)", v)
	}

	topSel := "#c" + strconv.FormatInt(th.top.ID, 10)
	topVote := fmt.Sprintf(`[data-vote="comment-%d"]`, th.top.ID)
	bob.Click(topVote + " button.down")
	bob.WaitVisible(topVote + ` .score[title="1 up, 1 down"]`)
	if pts := bylinePoints(bob, topSel); pts != "0 points" {
		t.Errorf("the comment's summary shows %q after the downvote, want 0 points", pts)
	}

	if m := webtest.Eval[string](bob, `String(window.tidingsMarker)`); m != "still here" {
		t.Errorf("the marker on window is %q after voting: the page was reloaded", m)
	}
	if n := loads(); n != 0 {
		t.Errorf("voting loaded %d documents, want none", n)
	}
	if v, err := s.Store.PostVote(ctx, th.post.ID, bobUser.ID); err != nil || v != 1 {
		t.Errorf("bob's stored vote on the post: %d, %v; want 1", v, err)
	}

	// Taking the vote back, still in place.
	bob.Click(postVote + " button.up")
	bob.WaitVisible(postVote + ` .score[title="1 up, 0 down"]`)
	browserWantMyVote(t, bob, postVote, "")
	if m := webtest.Eval[string](bob, `String(window.tidingsMarker)`); m != "still here" {
		t.Errorf("the marker on window is %q after the second vote: the page was reloaded", m)
	}
	t.Logf("votes counted in place: %s", bob.Screenshot("voted-in-place"))

	// What the script showed is what the server kept.
	bob.Open(post)
	browserWantScore(t, bob, postVote, 1, 0)
	browserWantMyVote(t, bob, postVote, "")
	browserWantScore(t, bob, topVote, 1, 1)
	browserWantMyVote(t, bob, topVote, "down")
}

// bylinePoints is the score in a comment's byline. It is hidden while the
// comment is open (its vote buttons show the score; a reader sees it
// once), so this reads the text the byline shows when folded.
func bylinePoints(tab *webtest.Tab, comment string) string {
	return strings.TrimSpace(webtest.Run(tab, "read the byline's points of "+comment,
		chromedp.TextContent(chromedp.CSS(comment+" > .comment-head .points"))))
}

// submitListeners counts the document's submit listeners (app.js adds one)
// with DevTools' getEventListeners.
func submitListeners(tab *webtest.Tab) int {
	return webtest.Run(tab, "count submit listeners", chromedp.Evaluate[int](
		`(getEventListeners(document).submit || []).length`, chromedp.EvalWithCommandLineAPI))
}

// browserSignUp creates an account through the sign-up form, which logs it in.
func browserSignUp(t *testing.T, tab *webtest.Tab, name string) {
	t.Helper()
	tab.Open("/signup")
	tab.Fill("#name", name)
	tab.Fill("#password", browserPassword)
	tab.Fill("#password_again", browserPassword)
	if p := tab.Submit(`form[action="/signup"] button[type=submit]`); p != "/" {
		t.Fatalf("after signing up %s is at %s, want /", name, p)
	}
	if who := tab.Text(".nav-user a[href='/u/" + name + "']"); who != name {
		t.Fatalf("after signing up the header names %q, want %s", who, name)
	}
}

// browserToggleComment clicks a comment's summary, waits for its <details> to be
// closed (open false) or open, and checks that its body and the replies
// under it are hidden or shown while the summary line stays.
func browserToggleComment(t *testing.T, tab *webtest.Tab, comment string, open bool, replies ...string) {
	t.Helper()
	tab.Click(comment + " > details > summary")
	state := ":not([open])"
	if open {
		state = "[open]"
	}
	tab.WaitVisible(comment + " > details" + state + " > summary")
	for _, sel := range append([]string{comment + " > details > .comment-body"}, replies...) {
		if got := tab.Visible(sel); got != open {
			t.Errorf("%s: with %s open=%v, %s visible=%v", tab.Name(), comment, open, sel, got)
		}
	}
	if !tab.Visible(comment + " > details > summary") {
		t.Errorf("%s: the summary of %s is hidden", tab.Name(), comment)
	}
}

// browserCommentID reads the new comment's id from the page a comment form led to.
func browserCommentID(t *testing.T, path string, postID int64) int64 {
	t.Helper()
	m := browserCommentPath.FindStringSubmatch(path)
	if m == nil || m[1] != strconv.FormatInt(postID, 10) {
		t.Fatalf("after commenting the page is %s, want /post/%d#cID", path, postID)
	}
	id, _ := strconv.ParseInt(m[2], 10, 64)
	return id
}

// browserVote clicks ▲ or ▼ in a vote widget and waits for the counts the server
// sends back to be shown.
func browserVote(t *testing.T, tab *webtest.Tab, widget, dir string, up, down int) {
	t.Helper()
	tab.Click(widget + " button." + dir)
	tab.WaitVisible(fmt.Sprintf(`%s .score[title="%d up, %d down"]`, widget, up, down))
	if got, want := tab.Text(widget+" .score"), strconv.Itoa(up-down); got != want {
		t.Errorf("%s: %s shows score %s after voting, want %s", tab.Name(), widget, got, want)
	}
}

func browserWantScore(t *testing.T, tab *webtest.Tab, widget string, up, down int) {
	t.Helper()
	if got, want := tab.Text(widget+" .score"), strconv.Itoa(up-down); got != want {
		t.Errorf("%s: %s shows score %s, want %s", tab.Name(), widget, got, want)
	}
	if got, want := tab.Attr(widget+" .score", "title"), fmt.Sprintf("%d up, %d down", up, down); got != want {
		t.Errorf("%s: %s says %q, want %q", tab.Name(), widget, got, want)
	}
}

// browserWantMyVote checks which of a widget's buttons shows as pressed: "up",
// "down" or "" for neither.
func browserWantMyVote(t *testing.T, tab *webtest.Tab, widget, want string) {
	t.Helper()
	for _, dir := range []string{"up", "down"} {
		sel := widget + " button." + dir
		pressed := tab.Attr(sel, "aria-pressed") == "true"
		on := strings.Contains(" "+tab.Attr(sel, "class")+" ", " on ")
		if pressed != (dir == want) || on != (dir == want) {
			t.Errorf("%s: %s aria-pressed=%v on=%v, want pressed only for %q", tab.Name(), sel, pressed, on, want)
		}
	}
}

type browserThread struct {
	post       store.Post
	top, reply store.Comment
}

// seedBrowserThread writes, without a browser, a post by alice with her comment
// and dave's reply to it.
func seedBrowserThread(t *testing.T, s *webtest.Server) browserThread {
	t.Helper()
	ctx := context.Background()
	alice := s.User("alice", browserPassword)
	dave := s.User("dave", browserPassword)
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "worldnews", Title: "World News", Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	var th browserThread
	if th.post, err = s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID,
		Title: "Harbour bridge reopens", URL: "https://www.example.com/news/harbour-bridge"}); err != nil {
		t.Fatal(err)
	}
	if th.top, err = s.Forum.CreateComment(ctx, alice, th.post.ID, 0, "Pictures from the opening are up."); err != nil {
		t.Fatal(err)
	}
	if th.reply, err = s.Forum.CreateComment(ctx, dave, th.post.ID, th.top.ID, "Lovely, thanks."); err != nil {
		t.Fatal(err)
	}
	return th
}

// browserRedirects records the redirects a tab's documents went through.
type browserRedirects struct {
	mu      sync.Mutex
	base    string
	methods map[network.RequestID]string // the method each request was last sent with
	seen    []string                     // "METHOD /from -> STATUS /to"
}

func recordBrowserRedirects(t *testing.T, tab *webtest.Tab) *browserRedirects {
	t.Helper()
	r := &browserRedirects{base: browserOrigin(t, tab), methods: map[network.RequestID]string{}}
	if err := chromedp.Listen(tab.Ctx(), func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok || e.Type != network.ResourceTypeDocument {
			return
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		// A redirect keeps the request's id and reports the response
		// that redirected it.
		if e.RedirectResponse != nil {
			r.seen = append(r.seen, fmt.Sprintf("%s %s -> %d %s", r.methods[e.RequestID],
				strings.TrimPrefix(e.RedirectResponse.URL, r.base), e.RedirectResponse.Status,
				strings.TrimPrefix(e.Request.URL, r.base)))
		}
		r.methods[e.RequestID] = e.Request.Method
	}); err != nil {
		t.Fatal(err)
	}
	return r
}

// want checks that a form sent to from was answered 303 to the page to, and
// forgets what it saw.
func (r *browserRedirects) want(t *testing.T, method, from, to string) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	want := fmt.Sprintf("%s %s -> 303 %s", method, from, strings.SplitN(to, "#", 2)[0])
	for _, s := range r.seen {
		if s == want {
			r.seen = nil
			return
		}
	}
	t.Errorf("no redirect %q among %q", want, r.seen)
	r.seen = nil
}

// browserDocumentLoads counts the documents the tab requests from now on.
func browserDocumentLoads(t *testing.T, tab *webtest.Tab) func() int {
	t.Helper()
	var mu sync.Mutex
	n := 0
	if err := chromedp.Listen(tab.Ctx(), func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Type == network.ResourceTypeDocument {
			mu.Lock()
			n++
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	return func() int {
		mu.Lock()
		defer mu.Unlock()
		return n
	}
}

func browserOrigin(t *testing.T, tab *webtest.Tab) string {
	t.Helper()
	loc := webtest.Eval[string](tab, `location.origin`)
	if !strings.HasPrefix(loc, "http://127.0.0.1:") {
		t.Fatalf("%s is not on the loopback test server: %s", tab.Name(), loc)
	}
	return loc
}
