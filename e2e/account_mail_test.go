package e2e_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidings/tidings/internal/fedtest"
	"github.com/tidings/tidings/internal/mail/mailtest"
)

// mailTimeout bounds each wait for a mail: a River job that takes
// milliseconds when the SMTP server answers.
const mailTimeout = 30 * time.Second

const pw = "correct horse battery"

// mailInstance is a real `tidings serve` that sends its mail to a real
// SMTP server started by the test, with an admin logged in who has opened
// sign-ups.
func mailInstance(t *testing.T, ip string) (*fedtest.Instance, *mailtest.Server, *fedtest.Client) {
	t.Helper()
	smtp := mailtest.Start(t, "tidings", "smtp pass word")
	in := fedtest.Start(t, fedtest.Options{IP: ip, Env: map[string]string{
		"TIDINGS_SMTP_URL": smtp.URL(), "TIDINGS_SMTP_FROM": "Tidings <noreply@tidings.example>"}})
	in.Admin(t, pw+"\n", "user", "create", "root", "--admin", "--password-file", "-")
	root := in.Login(t, "root", pw)
	if r := root.PostForm(t, "/admin/site", url.Values{"registration_mode": {"open"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("open sign-ups: %d\n%s", r.Status, r.Body)
	}
	return in, smtp, root
}

// linkIn finds the link to path in a mail.
func linkIn(t *testing.T, in *fedtest.Instance, m mailtest.Message, path string) string {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(in.URL+path) + `[A-Za-z0-9_-]+`)
	link := re.FindString(m.Text)
	if link == "" {
		t.Fatalf("no %s link in the mail %q:\n%s", path, m.Subject, m.Text)
	}
	return strings.TrimPrefix(link, in.URL)
}

func wantPage(t *testing.T, r fedtest.Response, status int, text string) {
	t.Helper()
	if r.Status != status || !strings.Contains(r.Body, html.EscapeString(text)) {
		t.Fatalf("got %d, want %d with %q\n%s", r.Status, status, text, between(r.Body, "<main", "</main>"))
	}
}

func canLogIn(t *testing.T, in *fedtest.Instance, name, password string) bool {
	t.Helper()
	r := in.NewClient().PostForm(t, "/login", url.Values{"name": {name}, "password": {password}})
	return r.Status == http.StatusSeeOther
}

// A forgotten password is reset by mail: the page does not tell whether
// an address has an account, the mailed link works once and logs the
// account out everywhere, and a reused, expired or forged link is refused
// and changes nothing.
func TestPasswordResetByMail(t *testing.T) {
	t.Parallel()
	in, smtp, _ := mailInstance(t, "127.0.0.2")
	anon := in.NewClient()
	r := anon.PostForm(t, "/signup", url.Values{"name": {"ann"}, "password": {pw}, "password_again": {pw},
		"email": {"ann@example.org"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("sign up: %d\n%s", r.Status, between(r.Body, "<main", "</main>"))
	}
	annElsewhere := in.Login(t, "ann", pw)

	const sent = "If an account has the address"
	wantPage(t, in.NewClient().PostForm(t, "/password_reset", url.Values{"email": {"nobody@example.org"}}), http.StatusOK, sent)
	wantPage(t, in.NewClient().PostForm(t, "/password_reset", url.Values{"email": {"ANN@example.org"}}), http.StatusOK, sent)
	m := smtp.Await(t, "ann@example.org", 1, mailTimeout)[0]
	if !strings.Contains(m.Subject, "Reset your password") || !strings.Contains(m.From, "noreply@tidings.example") {
		t.Errorf("the mail: %+v", m)
	}
	link := linkIn(t, in, m, "/password_reset/")
	token := strings.TrimPrefix(link, "/password_reset/")
	db := in.DB(t)
	if n := count(t, db, `SELECT count(*) FROM river_job WHERE args::text LIKE '%' || $1 || '%'`, token) +
		count(t, db, `SELECT count(*) FROM email_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`, token); n != 0 {
		t.Errorf("the link's token is stored as it is in %d rows", n)
	}

	wantPage(t, anon.Get(t, link), http.StatusOK, "Choose a new password")
	const next = "a brand new passphrase"
	r = anon.PostForm(t, link, url.Values{"password": {next}, "password_again": {"not the same one"}})
	wantPage(t, r, http.StatusUnprocessableEntity, "The two passwords differ")
	r = anon.PostForm(t, link, url.Values{"password": {next}, "password_again": {next}})
	if r.Status != http.StatusSeeOther || r.Location != "/login?done=reset" {
		t.Fatalf("set the new password: %d to %q\n%s", r.Status, r.Location, between(r.Body, "<main", "</main>"))
	}
	wantPage(t, anon.Get(t, "/login?done=reset"), http.StatusOK, "Your password is changed")
	if got := annElsewhere.Get(t, "/settings"); got.Status != http.StatusSeeOther {
		t.Errorf("ann's other session still reads her settings: %d", got.Status)
	}
	if canLogIn(t, in, "ann", pw) || !canLogIn(t, in, "ann", next) {
		t.Fatal("after the reset, the old password should fail and the new one work")
	}
	// Used once, the link is spent.
	wantPage(t, anon.Get(t, link), http.StatusGone, "this link was used already")
	wantPage(t, anon.PostForm(t, link, url.Values{"password": {"yet another passphrase"},
		"password_again": {"yet another passphrase"}}), http.StatusGone, "this link was used already")

	// An expired link.
	wantPage(t, in.NewClient().PostForm(t, "/password_reset", url.Values{"email": {"ann@example.org"}}), http.StatusOK, sent)
	expired := linkIn(t, in, smtp.Await(t, "ann@example.org", 2, mailTimeout)[1], "/password_reset/")
	if _, err := db.Exec(context.Background(), `UPDATE email_tokens SET expires_at = now() - interval '1 second'
		WHERE used_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	wantPage(t, anon.Get(t, expired), http.StatusGone, "this link has expired: links work for an hour")
	wantPage(t, anon.PostForm(t, expired, url.Values{"password": {"yet another passphrase"},
		"password_again": {"yet another passphrase"}}), http.StatusGone, "this link has expired")

	// Forged links: made up, or one character off a real one.
	last := "A"
	if strings.HasSuffix(expired, "A") {
		last = "B"
	}
	off := expired[:len(expired)-1] + last
	for _, forged := range []string{"/password_reset/" + strings.Repeat("x", 43), off, "/password_reset/short"} {
		wantPage(t, anon.Get(t, forged), http.StatusNotFound, "this link is not valid")
		wantPage(t, anon.PostForm(t, forged, url.Values{"password": {"yet another passphrase"},
			"password_again": {"yet another passphrase"}}), http.StatusNotFound, "this link is not valid")
	}
	if !canLogIn(t, in, "ann", next) {
		t.Error("a refused link changed the password")
	}
	if n := len(smtp.To("nobody@example.org")); n != 0 {
		t.Errorf("%d mails to an address without an account", n)
	}
}

// With verification required, a new account gets a link and cannot log in
// until it follows it; the link can be sent again; a new address replaces
// the old one only once it is confirmed.
func TestEmailVerificationAtSignUp(t *testing.T) {
	t.Parallel()
	in, smtp, root := mailInstance(t, "127.0.0.3")
	if r := root.PostForm(t, "/admin/site", url.Values{"email_verification": {"required"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("require verification: %d\n%s", r.Status, between(r.Body, "<main", "</main>"))
	}
	anon := in.NewClient()
	wantPage(t, anon.PostForm(t, "/signup", url.Values{"name": {"bea"}, "password": {pw}, "password_again": {pw}}),
		http.StatusUnprocessableEntity, "This site asks for your email address")
	wantPage(t, anon.PostForm(t, "/signup", url.Values{"name": {"bea"}, "password": {pw}, "password_again": {pw},
		"email": {"bea@example.org"}}), http.StatusOK, "We mailed a link to bea@example.org")

	wantPage(t, in.NewClient().PostForm(t, "/login", url.Values{"name": {"bea"}, "password": {pw}}),
		http.StatusForbidden, "Confirm your email address first")
	first := linkIn(t, in, smtp.Await(t, "bea@example.org", 1, mailTimeout)[0], "/verify_email/")
	r := anon.PostForm(t, "/verify_email/resend", url.Values{"name": {"bea"}, "password": {"wrong password!"}})
	wantPage(t, r, http.StatusUnauthorized, "Wrong name or password")
	r = anon.PostForm(t, "/verify_email/resend", url.Values{"name": {"bea"}, "password": {pw}})
	if r.Status != http.StatusSeeOther || r.Location != "/login?done=resent" {
		t.Fatalf("resend: %d to %q", r.Status, r.Location)
	}
	second := linkIn(t, in, smtp.Await(t, "bea@example.org", 2, mailTimeout)[1], "/verify_email/")

	// Opening the link changes nothing (mail scanners open links); its
	// button does.
	wantPage(t, anon.Get(t, first), http.StatusOK, "Confirm my address")
	if canLogIn(t, in, "bea", pw) {
		t.Fatal("bea logs in before confirming")
	}
	if r := anon.PostForm(t, first, nil); r.Status != http.StatusSeeOther || r.Location != "/login?done=verified" {
		t.Fatalf("confirm: %d to %q\n%s", r.Status, r.Location, between(r.Body, "<main", "</main>"))
	}
	wantPage(t, anon.PostForm(t, second, nil), http.StatusGone, "this link was used already")
	bea := in.Login(t, "bea", pw)
	wantPage(t, bea.Get(t, "/settings"), http.StatusOK, "Verified.")

	// A new address is mailed a link and takes the old one's place only
	// once it is followed.
	if r := bea.PostForm(t, "/settings/email", url.Values{"email": {"bea@new.example.org"}}); r.Status != http.StatusSeeOther ||
		r.Location != "/settings?done=email_sent#account" {
		t.Fatalf("change the address: %d to %q\n%s", r.Status, r.Location, between(r.Body, "<main", "</main>"))
	}
	if page := bea.Get(t, "/settings"); !strings.Contains(page.Body, `value="bea@example.org"`) {
		t.Errorf("the address changed before the new one was confirmed")
	}
	change := linkIn(t, in, smtp.Await(t, "bea@new.example.org", 1, mailTimeout)[0], "/verify_email/")
	if r := bea.PostForm(t, change, nil); r.Status != http.StatusSeeOther {
		t.Fatalf("confirm the new address: %d", r.Status)
	}
	page := bea.Get(t, "/settings")
	if !strings.Contains(page.Body, `value="bea@new.example.org"`) || !strings.Contains(page.Body, "Verified.") {
		t.Errorf("settings after confirming the new address:\n%s", between(page.Body, `id="account"`, "Your data"))
	}
	// Now notifications can be turned on.
	if r := bea.PostForm(t, "/settings/email_notifications", url.Values{"email_notifications": {"on"}}); r.Status != http.StatusSeeOther {
		t.Errorf("turn on mailed notifications: %d\n%s", r.Status, between(r.Body, "<main", "</main>"))
	}
}

func count(t *testing.T, db interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}
