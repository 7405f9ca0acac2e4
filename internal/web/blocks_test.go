package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

func TestBlockPersonHidesThemFromTheReaderOnly(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	carol, carolC := w.user(t, "carol")
	bobsPost := w.post(t, bob, "Bob writes about trains", "All aboard.")
	carolsPost := w.post(t, carol, "Carol asks about boats", "Anyone?")
	bobsComment := w.comment(t, bob, carolsPost.ID, 0, "Bob answers in the thread")
	reply := w.comment(t, carol, carolsPost.ID, bobsComment.ID, "Carol replies to Bob")

	profile := w.c.Get("/u/bob")
	wantContains(t, profile.Body, `action="/u/bob/block"`, `<button type="submit">Block</button>`)
	wantNotContains(t, w.c.Get("/u/alice").Body, `/block"`) // not on one's own profile
	wantRedirect(t, w.c.Post("/u/bob/block", nil), "/u/bob")
	wantContains(t, w.c.Get("/u/bob").Body, "You block this person", `<button type="submit">Unblock</button>`)

	for _, path := range []string{"/", "/c/news", "/search?q=trains+or+boats", "/feeds/all.xml"} {
		mine := w.c.Get(path)
		wantStatus(t, mine, http.StatusOK)
		wantNotContains(t, mine.Body, "Bob writes about trains")
		wantContains(t, mine.Body, "Carol asks about boats")
		// Carol and anyone logged out still see Bob's post.
		wantContains(t, carolC.Get(path).Body, "Bob writes about trains")
		wantContains(t, w.s.NewClient().Get(path).Body, "Bob writes about trains")
	}
	wantNotContains(t, w.c.Get("/search?q=answers&type=comments").Body, "Bob answers in the thread")

	// In the thread, Bob's comment collapses to "blocked"; Carol's reply to
	// it is still there.
	thread := w.c.Get("/post/" + id(carolsPost.ID))
	wantContains(t, thread.Body, `<li class="comment unread" id="c`+id(bobsComment.ID)+`">`, "<summary>blocked</summary>",
		`id="c`+id(reply.ID)+`"`, "Carol replies to Bob")
	wantNotContains(t, thread.Body, "Bob answers in the thread")
	wantContains(t, carolC.Get("/post/"+id(carolsPost.ID)).Body, "Bob answers in the thread")
	wantContains(t, w.c.Get("/comment/"+id(bobsComment.ID)).Body, "<summary>blocked</summary>", "Carol replies to Bob")
	wantSafe(t, thread.Body)
	// Bob's own post still opens for alice, saying she blocks him.
	wantContains(t, w.c.Get("/post/"+id(bobsPost.ID)).Body, "You block this post's author", "Bob writes about trains")
	wantNotContains(t, carolC.Get("/post/"+id(bobsPost.ID)).Body, "You block this post")

	// Settings list the block with its undo, which brings Bob back.
	blocks := w.c.Get("/settings/blocks")
	wantStatus(t, blocks, http.StatusOK)
	wantContains(t, blocks.Body, `<a href="/u/bob">bob</a>`, `action="/u/bob/block"`)
	wantRedirect(t, w.c.Post("/u/bob/block", url.Values{"undo": {"1"}, "return": {"/settings/blocks"}}), "/settings/blocks")
	wantContains(t, w.c.Get("/settings/blocks").Body, "You block nobody.")
	wantContains(t, w.c.Get("/").Body, "Bob writes about trains")
	wantContains(t, w.c.Get("/post/"+id(carolsPost.ID)).Body, "Bob answers in the thread")
}

