package web_test

import (
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/web/webtest"
)

// adminWorld is a server with an admin, logged in, and a member who is not one.
type adminWorld struct {
	s          *webtest.Server
	admin, bob store.LocalUser
	ac, bc     *webtest.Client // their browsers
	anon       *webtest.Client
}

func newAdminWorld(t *testing.T) *adminWorld {
	t.Helper()
	s := webtest.Start(t)
	admin, err := s.Forum.CreateUser(t.Context(), forum.NewUser{Name: "root", Password: password, Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	bob := s.User("bob", password)
	return &adminWorld{s: s, admin: admin, bob: bob, ac: s.Login("root", password), bc: s.Login("bob", password),
		anon: s.NewClient()}
}

func TestAdminIndex(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	r := w.ac.Get("/admin")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, `<h1>Admin</h1>`, `href="/admin/site"`, `href="/admin/applications"`, `href="/admin/instances"`)
	wantSafe(t, r.Body)
	// Every page's header leads an admin here, and nobody else.
	wantContains(t, w.ac.Get("/").Body, `<a href="/admin">Admin</a>`)
	wantNotContains(t, w.bc.Get("/").Body, `href="/admin"`)

	wantError(t, w.bc.Get("/admin"), http.StatusForbidden, "These pages are for the site's admins, and bob is not one of them.")
	wantLoginRedirect(t, w.anon.Get("/admin"), "/admin")
}
