package web_test

import (
	"net/http"
	"testing"
)

// TestLoginPageWhenLoggedIn: someone already logged in who opens the
// log-in page is told so, by name, with a way on and a way out.
func TestLoginPageWhenLoggedIn(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.c.Get("/login?return=/c/news")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, mainOf(r.Body),
		`You are already logged in as <a href="/u/alice">alice</a>.`,
		`<a href="/c/news">Go on to where you were</a>`,
		`<form method="post" action="/logout" class="inline"><button type="submit">Log out</button></form>`)
	wantSafe(t, r.Body)

	r = w.s.NewClient().Get("/login")
	wantStatus(t, r, http.StatusOK)
	wantNotContains(t, r.Body, "already logged in")
}
