package user_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

func TestCaptchaIsOff(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	resp := s.Do(http.MethodGet, "/user/get_captcha", "", nil)
	if resp.Status != http.StatusOK || strings.TrimSpace(string(resp.Body)) != "{}" {
		t.Errorf("get_captcha: %d %s; want {} as a site without a captcha answers", resp.Status, resp.Body)
	}
}

// The site has no mail set up here: the links are refused as Lemmy
// refuses them, and nothing changes.
func TestMailedLinkRefusals(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	s.User("alice")
	forged := strings.Repeat("x", 40)
	s.Refused(t, "reset without mail", http.MethodPost, "/user/password_reset", "", map[string]any{"email": "a@example.org"}, 400, "no_email_setup")
	s.Refused(t, "reset, not JSON", http.MethodPost, "/user/password_reset", "", "a@example.org", 400, "invalid_query")
	s.Refused(t, "verify a forged token", http.MethodPost, "/user/verify_email", "", map[string]any{"token": forged}, 400, "token_not_found")
	s.Refused(t, "verify a short token", http.MethodPost, "/user/verify_email", "", map[string]any{"token": "x"}, 400, "token_not_found")
	s.Refused(t, "change with a forged token", http.MethodPost, "/user/password_change", "",
		map[string]any{"token": forged, "password": "a new long password", "password_verify": "a new long password"}, 400, "token_not_found")
	s.Refused(t, "change, passwords differ", http.MethodPost, "/user/password_change", "",
		map[string]any{"token": forged, "password": "a new long password", "password_verify": "another"}, 400, "passwords_do_not_match")
	s.Login("alice") // the password is as it was
}
