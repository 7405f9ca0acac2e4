package config_test

import (
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/config"
)

func TestSMTPIsOffUnlessConfigured(t *testing.T) {
	t.Parallel()
	c, err := config.Load(envOf(map[string]string{"DATABASE_URL": goodURL}), files(nil))
	if err != nil || c.SMTP != nil {
		t.Fatalf("no SMTP variables: %+v, %v", c.SMTP, err)
	}
}

// The password may come from the URL, from TIDINGS_SMTP_PASSWORD or from
// the file TIDINGS_SMTP_PASSWORD_FILE names, and is never printed.
func TestSMTPPasswordFromAFile(t *testing.T) {
	t.Parallel()
	env := map[string]string{"DATABASE_URL": goodURL, "TIDINGS_SMTP_URL": "smtps://tidings@mail.example.org",
		"TIDINGS_SMTP_PASSWORD_FILE": "/run/secrets/smtp", "TIDINGS_SMTP_FROM": "noreply@news.example.org"}
	c, err := config.Load(envOf(env), files(map[string]string{"/run/secrets/smtp": "hunter2 hunter2\n"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTP == nil || c.SMTP.Password != "hunter2 hunter2" || c.SMTP.Port != 465 || c.SMTP.Username != "tidings" {
		t.Fatalf("SMTP = %+v", c.SMTP)
	}
	for _, s := range config.Describe(envOf(env), c) {
		if strings.Contains(s.Value, "hunter2") {
			t.Errorf("%s shows the password: %s", s.Name, s.Value)
		}
	}
}

func TestSMTPMistakesNameTheVariable(t *testing.T) {
	t.Parallel()
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TIDINGS_SMTP_URL": "smtp://u:topsecret@mail.example.org"}, "TIDINGS_SMTP_FROM is not"},
		{map[string]string{"TIDINGS_SMTP_URL": "imap://mail.example.org", "TIDINGS_SMTP_FROM": "a@b.org"}, "TIDINGS_SMTP_URL has the scheme"},
		{map[string]string{"TIDINGS_SMTP_FROM": "a@b.org"}, "TIDINGS_SMTP_URL is not set"},
	}
	for _, c := range cases {
		c.env["DATABASE_URL"] = goodURL
		_, err := config.Load(envOf(c.env), files(nil))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "topsecret") {
			t.Errorf("%v: %v, want %q (without the password)", c.env, err, c.want)
		}
	}
}
