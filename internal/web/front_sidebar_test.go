package web_test

import (
	"net/http"
	"testing"
)

// TestFrontPageSidebarCounts: the front page's sidebar names the site, says
// how many people, posts and comments it has, and lists its communities.
func TestFrontPageSidebarCounts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, _ := w.user(t, "bob")
	p := w.post(t, w.alice, "Harbour bridge reopens", "")
	w.comment(t, bob, p.ID, 0, "At last.")
	w.comment(t, w.alice, p.ID, 0, "Pictures soon.")
	r := w.s.NewClient().Get("/")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, mainOf(r.Body), `<aside class="sidebar site-sidebar"`,
		"<strong>2 people</strong>", "<li>2 active this month</li>", "<li>1 post</li>", "<li>2 comments</li>",
		`<a href="/c/news">World News</a>`)
}
