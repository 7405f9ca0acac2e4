package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/web/webtest"
)

var inboxLinkRE = regexp.MustCompile(`<a href="/inbox" class="inbox-link[^"]*"><svg[^>]*><use href="#i-inbox"/></svg><span><span class="nav-label">Inbox</span>(?: \((\d+)\))?</span></a>`)

// unreadInHeader is the count beside the header's inbox link (0 without
// one); the link must be there for a logged-in person.
func unreadInHeader(t *testing.T, c *webtest.Client, path string) int {
	t.Helper()
	page := c.Get(path)
	wantStatus(t, page, http.StatusOK)
	m := inboxLinkRE.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("%s has no inbox link in its header\n%s", path, excerpt(page.Body))
	}
	if m[1] == "" {
		return 0
	}
	return int(mustID(t, m[1]))
}

var notificationRE = regexp.MustCompile(`<li class="notification( unread)?" id="n(\d+)">`)

// inboxItems are the notifications a page of the inbox lists, as ids,
// and which of them are marked unread.
func inboxItems(body string) (ids []int64, unread map[int64]bool) {
	unread = map[int64]bool{}
	for _, m := range notificationRE.FindAllStringSubmatch(body, -1) {
		var id int64
		fmt.Sscan(m[2], &id)
		ids = append(ids, id)
		unread[id] = m[1] != ""
	}
	return ids, unread
}

// A reply through the comment form and a mention in another comment reach
// the author's inbox, newest first, each with who wrote it, where, its
// text as the thread shows it and a link to it in context, marked unread
// and counted in the header of every page; the tabs show each kind; mark
// read takes one off the count, and mark all read the rest.
func TestInboxListsRepliesAndMentions(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, bobC := w.user(t, "bob")
	post := w.post(t, w.alice, "Alice asks", "What do you think?")
	other := w.post(t, bob, "Bob's own thread", "")
	if n := unreadInHeader(t, w.c, "/"); n != 0 {
		t.Errorf("before anything: header counts %d", n)
	}

	r := bobC.Post("/post/"+id(post.ID)+"/comment", form("body", "I think **yes**."))
	wantStatus(t, r, http.StatusSeeOther)
	reply := mustID(t, r.Location[strings.LastIndex(r.Location, "#c")+2:])
	mention := w.comment(t, bob, other.ID, 0, "cc @alice, what say you?")

	for _, path := range []string{"/", "/communities", "/post/" + id(post.ID), "/settings"} {
		if n := unreadInHeader(t, w.c, path); n != 2 {
			t.Errorf("%s: header counts %d unread, want 2", path, n)
		}
	}
	if n := unreadInHeader(t, bobC, "/"); n != 0 {
		t.Errorf("bob's header counts %d, want 0", n)
	}

	page := w.c.Get("/inbox")
	wantStatus(t, page, http.StatusOK)
	wantSafe(t, page.Body)
	ids, unread := inboxItems(page.Body)
	if len(ids) != 2 || !unread[ids[0]] || !unread[ids[1]] {
		t.Fatalf("inbox lists %v (unread %v), want 2 unread", ids, unread)
	}
	body := mainOf(page.Body)
	wantContains(t, body, `<a href="/u/bob">bob</a>`, "replied to you", "mentioned you",
		`<a href="/post/`+id(post.ID)+`">Alice asks</a>`, `<a href="/post/`+id(other.ID)+`">Bob&#39;s own thread</a>`,
		`<a href="/c/news">World News</a>`, "I think <strong>yes</strong>.", "what say you?",
		`<a href="/comment/`+id(reply)+`">context</a>`, `<a href="/comment/`+id(mention.ID)+`">context</a>`)
	if strings.Index(body, "what say you?") > strings.Index(body, "I think") {
		t.Error("the older reply is listed before the newer mention")
	}

	replies := mainOf(w.c.Get("/inbox?filter=replies").Body)
	wantContains(t, replies, "I think <strong>yes</strong>.")
	wantNotContains(t, replies, "what say you?")
	mentions := mainOf(w.c.Get("/inbox?filter=mentions").Body)
	wantContains(t, mentions, "what say you?")
	wantNotContains(t, mentions, "I think")

	// Mark the mention read: one left, and the Unread tab shows the reply.
	r = w.c.Post(fmt.Sprintf("/inbox/%d/read", ids[0]), form("return", "/inbox"))
	wantRedirect(t, r, fmt.Sprintf("/inbox#n%d", ids[0]))
	if n := unreadInHeader(t, w.c, "/"); n != 1 {
		t.Errorf("after mark read: header counts %d, want 1", n)
	}
	_, unread = inboxItems(w.c.Get("/inbox").Body)
	if unread[ids[0]] || !unread[ids[1]] {
		t.Errorf("after mark read: unread %v, want only %d", unread, ids[1])
	}
	if got, _ := inboxItems(w.c.Get("/inbox?filter=unread").Body); len(got) != 1 || got[0] != ids[1] {
		t.Errorf("Unread tab lists %v, want [%d]", got, ids[1])
	}
	// Marked unread again, then all read.
	wantStatus(t, w.c.Post(fmt.Sprintf("/inbox/%d/read", ids[0]), form("read", "0")), http.StatusSeeOther)
	if n := unreadInHeader(t, w.c, "/"); n != 2 {
		t.Errorf("after mark unread: header counts %d, want 2", n)
	}
	r = w.c.Post("/inbox/read_all", form("return", "/inbox?filter=unread"))
	wantRedirect(t, r, "/inbox?filter=unread")
	if n := unreadInHeader(t, w.c, "/"); n != 0 {
		t.Errorf("after mark all read: header counts %d, want 0", n)
	}
	wantContains(t, mainOf(w.c.Get("/inbox?filter=unread").Body), "Nothing unread.")
	if got, _ := inboxItems(w.c.Get("/inbox").Body); len(got) != 2 {
		t.Errorf("after mark all read, All lists %v, want both still", got)
	}
}

