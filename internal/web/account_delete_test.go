package web_test

import (
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// Deleting one's account keeps the posts and comments when asked: the
// account is logged out everywhere, cannot log in, its profile says it is
// deleted, and its name stays taken.
func TestAccountDeletionKeepingContent(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	post := w.post(t, w.alice, "My first post", "Hello there.")
	w.comment(t, w.alice, post.ID, 0, "And my first comment.")
	phone := w.s.Login("alice", password)

	r := w.c.Get("/settings/delete")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, `action="/settings/delete"`, `name="content" value="keep"`, `name="content" value="remove"`)
	r = w.c.Post("/settings/delete", form("content", "keep", "password", password))
	wantRedirect(t, r, "/login?done=deleted")
	wantContains(t, w.c.Get("/login?done=deleted").Body, "Your account is deleted.")

	wantLoginRedirect(t, phone.Get("/settings"), "/settings")
	wantError(t, w.s.NewClient().Post("/login", form("name", "alice", "password", password)),
		http.StatusUnauthorized, "Wrong name or password")
	wantError(t, w.s.NewClient().Get("/u/alice"), http.StatusGone, "alice deleted their account.")
	r = w.s.NewClient().Get("/post/" + id(post.ID))
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "Hello there.", "And my first comment.")
	r = w.s.NewClient().Post("/signup", form("name", "alice", "password", password, "password_again", password))
	wantError(t, r, http.StatusUnprocessableEntity, `A user named "alice" already exists`)
	if n := count(t, w.s, `SELECT count(*) FROM sessions`); n != 0 {
		t.Errorf("%d sessions left", n)
	}
}

// Asked to, the deletion takes the posts and comments with it.
func TestAccountDeletionRemovingContent(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	post := w.post(t, w.alice, "My first post", "Hello there.")
	w.comment(t, w.alice, post.ID, 0, "And my first comment.")
	wantRedirect(t, w.c.Post("/settings/delete", form("content", "remove", "password", password)), "/login?done=deleted")
	r := w.s.NewClient().Get("/post/" + id(post.ID))
	wantNotContains(t, r.Body, "Hello there.", "And my first comment.")
	if n := count(t, w.s, `SELECT count(*) FROM posts WHERE NOT deleted`) + count(t, w.s,
		`SELECT count(*) FROM comments WHERE NOT deleted`); n != 0 {
		t.Errorf("%d posts and comments left", n)
	}
}

// A deletion without the right password, without a choice, or of the
// site's only admin is refused, says why and changes nothing.
func TestAccountDeletionRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.post(t, w.alice, "My first post", "Hello there.")
	admin, err := w.s.Forum.CreateUser(t.Context(), forum.NewUser{Name: "root", Password: password, Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	ac := w.s.Login(admin.Name, password)
	before := snap(t, w.s)
	wantError(t, w.c.Post("/settings/delete", form("content", "keep", "password", "not my password")),
		http.StatusUnprocessableEntity, "The password is wrong; your account was not deleted")
	wantError(t, w.c.Post("/settings/delete", form("password", password)),
		http.StatusUnprocessableEntity, "Choose whether your posts and comments stay or go with the account.")
	wantError(t, w.c.Post("/settings/delete", form("content", "everything", "password", password)),
		http.StatusUnprocessableEntity, "Choose whether your posts and comments stay or go")

	wantError(t, ac.Post("/settings/delete", form("content", "keep", "password", password)),
		http.StatusUnprocessableEntity, "You are the site's only admin")
	before.unchanged(t, w.s)
	if n := count(t, w.s, `SELECT count(*) FROM people WHERE deleted`); n != 0 {
		t.Errorf("%d accounts deleted", n)
	}
	wantStatus(t, w.c.Get("/settings"), http.StatusOK)
	wantStatus(t, ac.Get("/settings"), http.StatusOK)
}
