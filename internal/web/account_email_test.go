package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/web/webtest"
)

// Without an SMTP server the mail features are off, every page that
// offers one says so, and nothing fails or is queued.
func TestMailFeaturesSayWhenMailIsOff(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	const off = "Email is not set up on this site"

	r := w.anon.Get("/password_reset")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, off)
	wantNotContains(t, r.Body, `action="/password_reset"`)
	wantError(t, w.anon.Post("/password_reset", form("email", "ann@example.org")), http.StatusUnprocessableEntity,
		"Email is not set up on this site, so this cannot be done by mail")

	r = w.ac.Get("/settings")
	wantContains(t, r.Body, off, `action="/settings/password"`, `href="/settings/export"`, `href="/settings/delete"`)
	wantNotContains(t, r.Body, `action="/settings/email"`)
	wantError(t, w.ac.Post("/settings/email_notifications", form("email_notifications", "on")),
		http.StatusUnprocessableEntity, "Email is not set up on this site")

	r = w.ac.Get("/admin/site")
	wantContains(t, r.Body, off)
	wantNotContains(t, r.Body, `name="email_verification"`)
	wantError(t, w.ac.Post("/admin/site", siteForm("email_verification", "required")), http.StatusUnprocessableEntity,
		"Email is not set up on this site, so sign-ups cannot be asked to verify an address")
	wantError(t, w.ac.Post("/admin/site", siteForm("email_verification", "sometimes")), http.StatusUnprocessableEntity,
		"Say whether sign-ups must verify an email address")

	// The sign-up form asks for no address, and a mailed link is refused
	// as any unknown one is.
	wantNotContains(t, w.anon.Get("/signup").Body, `name="email"`)
	wantError(t, w.anon.Get("/password_reset/"+strings.Repeat("x", 43)), http.StatusNotFound, "this link is not valid")
	wantError(t, w.anon.Get("/verify_email/"+strings.Repeat("x", 43)), http.StatusNotFound, "this link is not valid")
	wantError(t, w.anon.Post("/verify_email/"+strings.Repeat("x", 43), nil), http.StatusNotFound, "this link is not valid")
	if n := count(t, w.s, `SELECT count(*) FROM email_tokens`); n != 0 {
		t.Errorf("%d mailed links made", n)
	}
}

// Without mail an address is saved as typed, unverified; a bad one, or
// one another account has, is refused and nothing changes.
func TestEmailChangeWithoutMail(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	wantRedirect(t, w.c.Post("/settings/email", form("email", "alice@example.org")), "/settings?done=email#account")
	_, bob := w.user(t, "bob")
	for _, c := range []struct{ email, msg string }{
		{"ALICE@example.org", "Another account uses this email address"},
		{"not an address", `"not an address" is not an email address such as name@example.org`},
		{"Bob <bob@example.org>", "is not an email address"},
		{"bob@localhost", "is not an email address"},
		{strings.Repeat("b", 250) + "@x.org", "The email address is too long"},
	} {
		wantError(t, bob.Post("/settings/email", form("email", c.email)), http.StatusUnprocessableEntity, c.msg)
	}
	if n := count(t, w.s, `SELECT count(*) FROM local_users WHERE email IS NOT NULL`); n != 1 {
		t.Errorf("%d accounts have an address, want alice's alone", n)
	}
	// Removing it is allowed too.
	wantRedirect(t, w.c.Post("/settings/email", form("email", "")), "/settings?done=email#account")
	if n := count(t, w.s, `SELECT count(*) FROM local_users WHERE email IS NOT NULL`); n != 0 {
		t.Errorf("%d accounts have an address after alice removed hers", n)
	}
}

// Reset requests are limited per client, so the form cannot be used to
// flood a mailbox; the limit says to wait.
func TestPasswordResetRequestsAreLimited(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	c := s.NewClient()
	for i := range 5 {
		r := c.Post("/password_reset", form("email", fmt.Sprintf("p%d@example.org", i)))
		wantStatus(t, r, http.StatusUnprocessableEntity) // mail is off here, but the request counts
	}
	wantError(t, c.Post("/password_reset", form("email", "p9@example.org")), http.StatusTooManyRequests,
		"Too many requests. Wait a few minutes and try again.")
}
