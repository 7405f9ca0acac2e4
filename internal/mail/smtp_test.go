package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/mail"
	"github.com/tidings/tidings/internal/mail/mailtest"
)

// A message sent through the real SMTP client arrives at a real SMTP
// server as written, after logging in with the URL's user and password.
func TestSMTPSendsPlainTextMail(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, "tidings", "s3cret pass")
	cfg, err := mail.ParseURL(srv.URL(), "", "Tidings <noreply@news.example>")
	if err != nil {
		t.Fatal(err)
	}
	text := "Hello Ann,\n\nfollow https://news.example/password_reset/abc_DEF-123 within the hour.\n" +
		strings.Repeat("A long line that needs wrapping. ", 5) + "\n"
	err = mail.NewSMTP(cfg).Send(context.Background(), mail.Message{To: "ann@example.org",
		Subject: "Reset your password – Tidings", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Await(t, "ann@example.org", 1, 5*time.Second)[0]
	if got.Subject != "Reset your password – Tidings" || !strings.Contains(got.Text, "https://news.example/password_reset/abc_DEF-123") ||
		!strings.Contains(got.From, "noreply@news.example") {
		t.Errorf("received %+v", got)
	}
}

// A wrong password, and a recipient the server refuses for good, are
// errors; only the second is permanent.
func TestSMTPRefusals(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, "tidings", "right")
	srv.Refuse("nobody@example.org")
	good, err := mail.ParseURL(srv.URL(), "", "noreply@news.example")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := mail.ParseURL(srv.URL(), "wrong", "noreply@news.example")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = mail.NewSMTP(bad).Send(ctx, mail.Message{To: "ann@example.org", Subject: "x", Text: "x"})
	if err == nil || mail.Permanent(err) {
		t.Errorf("wrong password: %v (permanent %v), want a temporary error", err, mail.Permanent(err))
	}
	err = mail.NewSMTP(good).Send(ctx, mail.Message{To: "nobody@example.org", Subject: "x", Text: "x"})
	if err == nil || !mail.Permanent(err) {
		t.Errorf("refused recipient: %v, want a permanent error", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages arrived", n)
	}
}

func TestParseURL(t *testing.T) {
	t.Parallel()
	c, err := mail.ParseURL("smtps://me%40x.org:p%40ss@mail.x.org", "", "noreply@x.org")
	if err != nil || c.Host != "mail.x.org" || c.Port != 465 || c.TLS != mail.TLSImplicit || c.Username != "me@x.org" || c.Password != "p@ss" {
		t.Errorf("smtps: %+v %v", c, err)
	}
	c, err = mail.ParseURL("smtp://me:url@mail.x.org:2525", "from file", "noreply@x.org")
	if err != nil || c.Port != 2525 || c.TLS != mail.TLSStartTLS || c.Password != "from file" {
		t.Errorf("smtp with a password file: %+v %v", c, err)
	}
	for _, raw := range []string{"http://mail.x.org", "smtp://", "smtp://h:99999", "smtp://h?tls=maybe"} {
		if _, err := mail.ParseURL(raw, "", "noreply@x.org"); err == nil {
			t.Errorf("%s: accepted", raw)
		}
	}
	if _, err := mail.ParseURL("smtp://h", "", ""); err == nil {
		t.Error("no From: accepted")
	}
	if _, err := mail.ParseURL("smtp://u:secretpw@h:x", "", "a@b"); err == nil || strings.Contains(err.Error(), "secretpw") {
		t.Errorf("bad port: %v (must not quote the password)", err)
	}
}
