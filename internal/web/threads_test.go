package web_test

import (
	"html"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// A thread's replies nest under what they answer, in the order asked for.
func TestThreadNestingAndSorts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	carol, _ := w.user(t, "carol")
	p := w.post(t, w.alice, "Thread", "")
	c1 := w.comment(t, w.alice, p.ID, 0, "one: top")
	c2 := w.comment(t, bob, p.ID, 0, "two: top")
	c3 := w.comment(t, bob, p.ID, c1.ID, "three: under one")
	c4 := w.comment(t, carol, p.ID, c3.ID, "four: under three")
	c5 := w.comment(t, carol, p.ID, c1.ID, "five: under one")
	if _, err := w.s.Forum.VoteComment(t.Context(), carol, c2.ID, 1); err != nil {
		t.Fatal(err)
	}
	wantParents := map[int64]int64{c1.ID: 0, c2.ID: 0, c3.ID: c1.ID, c4.ID: c3.ID, c5.ID: c1.ID}
	path := "/post/" + id(p.ID)
	anon := w.s.NewClient()

	for _, tc := range []struct {
		sort string
		want []int64
	}{
		{"old", []int64{c1.ID, c3.ID, c4.ID, c5.ID, c2.ID}},
		{"new", []int64{c2.ID, c1.ID, c5.ID, c3.ID, c4.ID}},
		{"top", []int64{c2.ID, c1.ID, c3.ID, c4.ID, c5.ID}},
	} {
		r := anon.Get(path + "?sort=" + tc.sort)
		wantStatus(t, r, http.StatusOK)
		if got := commentOrder(r.Body); !slices.Equal(got, tc.want) {
			t.Errorf("sort=%s: order %v, want %v", tc.sort, got, tc.want)
		}
		if got := commentParents(t, r.Body); !maps.Equal(got, wantParents) {
			t.Errorf("sort=%s: nesting %v, want %v", tc.sort, got, wantParents)
		}
		wantContains(t, r.Body, `<option value="`+tc.sort+`" selected>`, "5 comments", "2 points")
	}
	// An unknown sort falls back to hot and still shows everything.
	r := anon.Get(path + "?sort=nonsense")
	wantStatus(t, r, http.StatusOK)
	if got := commentParents(t, r.Body); !maps.Equal(got, wantParents) {
		t.Errorf("default sort: nesting %v", got)
	}
}

// A comment's own page shows the comments above it and every reply under it,
// and nothing else of the thread.
func TestCommentPage(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	p := w.post(t, w.alice, "Long thread", "")
	c1 := w.comment(t, w.alice, p.ID, 0, "the root comment")
	c2 := w.comment(t, bob, p.ID, c1.ID, "the middle comment")
	c3 := w.comment(t, w.alice, p.ID, c2.ID, "the focused comment")
	c4 := w.comment(t, bob, p.ID, c3.ID, "a reply to the focus")
	w.comment(t, bob, p.ID, c1.ID, "a sibling branch")
	w.comment(t, bob, p.ID, 0, "another top comment")

	r := w.c.Get("/comment/" + id(c3.ID))
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, `<section class="ancestors"`, "the root comment", "the middle comment",
		"the focused comment", "a reply to the focus", `href="/post/`+id(p.ID)+`#c`+id(c3.ID)+`">view the whole thread</a>`)
	wantNotContains(t, r.Body, "a sibling branch", "another top comment")
	if got := commentParents(t, r.Body); !maps.Equal(got, map[int64]int64{c3.ID: 0, c4.ID: c3.ID}) {
		t.Errorf("focus tree %v", got)
	}
	// The ancestors come first, root first.
	body := mainOf(r.Body)
	if i, j, k := strings.Index(body, "the root comment"), strings.Index(body, "the middle comment"),
		strings.Index(body, "the focused comment"); !(i < j && j < k) {
		t.Errorf("ancestors out of order: %d %d %d", i, j, k)
	}
	if got := meta(t, r.Body, "og:description"); got != "the focused comment" {
		t.Errorf("og:description %q", got)
	}
	// A logged-in reader can reply right there.
	wantContains(t, r.Body, `name="parent" value="`+id(c3.ID)+`"`)
}

// Past eight levels a thread continues on the comment's own page.
func TestDeepThreadContinues(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "Deep", "")
	var chain []int64
	var parent int64
	for i := range 10 {
		c := w.comment(t, w.alice, p.ID, parent, "level "+id(int64(i)))
		chain = append(chain, c.ID)
		parent = c.ID
	}
	r := w.s.NewClient().Get("/post/" + id(p.ID))
	wantStatus(t, r, http.StatusOK)
	if got := commentOrder(r.Body); !slices.Equal(got, chain[:8]) {
		t.Errorf("shown %v, want the first eight levels %v", got, chain[:8])
	}
	wantContains(t, r.Body, `<a href="/comment/`+id(chain[7])+`">Continue this thread (2 more replies)</a>`, "10 comments")
	wantNotContains(t, r.Body, "level 8", "level 9")

	r = w.s.NewClient().Get("/comment/" + id(chain[7]))
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "level 7", "level 8", "level 9")
	if got := commentOrder(r.Body); !slices.Equal(got, chain[7:]) {
		t.Errorf("continued thread %v, want %v", got, chain[7:])
	}
}

// A huge thread shows its first 300 comments and a link to all of them.
func TestHugeThreadShowsAllOnRequest(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "Popular", "")
	for i := range 302 {
		w.comment(t, w.alice, p.ID, 0, "comment "+id(int64(i)))
	}
	path := "/post/" + id(p.ID)
	r := w.s.NewClient().Get(path + "?sort=old")
	wantStatus(t, r, http.StatusOK)
	if n := len(commentOrder(r.Body)); n != 300 {
		t.Errorf("%d comments shown, want 300", n)
	}
	wantContains(t, r.Body, "302 comments", `<a href="`+html.EscapeString(path+"?all=1&sort=old")+`">Show all 2 more comments</a>`)
	r = w.s.NewClient().Get(path + "?all=1&sort=old")
	if n := len(commentOrder(r.Body)); n != 302 {
		t.Errorf("%d comments shown with all=1, want 302", n)
	}
	wantNotContains(t, r.Body, "Show all")
}

// What was deleted is not shown anywhere on the page, the page's
// description (search results, link previews) included.
func TestDeletedTextNotInPageMeta(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.post(t, w.alice, "Soon deleted", "the post body that was deleted")
	c := w.comment(t, w.alice, p.ID, 0, "the comment that was deleted")
	wantRedirect(t, w.c.Post("/post/"+id(p.ID)+"/delete", nil), "/post/"+id(p.ID))
	wantRedirect(t, w.c.Post("/comment/"+id(c.ID)+"/delete", nil), "/post/"+id(p.ID)+"#c"+id(c.ID))
	anon := w.s.NewClient()
	for _, path := range []string{"/post/" + id(p.ID), "/comment/" + id(c.ID)} {
		r := anon.Get(path)
		wantStatus(t, r, http.StatusOK)
		wantNotContains(t, r.Body, "the post body that was deleted", "the comment that was deleted")
	}
}