func TestBlockCommunityAndInstance(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	cats, err := w.s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "cats", Title: "Cats"})
	if err != nil {
		t.Fatal(err)
	}
	bob, bobC := w.user(t, "bob")
	createPost(t, w.s, bob, cats.ID, "A cat on a mat", "")
	w.post(t, bob, "News of the day", "")
	far := addRemote(t, w.s, "far.example", "distant", "stranger")

	wantContains(t, w.c.Get("/").Body, "A cat on a mat", "News of the day", "A post from far.example")

	// A block ends a subscription, as in Lemmy.
	wantRedirect(t, w.c.Post("/c/cats/subscribe", nil), "/c/cats")
	wantContains(t, w.c.Get("/c/cats").Body, ">Unsubscribe<")
	wantRedirect(t, w.c.Post("/c/cats/block", nil), "/c/cats")
	front := w.c.Get("/")
	wantNotContains(t, front.Body, "A cat on a mat")
	wantContains(t, front.Body, "News of the day")
	// The blocked community's own page opens, says so and still lists it.
	page := w.c.Get("/c/cats")
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page.Body, "You block this community", "A cat on a mat", "Unblock community")
	wantContains(t, page.Body, ">Subscribe<")

	blocked := w.c.Post("/settings/blocks/instance", url.Values{"host": {"FAR.example."}})
	wantRedirect(t, blocked, "/settings/blocks")
	front = w.c.Get("/")
	wantNotContains(t, front.Body, "A post from far.example", "A cat on a mat")
	wantContains(t, front.Body, "News of the day")
	wantContains(t, bobC.Get("/").Body, "A post from far.example", "A cat on a mat")
	wantContains(t, w.c.Get("/c/distant@far.example").Body, "You block far.example", "A post from far.example")
	wantContains(t, w.c.Get("/u/stranger@far.example").Body, "You block far.example")

	list := w.c.Get("/settings/blocks")
	wantContains(t, list.Body, "far.example", `<a href="/c/cats">Cats</a>`)
	wantRedirect(t, w.c.Post("/settings/blocks/instance", url.Values{"host": {"far.example"}, "undo": {"1"}}), "/settings/blocks")
	wantRedirect(t, w.c.Post("/c/cats/block", url.Values{"undo": {"1"}}), "/c/cats")
	wantContains(t, w.c.Get("/").Body, "A cat on a mat", "A post from far.example")
	_ = far
}

func TestBlockRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	if _, err := w.s.Forum.CreateUser(ctx, forum.NewUser{Name: "root", Password: password, Admin: true}); err != nil {
		t.Fatal(err)
	}
	addRemote(t, w.s, "far.example", "distant", "stranger")
	host := w.s.Host

	wantError(t, w.c.Post("/u/alice/block", nil), http.StatusUnprocessableEntity, "You cannot block yourself")
	wantError(t, w.c.Post("/u/root/block", nil), http.StatusUnprocessableEntity, "Root is an admin of this site, and admins cannot be blocked")
	wantError(t, w.c.Post("/u/nobody/block", nil), http.StatusNotFound, `Nobody here is called "nobody"`)
	wantError(t, w.c.Post("/c/nothing/block", nil), http.StatusNotFound, `There is no community "nothing" here`)
	wantError(t, w.c.Post("/settings/blocks/instance", url.Values{"host": {host}}), http.StatusUnprocessableEntity,
		"is this instance, your own")
	wantError(t, w.c.Post("/settings/blocks/instance", url.Values{"host": {"never.example"}}), http.StatusNotFound,
		"No instance never.example is known here.")
	bad := w.c.Post("/settings/blocks/instance", url.Values{"host": {"https://far.example/u/x"}})
	wantError(t, bad, http.StatusUnprocessableEntity, "give only the host, without scheme, path or user")
	wantContains(t, bad.Body, `value="https://far.example/u/x"`) // what was typed stays in the form

	// Nothing changed: no block is listed, and nothing is hidden.
	list := w.c.Get("/settings/blocks")
	wantContains(t, list.Body, "You block nobody.", "You block no community.", "You block no instance.")
	wantContains(t, w.c.Get("/").Body, "A post from far.example")

	// Logged out, there are no buttons, and the forms lead to log-in.
	anon := w.s.NewClient()
	wantNotContains(t, anon.Get("/u/alice").Body, `/block"`)
	wantNotContains(t, anon.Get("/c/news").Body, `/block"`)
	wantLoginRedirect(t, anon.Get("/settings/blocks"), "/settings/blocks")
}
