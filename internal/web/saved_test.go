package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

var savedRowRE = regexp.MustCompile(`<li class="saved">\s*(?:<article class="post-row[^"]*" id="p(\d+)"|<article class="saved-comment" id="c(\d+)")`)

// savedOrder lists what a page of /saved shows, "p1" for post 1 and "c2"
// for comment 2, in order.
func savedOrder(body string) []string {
	var out []string
	for _, m := range savedRowRE.FindAllStringSubmatch(body, -1) {
		if m[1] != "" {
			out = append(out, "p"+m[1])
		} else {
			out = append(out, "c"+m[2])
		}
	}
	return out
}

func TestSavedPostsAndCommentsListNewestFirst(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, bobC := w.user(t, "bob")
	post := w.post(t, bob, "Worth reading later", "A long read.")
	other := w.post(t, bob, "Another one", "Short.")
	comment := w.comment(t, bob, other.ID, 0, "A comment to keep")

	empty := w.c.Get("/saved")
	wantStatus(t, empty, http.StatusOK)
	wantContains(t, empty.Body, "Nothing saved yet")

	// The thread offers "save" on the post and on its comment.
	thread := w.c.Get("/post/" + id(other.ID))
	wantContains(t, thread.Body, `action="/post/`+id(other.ID)+`/save"`, `action="/comment/`+id(comment.ID)+`/save"`)

	r := w.c.Post("/post/"+id(post.ID)+"/save", url.Values{"return": {"/post/" + id(post.ID)}})
	wantRedirect(t, r, "/post/"+id(post.ID))
	r = w.c.Post("/comment/"+id(comment.ID)+"/save", url.Values{"return": {"/post/" + id(other.ID) + "#c" + id(comment.ID)}})
	wantRedirect(t, r, "/post/"+id(other.ID)+"#c"+id(comment.ID))
	// Saving twice keeps one entry.
	w.c.Post("/post/"+id(post.ID)+"/save", nil)

	saved := w.c.Get("/saved")
	wantStatus(t, saved, http.StatusOK)
	if got, want := savedOrder(saved.Body), []string{"c" + id(comment.ID), "p" + id(post.ID)}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("/saved lists %v, want %v (newest saved first)", got, want)
	}
	wantContains(t, saved.Body, "A comment to keep", "Worth reading later")

	// The post's page now offers to unsave it; the listing row too.
	page := w.c.Get("/post/" + id(post.ID))
	wantContains(t, page.Body, `<input type="hidden" name="undo" value="1"><button type="submit" class="link" aria-pressed="true"><svg class="icon"`, `</svg>unsave</button>`)
	front := w.c.Get("/")
	wantContains(t, front.Body, `action="/post/`+id(post.ID)+`/save"`)

	// Bob's saved things are his own: nothing of alice's shows there.
	wantContains(t, bobC.Get("/saved").Body, "Nothing saved yet")

	r = w.c.Post("/post/"+id(post.ID)+"/save", url.Values{"undo": {"1"}, "return": {"/saved"}})
	wantRedirect(t, r, "/saved")
	if got := savedOrder(w.c.Get("/saved").Body); len(got) != 1 || got[0] != "c"+id(comment.ID) {
		t.Errorf("after unsaving the post /saved lists %v, want only the comment", got)
	}
}

func TestSavedPagesByCursor(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var want []string
	for i := range 23 {
		p := w.post(t, w.alice, "Post number "+id(int64(i)), "")
		if err := w.s.Forum.SavePost(context.Background(), w.alice, p.ID, true); err != nil {
			t.Fatal(err)
		}
		want = append([]string{"p" + id(p.ID)}, want...)
	}
	first := w.c.Get("/saved")
	got := savedOrder(first.Body)
	if len(got) != 20 {
		t.Fatalf("the first page lists %d, want 20", len(got))
	}
	m := regexp.MustCompile(`<a href="(/saved\?after=[^"]+)" rel="next">`).FindStringSubmatch(first.Body)
	if m == nil {
		t.Fatalf("no next page link\n%s", excerpt(first.Body))
	}
	// A post saved meanwhile does not shift the second page.
	late := w.post(t, w.alice, "Saved late", "")
	if err := w.s.Forum.SavePost(context.Background(), w.alice, late.ID, true); err != nil {
		t.Fatal(err)
	}
	second := w.c.Get(strings.ReplaceAll(m[1], "&amp;", "&"))
	wantStatus(t, second, http.StatusOK)
	got = append(got, savedOrder(second.Body)...)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the two pages list\n%v\nwant\n%v", got, want)
	}
	wantError(t, w.c.Get("/saved?after=nonsense"), http.StatusBadRequest, "That page marker is not one this site made")
}

func TestSaveRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	gone := w.post(t, w.alice, "Deleted soon", "")
	if err := w.s.Forum.DeletePost(ctx, w.alice, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	removed := w.post(t, w.alice, "Removed soon", "")
	yes := true
	if err := w.s.Store.SetPostFlags(ctx, removed.ID, store.PostFlags{Removed: &yes}); err != nil {
		t.Fatal(err)
	}
	live := w.post(t, w.alice, "Still here", "")
	c := w.comment(t, w.alice, live.ID, 0, "removed comment")
	if err := w.s.Store.SetCommentFlags(ctx, c.ID, nil, &yes); err != nil {
		t.Fatal(err)
	}

	wantError(t, w.c.Post("/post/"+id(gone.ID)+"/save", nil), http.StatusUnprocessableEntity,
		"This post was deleted by its author, so there is nothing to save")
	wantError(t, w.c.Post("/post/"+id(removed.ID)+"/save", nil), http.StatusUnprocessableEntity,
		"This post was removed by a moderator, so it cannot be saved")
	wantError(t, w.c.Post("/comment/"+id(c.ID)+"/save", nil), http.StatusUnprocessableEntity,
		"This comment was removed by a moderator, so it cannot be saved")
	wantError(t, w.c.Post("/post/999999/save", nil), http.StatusNotFound, "There is no post 999999")
	wantError(t, w.c.Post("/comment/999999/save", nil), http.StatusNotFound, "There is no comment 999999")
	wantContains(t, w.c.Get("/saved").Body, "Nothing saved yet")

	// Logged out, the buttons are not there and the forms lead to log-in.
	anon := w.s.NewClient()
	wantNotContains(t, anon.Get("/post/"+id(live.ID)).Body, "/save\"")
	wantLoginRedirect(t, anon.Get("/saved"), "/saved")
	if r := anon.Post("/post/"+id(live.ID)+"/save", nil); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Errorf("a logged-out save: %d to %q, want a redirect to log in", r.Status, r.Location)
	}

	// What was saved and then deleted stays listed, marked, to be unsaved.
	if err := w.s.Forum.SavePost(ctx, w.alice, live.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Forum.DeletePost(ctx, w.alice, live.ID, true); err != nil {
		t.Fatal(err)
	}
	wantContains(t, w.c.Get("/saved").Body, "This post was deleted by its author since you saved it.")
	wantRedirect(t, w.c.Post("/post/"+id(live.ID)+"/save", url.Values{"undo": {"1"}, "return": {"/saved"}}), "/saved")
	wantContains(t, w.c.Get("/saved").Body, "Nothing saved yet")
}
