package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/web/webtest"
)

// The thread and listing pages keep markup between requests. These tests
// write through one server process and read through another over the same
// database, which has kept the page from before the change: every change
// must show on the very next request there, and one reader's votes, saves
// and blocks must never show to anyone else.

// cacheWorld is a community with a moderator, an author, and two readers,
// each logged in on both processes.
type cacheWorld struct {
	*world
	twin                *webtest.Server
	carolA, miaA, bobA  *webtest.Client // on the first process
	bobB, daveB, anonB  *webtest.Client // on the twin
	carolID, bobID, mia int64
}

func newCacheWorld(t *testing.T) *cacheWorld {
	t.Helper()
	w := &cacheWorld{world: newWorld(t)}
	w.twin = w.s.Twin(t)
	carol, carolA := w.user(t, "carol")
	mia, miaA := w.user(t, "mia")
	bob, bobA := w.user(t, "bob")
	w.s.User("dave", password)
	if err := w.s.Store.AddModerator(context.Background(), w.comm.ID, mia.ID); err != nil {
		t.Fatal(err)
	}
	w.carolA, w.miaA, w.bobA = carolA, miaA, bobA
	w.carolID, w.bobID, w.mia = carol.ID, bob.ID, mia.ID
	w.bobB, w.daveB, w.anonB = w.twin.Login("bob", password), w.twin.Login("dave", password), w.twin.NewClient()
	return w
}

// readers fetches path as bob, dave and someone logged out, on the twin.
func (w *cacheWorld) readers(t *testing.T, path string) (bob, dave, anon string) {
	t.Helper()
	get := func(c *webtest.Client) string {
		r := c.Get(path)
		wantStatus(t, r, http.StatusOK)
		return r.Body
	}
	return get(w.bobB), get(w.daveB), get(w.anonB)
}

// between is the part of body from the first start after the first
// occurrence of at, up to end; "" when at is not there.
func between(body, at, end string) string {
	i := strings.Index(body, at)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest[len(at):], end); j >= 0 {
		return rest[:len(at)+j]
	}
	return rest
}

func TestThreadCacheShowsEveryChangeOnTheNextRequest(t *testing.T) {
	t.Parallel()
	w := newCacheWorld(t)
	post := w.post(t, w.alice, "A thread to keep", "Its body.")
	carol, _ := w.s.Store.LocalUserByName(context.Background(), "carol")
	c := w.comment(t, carol, post.ID, 0, "Carol's first words")
	path := "/post/" + id(post.ID)
	ownPart := func(body string) string { return between(body, `id="c`+id(c.ID)+`"`, `<div class="actions">`) }
	actions := func(body string) string { return between(body, `id="c`+id(c.ID)+`"`, "</details></li>") }

	bob, dave, anon := w.readers(t, path) // each process now keeps the thread
	for _, b := range []string{bob, dave, anon} {
		wantContains(t, b, "Carol&#39;s first words")
	}
	score := between(ownPart(anon), `<span class="score"`, "</span>")

	// An edit by its author.
	wantRedirect(t, w.carolA.Post("/comment/"+id(c.ID)+"/edit", form("body", "Carol's second thoughts")), path+"#c"+id(c.ID))
	bob, dave, anon = w.readers(t, path)
	for _, b := range []string{bob, dave, anon} {
		wantContains(t, ownPart(b), "Carol&#39;s second thoughts", `class="edited"`)
		wantNotContains(t, b, "Carol&#39;s first words")
	}

	// Bob's vote: its count for everyone, its pressed button for him only.
	wantStatus(t, w.bobA.Post("/comment/"+id(c.ID)+"/vote", form("score", "1", "return", path)), http.StatusSeeOther)
	bob, dave, anon = w.readers(t, path)
	wantContains(t, ownPart(bob), `class="up on" aria-pressed="true"`)
	for _, b := range []string{dave, anon} {
		wantNotContains(t, ownPart(b), `class="up on"`, `aria-pressed="true"`)
	}
	for _, b := range []string{bob, dave, anon} {
		if got := between(ownPart(b), `<span class="score"`, "</span>"); got == score {
			t.Errorf("the score after Bob's vote still reads %q", got)
		}
	}

	// Bob's save, for him only.
	wantStatus(t, w.bobA.Post("/comment/"+id(c.ID)+"/save", form("return", path)), http.StatusSeeOther)
	bob, dave, _ = w.readers(t, path)
	wantContains(t, actions(bob), "unsave")
	wantNotContains(t, actions(dave), "unsave")
	wantContains(t, actions(dave), "save</button>")

	// Bob blocks Carol: her comment collapses for him only.
	wantStatus(t, w.bobA.Post("/u/carol/block", nil), http.StatusSeeOther)
	bob, dave, anon = w.readers(t, path)
	wantContains(t, bob, `<li class="comment unread" id="c`+id(c.ID)+`">`)
	wantNotContains(t, bob, "Carol&#39;s second thoughts")
	for _, b := range []string{dave, anon} {
		wantContains(t, b, "Carol&#39;s second thoughts")
		wantNotContains(t, b, "comment unread")
	}

	// A moderator's removal.
	wantStatus(t, w.miaA.Post("/comment/"+id(c.ID)+"/remove", form("reason", "Off topic")), http.StatusSeeOther)
	_, dave, anon = w.readers(t, path)
	for _, b := range []string{dave, anon} {
		wantContains(t, ownPart(b), "removed by a moderator")
		wantNotContains(t, b, "Carol&#39;s second thoughts")
	}
}

