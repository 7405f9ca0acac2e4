package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// An admin bans a person from the site with a reason, an end and the
// removal of their content: they are logged out, told why and until when
// when they try to log in, their posts show as removed, the ban is listed
// and in the mod log; lifting it lets them back.
func TestAdminBansAndLiftsASiteBan(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, root := w.admin(t, "root")
	bob, bobc := w.user(t, "bob")
	p := w.post(t, bob, "Buy cheap watches", "")
	c := w.comment(t, bob, p.ID, 0, "really cheap")

	r := root.Get("/admin/bans?person=bob")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, `value="bob"`, "Nobody is banned from the site.")
	r = root.Post("/admin/bans", form("person", "bob", "reason", "spam links", "expires", "7d", "remove_content", "on"))
	wantRedirect(t, r, "/admin/bans")
	ends := getPerson(t, w, bob.ID).BanExpiresAt
	if ends == nil || ends.Before(time.Now().Add(7*24*time.Hour-time.Minute)) {
		t.Fatalf("the ban ends %v, want in 7 days", ends)
	}
	until := "until " + ends.UTC().Format("2 Jan 2006 15:04 UTC")

	r = root.Get("/admin/bans")
	wantContains(t, r.Body, `<a href="/u/bob">bob</a>`, "spam links", until)

	// bob was logged out; trying to post sends him to log in, which says why.
	wantLoginRedirect(t, bobc.Get("/create_post"), "/create_post")
	wantLoginRedirect(t, bobc.Post("/create_post", form("community", id(w.comm.ID), "title", "More spam")), "/")
	r = w.s.NewClient().Post("/login", form("name", "bob", "password", password))
	wantError(t, r, http.StatusUnauthorized, "This account is banned: spam links ("+until+")")
	if n := count(t, w.s, `SELECT count(*) FROM posts WHERE creator_id = $1`, bob.ID); n != 1 {
		t.Errorf("bob has %d posts, want the one from before", n)
	}

	// What he wrote is removed, as asked.
	wantContains(t, w.c.Get("/post/"+id(p.ID)).Body, "This post was removed by a moderator.")
	if !getComment(t, w.s, c.ID).Removed {
		t.Error("bob's comment was not removed")
	}
	e := modlogEntries(t, w.s.NewClient().Get("/modlog?type=ban_from_site").Body)
	if len(e) != 1 || !strings.Contains(firstEntry(e).Text, "root banned bob from the site ("+until+")") ||
		!strings.Contains(firstEntry(e).Text, "Reason: spam links") {
		t.Errorf("the mod log's site bans: %+v", e)
	}

	r = root.Post("/admin/bans/lift", form("person_id", id(bob.ID)))
	wantRedirect(t, r, "/admin/bans")
	wantContains(t, root.Get("/admin/bans").Body, "Nobody is banned from the site.")
	w.s.Login("bob", password)
	r = w.s.NewClient().Get("/modlog?person=bob&type=ban_from_site")
	if got := modlogIDs(r.Body); len(got) != 2 || !strings.HasPrefix(modlogEntries(t, r.Body)[got[0]].Text, "root lifted the site ban of bob") {
		t.Errorf("bob's log of site bans: %+v, want the ban's end and the ban", modlogEntries(t, r.Body))
	}
}

// A ban whose end has come is over: the person logs in and posts again,
// and is no longer listed.
func TestExpiredSiteBanLetsThemBack(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, root := w.admin(t, "root")
	bob, _ := w.user(t, "bob")
	wantRedirect(t, root.Post("/admin/bans", form("person", "bob", "reason", "cool off", "expires", "1h")), "/admin/bans")
	wantError(t, w.s.NewClient().Post("/login", form("name", "bob", "password", password)),
		http.StatusUnauthorized, "This account is banned: cool off")

	// As the hour passes.
	if _, err := w.s.Pool.Exec(context.Background(),
		`UPDATE people SET ban_expires_at = now() - interval '1 second' WHERE id = $1`, bob.ID); err != nil {
		t.Fatal(err)
	}
	bobc := w.s.Login("bob", password)
	r := bobc.Post("/create_post", form("community", id(w.comm.ID), "title", "Back again"))
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/post/") {
		t.Fatalf("bob's post after his ban ran out: %d %s\n%s", r.Status, r.Location, excerpt(r.Body))
	}
	wantContains(t, root.Get("/admin/bans").Body, "Nobody is banned from the site.")
	wantNotContains(t, w.s.NewClient().Get("/u/bob").Body, `<span class="tag">Banned</span>`)
}

