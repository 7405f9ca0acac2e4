package web_test

import (
	"net/http"
	"testing"
)

// Changing the password keeps this browser logged in, logs every other
// session out, and from then on only the new password logs in.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	phone := w.s.Login("alice", password)
	const next = "a much longer passphrase"

	r := w.c.Post("/settings/password", form("current_password", password,
		"new_password", next, "new_password_again", next))
	wantRedirect(t, r, "/settings?done=password#account")
	r = w.c.Get("/settings?done=password")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "Your password is changed. You were logged out everywhere else.")

	wantLoginRedirect(t, phone.Get("/settings"), "/settings")
	r = w.s.NewClient().Post("/login", form("name", "alice", "password", password))
	wantError(t, r, http.StatusUnauthorized, "Wrong name or password")
	w.s.Login("alice", next)
}

// A password change that is wrong in any way says why and changes
// nothing: the old password still logs in and no session ends.
func TestPasswordChangeRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	phone := w.s.Login("alice", password)
	cases := []struct {
		name, current, next, again, msg string
	}{
		{"wrong current password", "not my password", "a much longer passphrase", "a much longer passphrase",
			"The current password is wrong; nothing was changed"},
		{"no current password", "", "a much longer passphrase", "a much longer passphrase",
			"Type your current password"},
		{"the two differ", password, "a much longer passphrase", "a much longer passphrasf",
			"The two new passwords differ: type the same new password twice"},
		{"too short", password, "short", "short", "The password is too short: use at least 10 characters"},
		{"too long", password, repeat("x", 61), repeat("x", 61), "The password is too long: use at most 60 characters"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := w.c.Post("/settings/password", form("current_password", c.current,
				"new_password", c.next, "new_password_again", c.again))
			wantError(t, r, http.StatusUnprocessableEntity, c.msg)
		})
	}
	wantStatus(t, phone.Get("/settings"), http.StatusOK)
	w.s.Login("alice", password)
	// Logged out, the form sends one to log in and changes nothing.
	r := w.s.NewClient().Post("/settings/password", form("current_password", password,
		"new_password", "a much longer passphrase", "new_password_again", "a much longer passphrase"))
	if r.Status != http.StatusSeeOther {
		t.Fatalf("logged out: %d, want a redirect to log in", r.Status)
	}
	w.s.Login("alice", password)
}