func TestListingCacheShowsEveryChangeOnTheNextRequest(t *testing.T) {
	t.Parallel()
	w := newCacheWorld(t)
	carol, _ := w.s.Store.LocalUserByName(context.Background(), "carol")
	p := w.post(t, carol, "Carol's headline", "Its body.")
	w.post(t, w.alice, "Alice's headline", "Another.")
	row := func(body string) string { return between(body, `id="p`+id(p.ID)+`"`, "</article>") }

	for _, path := range []string{"/", "/c/news"} {
		t.Run(strings.Trim(path, "/"), func(t *testing.T) {
			bob, dave, anon := w.readers(t, path)
			for _, b := range []string{bob, dave, anon} {
				wantContains(t, b, "Carol&#39;s headline", "Alice&#39;s headline")
			}
		})
	}
	// Both listings are kept by both processes now; from here on, each
	// change is made through the first and read through the twin.
	readBoth := func(t *testing.T) (bob, dave, anon []string) {
		t.Helper()
		for _, path := range []string{"/", "/c/news"} {
			b, d, a := w.readers(t, path)
			bob, dave, anon = append(bob, b), append(dave, d), append(anon, a)
		}
		return bob, dave, anon
	}

	wantRedirect(t, w.carolA.Post("/post/"+id(p.ID)+"/edit", form("title", "Carol's better headline", "body", "Its body.")),
		"/post/"+id(p.ID))
	bob, dave, anon := readBoth(t)
	for _, b := range append(append(bob, dave...), anon...) {
		wantContains(t, row(b), "Carol&#39;s better headline")
	}

	score := between(row(anon[0]), `<span class="score"`, "</span>")
	wantStatus(t, w.bobA.Post("/post/"+id(p.ID)+"/vote", form("score", "-1", "return", "/")), http.StatusSeeOther)
	bob, dave, anon = readBoth(t)
	for _, b := range bob {
		wantContains(t, row(b), `class="down on" aria-pressed="true"`)
	}
	for _, b := range append(dave, anon...) {
		wantNotContains(t, row(b), `class="down on"`, `aria-pressed="true"`)
		if got := between(row(b), `<span class="score"`, "</span>"); got == score {
			t.Errorf("the score after Bob's vote still reads %q", got)
		}
	}

	wantStatus(t, w.bobA.Post("/post/"+id(p.ID)+"/save", form("return", "/")), http.StatusSeeOther)
	bob, dave, _ = readBoth(t)
	for _, b := range bob {
		wantContains(t, row(b), "unsave")
	}
	for _, b := range dave {
		wantNotContains(t, row(b), "unsave")
	}

	wantStatus(t, w.bobA.Post("/u/carol/block", nil), http.StatusSeeOther)
	bob, dave, anon = readBoth(t)
	for _, b := range bob {
		wantNotContains(t, b, "Carol&#39;s better headline")
		wantContains(t, b, "Alice&#39;s headline")
	}
	for _, b := range append(dave, anon...) {
		wantContains(t, b, "Carol&#39;s better headline")
	}

	wantStatus(t, w.miaA.Post("/post/"+id(p.ID)+"/remove", form("reason", "Spam")), http.StatusSeeOther)
	_, dave, anon = readBoth(t)
	for _, b := range append(dave, anon...) {
		wantNotContains(t, b, "Carol&#39;s better headline")
		wantContains(t, b, "Alice&#39;s headline")
	}
}