// Bans refused: by someone who is not an admin (403, saying so), with an
// end in the past, a time that is none, a reason too long, a person who is
// not here, an admin or oneself, twice; nothing changes.
func TestSiteBanRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	root, rootc := w.admin(t, "root")
	w.admin(t, "other_admin")
	bob, _ := w.user(t, "bob")
	before := snap(t, w.s)
	logged := count(t, w.s, `SELECT count(*) FROM mod_actions`)

	for _, r := range []struct {
		name string
		resp func() (int, string)
	}{
		{"alice's visit", func() (int, string) { r := w.c.Get("/admin/bans"); return r.Status, r.Body }},
		{"alice's ban", func() (int, string) { r := w.c.Post("/admin/bans", form("person", "bob")); return r.Status, r.Body }},
		{"alice's lift", func() (int, string) {
			r := w.c.Post("/admin/bans/lift", form("person_id", id(bob.ID)))
			return r.Status, r.Body
		}},
	} {
		status, body := r.resp()
		if status != http.StatusForbidden || !strings.Contains(body, "These pages are for the site&#39;s admins") {
			t.Errorf("%s: %d\n%s", r.name, status, excerpt(body))
		}
	}
	wantLoginRedirect(t, w.s.NewClient().Get("/admin/bans"), "/admin/bans")
	wantStatus(t, rootc.PostWithHeaders("/admin/bans", form("person", "bob"), crossSite()), http.StatusForbidden)

	for _, c := range []struct {
		form   []string
		status int
		msg    string
	}{
		{[]string{"person", "bob", "expires", "2020-01-01"}, http.StatusUnprocessableEntity, "The ban would end in the past"},
		{[]string{"person", "bob", "expires", "2020-01-01T10:00"}, http.StatusUnprocessableEntity, "The ban would end in the past"},
		{[]string{"person", "bob", "expires", "whenever"}, http.StatusUnprocessableEntity, `"whenever" is not a time`},
		{[]string{"person", "bob", "reason", repeat("r", forum.MaxReasonLen+1)}, http.StatusUnprocessableEntity, "The reason is too long"},
		{[]string{"person", ""}, http.StatusUnprocessableEntity, "Say whom to ban"},
		{[]string{"person", "ghost"}, http.StatusNotFound, `Nobody here is called "ghost"`},
		{[]string{"person", "ghost@far.example"}, http.StatusNotFound, `Nobody called "ghost@far.example" is known here`},
		{[]string{"person", "other_admin"}, http.StatusForbidden, "Other_admin is an admin"},
		{[]string{"person", "root"}, http.StatusForbidden, "You cannot ban yourself"},
		{[]string{"person", xss}, http.StatusNotFound, "Nobody here is called"},
	} {
		r := rootc.Post("/admin/bans", form(c.form...))
		wantError(t, r, c.status, c.msg)
	}
	wantError(t, rootc.Post("/admin/bans/lift", form("person_id", id(bob.ID))), http.StatusUnprocessableEntity, `"bob" is not banned`)
	wantError(t, rootc.Post("/admin/bans/lift", form("person_id", "999999")), http.StatusNotFound, "That person does not exist here")
	before.unchanged(t, w.s)
	if n := count(t, w.s, `SELECT count(*) FROM mod_actions`); n != logged {
		t.Errorf("refusals wrote %d mod log entries", n-logged)
	}
	if getPerson(t, w, bob.ID).Banned {
		t.Fatal("a refused ban banned bob")
	}

	wantRedirect(t, rootc.Post("/admin/bans", form("person", "bob")), "/admin/bans")
	wantError(t, rootc.Post("/admin/bans", form("person", "bob")), http.StatusUnprocessableEntity, `"bob" is already banned`)
	// The admin's right is checked when the ban is made, not when the page loaded.
	if err := w.s.Store.SetAdmin(context.Background(), root.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Forum.UnbanFromSite(context.Background(), forum.AsUser(root), bob.ID, ""); !strings.Contains(errString(err), "only the site's admins may do this") {
		t.Errorf("a former admin's unban: %v", err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func getPerson(t *testing.T, w *world, personID int64) store.Person {
	t.Helper()
	p, err := w.s.Store.PersonByID(context.Background(), personID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func firstEntry(m map[int64]logEntry) logEntry {
	for _, e := range m {
		return e
	}
	return logEntry{}
}
