package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

// A moderator bans a person from the community with a reason, an end and
// the removal of what they wrote there: the ban is listed, their comment is
// removed, and they are told, and refused, when they comment; unbanned,
// they comment again.
func TestModeratorBansAndUnbans(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	path := w.postPath()
	// The link beside the comment opens the ban form filled in.
	link := "/c/news/moderation?ban=carl#ban"
	wantContains(t, w.miac.Get(path).Body, `href="`+strings.ReplaceAll(link, "&", "&amp;")+`"`)
	page := w.miac.Get("/c/news/moderation?ban=carl")
	wantStatus(t, page, http.StatusOK)
	wantContains(t, page.Body, `name="person" value="carl"`, "Nobody is banned from this community.")

	until := time.Now().AddDate(0, 0, 10).UTC().Format(time.DateOnly)
	r := w.miac.Post("/c/news/ban", form("person", "carl", "reason", "Trolling", "expires", until, "remove_data", "on"))
	wantRedirect(t, r, "/c/news/moderation")
	wantLogged(t, w.s, modEntry{Action: "ban_from_community", Moderator: "mia", Person: "carl", Reason: "Trolling", Expires: true})
	page = w.miac.Get("/c/news/moderation")
	wantContains(t, page.Body, `<a href="/u/carl">carl</a>`, "<td>Trolling</td>", until[8:]) // the day of the end
	if !getComment(t, w.s, w.carlComment.ID).Removed {
		t.Error("the banned person's comment was not removed with the ban")
	}
	wantContains(t, w.s.NewClient().Get(path).Body, "removed by a moderator")
	wantContains(t, w.carlc.Get("/c/news").Body, "You are banned from this community")

	before := snap(t, w.s)
	wantError(t, w.carlc.Post(path+"/comment", form("body", "Let me in")), http.StatusForbidden, "You are banned from World News.")
	wantError(t, w.carlc.Post("/create_post", form("community", id(w.comm.ID), "title", "Still here")), http.StatusForbidden,
		"You are banned from World News")
	before.unchanged(t, w.s)
	n := logSize(t, w.s)
	wantError(t, w.miac.Post("/c/news/ban", form("person", "carl")), http.StatusUnprocessableEntity,
		"Carl is already banned from World News")
	if logSize(t, w.s) != n {
		t.Error("a refused ban was logged")
	}

	wantRedirect(t, w.miac.Post("/c/news/unban", form("person", "carl")), "/c/news/moderation")
	wantLogged(t, w.s, modEntry{Action: "unban_from_community", Moderator: "mia", Person: "carl"})
	wantContains(t, w.miac.Get("/c/news/moderation").Body, "Nobody is banned from this community.")
	wantStatus(t, w.carlc.Post(path+"/comment", form("body", "Back, and polite")), http.StatusSeeOther)
	wantError(t, w.miac.Post("/c/news/unban", form("person", "carl")), http.StatusUnprocessableEntity,
		"Carl is not banned from World News")
}

// A ban that has ended is no ban: the person comments again, and there is
// nothing to lift; a ban may not end in the past, nor at a time that is
// none.
func TestBansThatEnd(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	path := w.postPath()
	wantRedirect(t, w.miac.Post("/c/news/ban", form("person", "carl", "expires", "72h")), "/c/news/moderation")
	wantStatus(t, w.carlc.Post(path+"/comment", form("body", "refused")), http.StatusForbidden)
	expireBan(t, w.s, w.comm.ID, w.carl.ID)
	wantStatus(t, w.carlc.Post(path+"/comment", form("body", "The ban is over")), http.StatusSeeOther)
	wantNotContains(t, w.carlc.Get("/c/news").Body, "You are banned")
	wantContains(t, w.miac.Get("/c/news/moderation").Body, "Nobody is banned from this community.")
	wantError(t, w.miac.Post("/c/news/unban", form("person", "carl")), http.StatusUnprocessableEntity,
		"Carl is not banned from World News")

	n := logSize(t, w.s)
	yesterday := time.Now().AddDate(0, 0, -1).UTC().Format(time.DateOnly)
	for _, tc := range []struct{ expires, msg string }{
		{yesterday, "The ban would end in the past"},
		{"soon", `&#34;soon&#34; is not a time`},
		{"2030-02-30", `is not a time`},
	} {
		r := w.miac.Post("/c/news/ban", form("person", "bob", "expires", tc.expires))
		wantStatus(t, r, http.StatusUnprocessableEntity)
		wantContains(t, r.Body, tc.msg)
		wantContains(t, r.Body, `name="person" value="bob"`) // the form keeps who it was about
	}
	if logSize(t, w.s) != n || count(t, w.s, `SELECT count(*) FROM community_bans WHERE person_id = $1`, w.bob.ID) != 0 {
		t.Error("a refused ban changed something")
	}
	wantError(t, w.miac.Post("/c/news/ban", form("person", "nobody")), http.StatusNotFound, `Nobody here is called "nobody"`)
	wantError(t, w.miac.Post("/c/news/ban", form("person", "ghost@elsewhere.example")), http.StatusNotFound,
		`look them up by searching for @ghost@elsewhere.example first`)
	wantError(t, w.miac.Post("/c/news/ban", form("person", "mia")), http.StatusUnprocessableEntity, "You cannot ban yourself")
	wantError(t, w.miac.Post("/c/news/ban", form("person", "")), http.StatusUnprocessableEntity, "Name the person")
	wantError(t, w.miac.Post("/c/news/ban", form("person", "bob", "reason", repeat("r", 10001))),
		http.StatusUnprocessableEntity, "The reason is too long: 10001 characters, at most 10000")
}

// A banned moderator moderates nothing: banned from the site or from the
// community, each action is a 403 that says why.
func TestBannedModeratorsMayNotModerate(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	path := w.postPath()
	_, rootc := w.admin(t, "root")
	wantRedirect(t, rootc.Post("/c/news/ban", form("person", "mia", "reason", "rogue moderator")), "/c/news/moderation")
	n := logSize(t, w.s)
	wantError(t, w.miac.Post(path+"/remove", form("reason", "x")), http.StatusForbidden,
		"You are banned from World News, so you may not moderate it")
	wantError(t, w.miac.Post("/c/news/ban", form("person", "bob")), http.StatusForbidden,
		"You are banned from World News, so you may not moderate it")
	if logSize(t, w.s) != n || getPost(t, w.s, w.bobPost.ID).Removed {
		t.Error("a banned moderator changed something")
	}
	wantNotContains(t, w.miac.Get(path).Body, "Remove post")

	wantRedirect(t, rootc.Post("/c/news/unban", form("person", "mia")), "/c/news/moderation")
	if _, err := w.s.Forum.BanUser(t.Context(), "mia", "spam"); err != nil {
		t.Fatal(err)
	}
	// A site ban ends the session; the check is in forum, so the action
	// is refused however it arrives.
	if r := w.miac.Post(path+"/remove", form("reason", "x")); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Errorf("a moderator banned from the site: %d to %q, want sent to log in", r.Status, r.Location)
	}
	mia, err := w.s.Store.LocalUserByName(t.Context(), "mia")
	if err != nil {
		t.Fatal(err)
	}
	err = w.s.Forum.RemoveContent(t.Context(), mia, forum.Target{PostID: w.bobPost.ID}, true, "")
	if err == nil || !strings.Contains(err.Error(), "you are banned from this site") {
		t.Errorf("a moderator banned from the site: %v", err)
	}
	if logSize(t, w.s) != n+2 { // the unban and the site ban
		t.Errorf("%d entries logged, want only the unban and the site ban", logSize(t, w.s)-n)
	}
}
