package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

// section is the part of a page under the heading with id.
func section(t *testing.T, body, id string) string {
	t.Helper()
	start := `<section aria-labelledby="` + id + `">`
	i := strings.Index(body, start)
	if i < 0 {
		t.Fatalf("no section %s\n%s", id, excerpt(body))
	}
	body = body[i:]
	return body[:strings.Index(body, "</section>")]
}

func TestInstancesAdmin(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	// An instance we federate with: heard from, running Lemmy.
	seen, err := w.s.Store.UpsertInstance(t.Context(), "lemmy.example")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.Store.SetInstanceSoftware(t.Context(), seen.ID, "lemmy", "0.19.5"); err != nil {
		t.Fatal(err)
	}

	r := w.ac.Get("/admin/instances")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, `action="/admin/instances/block"`, `action="/admin/instances/allow"`,
		"with every instance but the blocked ones")

	// Any spelling of a host is the instance's one canonical form.
	r = w.ac.Post("/admin/instances/block", form("host", " Spam.Example. "))
	wantRedirect(t, r, "/admin/instances?done=block&host=spam.example")
	r = w.ac.Get(r.Location)
	wantContains(t, r.Body, "spam.example is blocked: nothing is sent to it, and nothing it sends is taken.",
		`<button type="submit">Unblock spam.example</button>`)
	wantRedirect(t, w.ac.Post("/admin/instances/allow", form("host", "friends.example")), "/admin/instances?done=allow&host=friends.example")
	wantContains(t, w.ac.Get("/admin/instances").Body, `<button type="submit">Disallow friends.example</button>`)
	if in, err := w.s.Store.InstanceByDomain(t.Context(), "spam.example"); err != nil || !in.Blocked || !in.Refused {
		t.Errorf("spam.example after the block: %+v, %v", in, err)
	}

	// The public list, for everyone: linked, blocked, allowed.
	pub := w.anon.Get("/instances")
	wantStatus(t, pub, http.StatusOK)
	wantSafe(t, pub.Body)
	linked := section(t, pub.Body, "linked")
	wantContains(t, linked, `<a href="https://lemmy.example/" rel="nofollow noopener">lemmy.example</a></td><td>lemmy</td><td>0.19.5</td>`,
		"friends.example")
	wantNotContains(t, linked, "spam.example", w.s.Host)
	wantContains(t, section(t, pub.Body, "blocked"), "<li>spam.example</li>")
	wantContains(t, section(t, pub.Body, "allowed"), "<li>friends.example</li>")
	wantNotContains(t, pub.Body, "Unblock", `action="/admin`)

	// In allow-list mode only the allowed are linked.
	mode := store.FederationAllowList
	if err := w.s.Store.UpdateSite(t.Context(), store.SiteSettings{FederationMode: &mode}); err != nil {
		t.Fatal(err)
	}
	linked = section(t, w.anon.Get("/instances").Body, "linked")
	wantContains(t, linked, "friends.example")
	wantNotContains(t, linked, "lemmy.example")

	wantRedirect(t, w.ac.Post("/admin/instances/unblock", form("host", "spam.example")), "/admin/instances?done=unblock&host=spam.example")
	wantRedirect(t, w.ac.Post("/admin/instances/disallow", form("host", "friends.example")), "/admin/instances?done=disallow&host=friends.example")
	r = w.anon.Get("/instances")
	wantContains(t, section(t, r.Body, "blocked"), "None.")
	wantContains(t, section(t, r.Body, "allowed"), "None.")
}

// Each refused change says why, and changes nothing.
func TestInstancesAdminRefused(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	if _, err := w.s.Store.AddInstance(t.Context(), "spam.example"); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Store.SetInstanceBlocked(t.Context(), "spam.example", true); err != nil {
		t.Fatal(err)
	}
	list := func() string { return mainOf(w.anon.Get("/instances").Body) }
	before := list()
	for _, tc := range []struct {
		action, host string
		status       int
		msg          string
	}{
		{"block", "https://lemmy.example/c/x", 422, "give only the host, without scheme, path or user"},
		{"block", "", 422, "is not an instance's host[:port]"},
		{"block", w.s.Host, 422, w.s.Host + " is this instance"},
		{"block", "spam.example", 422, "Spam.example is already blocked"},
		{"unblock", "nobody.example", 404, "No instance nobody.example is known here"},
		{"disallow", "spam.example", 422, "Spam.example is not allowed"},
	} {
		r := w.ac.Post("/admin/instances/"+tc.action, form("host", tc.host))
		wantError(t, r, tc.status, tc.msg)
		wantContains(t, r.Body, "<h1>Instances</h1>")
	}
	wantStatus(t, w.ac.Post("/admin/instances/explode", form("host", "spam.example")), http.StatusNotFound)
	wantError(t, w.bc.Post("/admin/instances/unblock", form("host", "spam.example")), http.StatusForbidden, "bob is not one of them")
	wantError(t, w.bc.Get("/admin/instances"), http.StatusForbidden, "bob is not one of them")
	wantLoginRedirect(t, w.anon.Post("/admin/instances/unblock", form("host", "spam.example")), "/")
	wantError(t, w.ac.PostWithHeaders("/admin/instances/unblock", form("host", "spam.example"), crossSite()),
		http.StatusForbidden, "This form was sent from another site")
	if after := list(); after != before {
		t.Errorf("refusals changed the instances:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