// The inbox is a person's own: logged out, it asks to log in; someone
// else's notification cannot be marked, and stays as it was; a form from
// another site, a list or page that does not exist, are refused with a
// message and change nothing.
func TestInboxRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, bobC := w.user(t, "bob")
	post := w.post(t, w.alice, "Alice asks", "")
	w.comment(t, bob, post.ID, 0, "a reply")
	ids, _ := inboxItems(w.c.Get("/inbox").Body)
	if len(ids) != 1 {
		t.Fatalf("alice's inbox lists %v, want one reply", ids)
	}
	n := id(ids[0])

	anon := w.s.NewClient()
	wantLoginRedirect(t, anon.Get("/inbox?filter=unread"), "/inbox?filter=unread")
	r := anon.Post("/inbox/"+n+"/read", nil)
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Errorf("logged out mark read: %d to %q, want a redirect to log in", r.Status, r.Location)
	}

	before := snap(t, w.s)
	wantError(t, bobC.Post("/inbox/"+n+"/read", nil), http.StatusNotFound, "You have no notification "+n)
	wantError(t, bobC.Post("/inbox/"+n+"/read", form("read", "0")), http.StatusNotFound, "You have no notification")
	wantError(t, w.c.PostWithHeaders("/inbox/"+n+"/read", nil, crossSite()), http.StatusForbidden, "sent from another site")
	wantError(t, w.c.PostWithHeaders("/inbox/read_all", nil, crossSite()), http.StatusForbidden, "sent from another site")
	wantError(t, w.c.Post("/inbox/nine/read", nil), http.StatusNotFound, "You have no such notification.")
	wantError(t, w.c.Post("/inbox/99999/read", nil), http.StatusNotFound, "You have no notification 99999")
	wantError(t, w.c.Get("/inbox?filter=votes"), http.StatusBadRequest, `there is no list called "votes"`)
	wantError(t, w.c.Get("/inbox?before=-3"), http.StatusBadRequest, "That is not a page of your inbox.")
	wantStatus(t, w.c.Get("/inbox/"+n+"/read"), http.StatusMethodNotAllowed)
	before.unchanged(t, w.s)
	if c := unreadInHeader(t, w.c, "/"); c != 1 {
		t.Errorf("after the refusals alice's header counts %d, want still 1", c)
	}
	if c := count(t, w.s, `SELECT count(*) FROM notifications WHERE read`); c != 0 {
		t.Errorf("%d notifications marked read by refused requests", c)
	}
}

// The inbox pages by cursor, 20 at a time, newest first; a page stays the
// same while new notifications arrive.
func TestInboxPages(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	post := w.post(t, w.alice, "Alice asks", "")
	for i := range 25 {
		w.comment(t, bob, post.ID, 0, fmt.Sprintf("reply number %d", i))
	}
	first := w.c.Get("/inbox")
	ids, _ := inboxItems(first.Body)
	if len(ids) != 20 {
		t.Fatalf("first page lists %d, want 20", len(ids))
	}
	wantContains(t, first.Body, "reply number 24")
	next := nextURL(first.Body)
	if next == "" {
		t.Fatal("no link to the next page")
	}
	w.comment(t, bob, post.ID, 0, "a newer reply")
	second := w.c.Get(next)
	wantStatus(t, second, http.StatusOK)
	more, _ := inboxItems(second.Body)
	if len(more) != 5 || more[0] >= ids[19] {
		t.Errorf("second page lists %v after %v, want the 5 older ones", more, ids)
	}
	wantContains(t, second.Body, "reply number 0")
	wantNotContains(t, second.Body, "a newer reply", `class="more"`)
	if n := unreadInHeader(t, w.c, "/"); n != 26 {
		t.Errorf("header counts %d, want 26", n)
	}
}

// A person who hides bots' notifications in settings no longer sees a
// bot's reply in the inbox nor in the count; unticking brings it back.
func TestInboxHidesBots(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	robot, _ := w.user(t, "robot")
	if _, err := w.s.Pool.Exec(t.Context(), `UPDATE people SET bot = true WHERE id = $1`, robot.ID); err != nil {
		t.Fatal(err)
	}
	post := w.post(t, w.alice, "Alice asks", "")
	w.comment(t, bob, post.ID, 0, "a person's reply")
	w.comment(t, robot, post.ID, 0, "beep boop")
	page := mainOf(w.c.Get("/inbox").Body)
	wantContains(t, page, "beep boop", `<span class="tag">bot</span>`)

	settings := w.c.Get("/settings")
	wantContains(t, settings.Body, `name="hide_bot_notifications"`)
	r := w.c.Post("/settings/notifications", form("hide_bot_notifications", "on"))
	wantRedirect(t, r, "/settings?saved=1")
	wantContains(t, w.c.Get("/settings").Body, `name="hide_bot_notifications" checked`)
	page = mainOf(w.c.Get("/inbox").Body)
	wantContains(t, page, "a person&#39;s reply")
	wantNotContains(t, page, "beep boop")
	if n := unreadInHeader(t, w.c, "/"); n != 1 {
		t.Errorf("with bots hidden the header counts %d, want 1", n)
	}

	wantRedirect(t, w.c.Post("/settings/notifications", nil), "/settings?saved=1")
	wantContains(t, mainOf(w.c.Get("/inbox").Body), "beep boop")
	if n := unreadInHeader(t, w.c, "/"); n != 2 {
		t.Errorf("with bots shown again the header counts %d, want 2", n)
	}
}
