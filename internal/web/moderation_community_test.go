package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// A moderator edits the community: its page shows the new title, sidebar,
// images and rules; a mistake shows the form again with what was typed.
func TestModeratorEditsTheCommunity(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	linkMode(t, w.s) // the pictures typed are shown from img.example, which this test does not serve
	wantContains(t, w.miac.Get("/c/news").Body, `href="/c/news/moderation"`, "Moderate this community")
	wantNotContains(t, w.bobc.Get("/c/news").Body, "Moderate this community")

	r := w.miac.Post("/c/news/edit", form("title", "Good News "+xss, "description", "Only **good** news.",
		"icon", "https://img.example/icon.png", "banner", "https://img.example/banner.png", "restricted", "on"))
	wantRedirect(t, r, "/c/news")
	wantLogged(t, w.s, modEntry{Action: "update_community", Moderator: "mia"})
	page := w.s.NewClient().Get("/c/news").Body
	wantContains(t, page, "<h1>Good News "+xssEscaped, "Only <strong>good</strong> news.",
		`src="https://img.example/icon.png"`, `src="https://img.example/banner.png"`, "Only moderators may post here.")
	wantSafe(t, page)
	wantError(t, w.bobc.Post("/create_post", form("community", id(w.comm.ID), "title", "Mine")), http.StatusForbidden,
		"Only moderators may post in Good News "+xss)

	n := logSize(t, w.s)
	for _, tc := range []struct {
		form      []string
		msg, kept string
	}{
		{[]string{"title", "  ", "description", "kept sidebar"}, "The community needs a title", "kept sidebar"},
		{[]string{"title", repeat("t", 101)}, "The title is too long: 101 characters, at most 100", ""},
		{[]string{"title", "T", "description", repeat("d", 10001)}, "The sidebar is too long", ""},
		{[]string{"title", "T", "icon", "javascript:alert(1)"}, "The icon must be a full web address", ""},
		{[]string{"title", "T", "banner", "ftp://x.example/b.png"}, "The banner must be a full web address", ""},
	} {
		r := w.miac.Post("/c/news/edit", form(tc.form...))
		wantError(t, r, http.StatusUnprocessableEntity, tc.msg)
		wantContains(t, r.Body, tc.kept, `action="/c/news/edit"`)
	}
	if logSize(t, w.s) != n || !strings.Contains(w.s.NewClient().Get("/c/news").Body, "Only <strong>good</strong> news.") {
		t.Error("a refused edit changed the community")
	}
}

// The first moderator appoints and removes moderators; a newer moderator
// may not remove an older one; the first hands the community over, and is
// then no longer the one who may.
func TestModeratorsAppointAndHandOver(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	wantRedirect(t, w.miac.Post("/c/news/moderators", form("person", "carl")), "/c/news/moderation")
	wantLogged(t, w.s, modEntry{Action: "add_moderator", Moderator: "mia", Person: "carl"})
	sidebar := w.s.NewClient().Get("/c/news").Body
	wantContains(t, sidebar, `<li><a href="/u/carl">carl</a></li>`)
	wantError(t, w.miac.Post("/c/news/moderators", form("person", "carl")), http.StatusUnprocessableEntity,
		"Carl already moderates World News")

	n := logSize(t, w.s)
	wantError(t, w.carlc.Post("/c/news/moderators", form("person", "mia", "undo", "1")), http.StatusForbidden,
		"Mia has moderated World News longer than you")
	wantError(t, w.carlc.Post("/c/news/transfer", form("person", "carl")), http.StatusForbidden,
		"Only the first moderator of World News, or an admin, may hand it over")
	wantNotContains(t, w.carlc.Get("/c/news/moderation").Body, `action="/c/news/transfer"`)
	if logSize(t, w.s) != n {
		t.Error("a refused change of moderators was logged")
	}

	wantError(t, w.miac.Post("/c/news/transfer", form("person", "bob")), http.StatusUnprocessableEntity,
		"Bob does not moderate World News; add them as a moderator first")
	page := w.miac.Get("/c/news/moderation").Body
	wantContains(t, page, `action="/c/news/transfer"`, `<option value="carl">carl</option>`)
	wantRedirect(t, w.miac.Post("/c/news/transfer", form("person", "carl")), "/c/news/moderation")
	wantLogged(t, w.s, modEntry{Action: "transfer_community", Moderator: "mia", Person: "carl"})
	page = w.carlc.Get("/c/news/moderation").Body
	first := strings.Index(page, `<span class="tag">first moderator</span>`)
	if first < 0 || strings.LastIndex(page[:first], `<a href="/u/`) != strings.LastIndex(page[:first], `<a href="/u/carl">`) {
		t.Errorf("carl is not listed first after the hand-over\n%s", excerpt(page))
	}
	wantError(t, w.miac.Post("/c/news/transfer", form("person", "mia")), http.StatusForbidden,
		"Only the first moderator of World News, or an admin, may hand it over")

	// Now first, carl removes mia.
	wantRedirect(t, w.carlc.Post("/c/news/moderators", form("person", "mia", "undo", "1")), "/c/news/moderation")
	wantLogged(t, w.s, modEntry{Action: "remove_moderator", Moderator: "carl", Person: "mia"})
	wantNotContains(t, w.s.NewClient().Get("/c/news").Body, `<a href="/u/mia">`)
	wantStatus(t, w.miac.Get("/c/news/moderation"), http.StatusForbidden)
}

// A moderator may not act against an admin, nor an earlier moderator's
// content; an admin may act in any community.
func TestModeratorsRank(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	root, rootc := w.admin(t, "root")
	rootPost := w.post(t, root, "The admin's post", "")
	n := logSize(t, w.s)
	wantError(t, w.miac.Post("/post/"+id(rootPost.ID)+"/remove", nil), http.StatusForbidden,
		"Root is an admin of this site; a moderator may not act against them")
	wantError(t, w.miac.Post("/c/news/ban", form("person", "root")), http.StatusForbidden,
		"Root is an admin of this site")
	if logSize(t, w.s) != n {
		t.Error("a refused action against an admin was logged")
	}
	wantContains(t, rootc.Get("/c/news").Body, "Moderate this community")
	wantRedirect(t, rootc.Post(w.postPath()+"/remove", form("reason", "by the admin")), w.postPath())
	wantLogged(t, w.s, modEntry{Action: "remove_post", Moderator: "root", Post: w.bobPost.ID, Reason: "by the admin"})
}
