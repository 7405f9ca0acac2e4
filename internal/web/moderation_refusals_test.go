package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Every moderator's form, sent by someone who does not moderate the
// community, is a 403 page that says why, and changes nothing; sent from
// another site, or without a session, or about nothing, it is refused too.
func TestModerationRefusals(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	post, comment := w.postPath(), "/comment/"+id(w.carlComment.ID)
	notMod := "Only the moderators of World News and the site&#39;s admins may do this"
	forms := []struct {
		path string
		form url.Values
		says string
	}{
		{post + "/remove", form("reason", "mine now"), notMod},
		{post + "/remove", form("undo", "1"), notMod},
		{post + "/lock", nil, notMod},
		{post + "/feature", nil, notMod},
		{post + "/feature", form("where", "local"), notMod},
		{post + "/nsfw", nil, notMod},
		{comment + "/remove", form("reason", "x"), notMod},
		{"/c/news/edit", form("title", "Taken over"), notMod},
		{"/c/news/ban", form("person", "carl"), notMod},
		{"/c/news/unban", form("person", "carl"), notMod},
		{"/c/news/moderators", form("person", "bob"), notMod},
		{"/c/news/moderators", form("person", "mia", "undo", "1"), notMod},
		{"/c/news/transfer", form("person", "mia"), notMod},
	}
	before, n := snap(t, w.s), logSize(t, w.s)
	wantStatus(t, w.bobc.Get("/c/news/moderation"), http.StatusForbidden)
	for _, f := range forms {
		// The post's own author has no say as a moderator either.
		r := w.bobc.Post(f.path, f.form)
		wantStatus(t, r, http.StatusForbidden)
		if !strings.Contains(r.Body, strings.ReplaceAll(f.says, "'", "&#39;")) {
			t.Errorf("%s by a non-moderator: the page does not say %q\n%s", f.path, f.says, excerpt(r.Body))
		}
		wantSafe(t, r.Body)
		if r := w.miac.PostWithHeaders(f.path, f.form, crossSite()); r.Status != http.StatusForbidden ||
			!strings.Contains(r.Body, "sent from another site") {
			t.Errorf("%s from another site: %d\n%s", f.path, r.Status, excerpt(r.Body))
		}
		if r := w.s.NewClient().Post(f.path, f.form); r.Status != http.StatusSeeOther ||
			!strings.HasPrefix(r.Location, "/login") {
			t.Errorf("%s without a session: %d to %q", f.path, r.Status, r.Location)
		}
	}
	before.unchanged(t, w.s)
	if logSize(t, w.s) != n {
		t.Errorf("refused forms wrote %d entries to the moderation log", logSize(t, w.s)-n)
	}
	p := getPost(t, w.s, w.bobPost.ID)
	if p.Removed || p.Locked || p.FeaturedCommunity || p.FeaturedLocal || p.NSFW || getComment(t, w.s, w.carlComment.ID).Removed {
		t.Errorf("a refused form changed the post or comment: %+v", p)
	}

	for _, path := range []string{"/post/0/remove", "/post/x/lock", "/post/999999/feature", "/comment/999999/remove",
		"/comment/-1/remove"} {
		if r := w.miac.Post(path, nil); r.Status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, r.Status)
		}
	}
	for _, path := range []string{"/c/nowhere/moderation", "/c/nowhere@else.example/moderation"} {
		wantStatus(t, w.miac.Get(path), http.StatusNotFound)
	}
	wantStatus(t, w.miac.Post("/c/nowhere/ban", form("person", "carl")), http.StatusNotFound)
	wantStatus(t, w.miac.Get(post+"/remove"), http.StatusMethodNotAllowed)
	r := w.miac.Post(post+"/remove", form("reason", "bad \x00 byte"))
	wantError(t, r, http.StatusBadRequest, "The form contains characters that cannot be stored")
	if logSize(t, w.s) != n {
		t.Error("a refused form was logged")
	}
}
