package user_test

import (
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

// TestChangePasswordEndsEveryToken: the old tokens stop working, the one
// answered works, and so does the new password.
func TestChangePasswordEndsEveryToken(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	token, other := s.Login("alice"), s.Login("alice")
	const next = "a brand new password"
	for _, c := range []struct {
		name, old, new, again, code string
	}{
		{"wrong old password", "not it at all", next, next, "incorrect_login"},
		{"differ", apitest.Password, next, next + "x", "passwords_do_not_match"},
		{"too short", apitest.Password, "short", "short", "invalid_password"},
	} {
		resp := s.Do(http.MethodPut, "/user/change_password", token, map[string]string{"old_password": c.old,
			"new_password": c.new, "new_password_verify": c.again})
		if resp.ErrorCode() != c.code {
			t.Errorf("%s: %d %s; want %s", c.name, resp.Status, resp.Body, c.code)
		}
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", other, nil); resp.Status != http.StatusOK {
		t.Fatalf("refused changes ended a session: %d %s", resp.Status, resp.Body)
	}
	var out loginResponse
	resp := s.Do(http.MethodPut, "/user/change_password", token, map[string]string{"old_password": apitest.Password,
		"new_password": next, "new_password_verify": next})
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || out.JWT == nil {
		t.Fatalf("change: %d %s", resp.Status, resp.Body)
	}
	for _, old := range []string{token, other} {
		if resp := s.Do(http.MethodGet, "/user/unread_count", old, nil); resp.ErrorCode() != "not_logged_in" {
			t.Errorf("an old token after the change: %d %s; want not_logged_in", resp.Status, resp.Body)
		}
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", *out.JWT, nil); resp.Status != http.StatusOK {
		t.Errorf("the new token: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPost, "/user/login", "", map[string]string{"username_or_email": "alice", "password": next})
	if resp.Status != http.StatusOK {
		t.Errorf("log in with the new password: %d %s", resp.Status, resp.Body)
	}
}
