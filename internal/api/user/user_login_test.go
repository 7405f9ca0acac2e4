package user_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type loginResponse struct {
	JWT                 *string `json:"jwt"`
	RegistrationCreated bool    `json:"registration_created"`
	VerifyEmailSent     bool    `json:"verify_email_sent"`
}

func TestLogin(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	var out loginResponse
	resp := s.Do(http.MethodPost, "/user/login", "", map[string]string{"username_or_email": "alice", "password": apitest.Password})
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || out.JWT == nil || out.RegistrationCreated || out.VerifyEmailSent {
		t.Fatalf("log in: %d %s", resp.Status, resp.Body)
	}
	for _, c := range []struct{ name, user, password string }{
		{"wrong password", "alice", "wrong password here"},
		{"no such user", "nobody", apitest.Password},
		{"empty", "", ""},
	} {
		resp := s.Do(http.MethodPost, "/user/login", "", map[string]string{"username_or_email": c.user, "password": c.password})
		if resp.Status != http.StatusUnauthorized || resp.ErrorCode() != "incorrect_login" {
			t.Errorf("%s: %d %s; want 401 incorrect_login", c.name, resp.Status, resp.Body)
		}
	}
	if _, err := s.Forum.BanUser(context.Background(), "alice", "spam"); err != nil {
		t.Fatal(err)
	}
	resp = s.Do(http.MethodPost, "/user/login", "", map[string]string{"username_or_email": "alice", "password": apitest.Password})
	if resp.ErrorCode() != "site_ban" {
		t.Errorf("banned: %d %s; want site_ban", resp.Status, resp.Body)
	}
}

func TestRegister(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	reg := func(name, answer string) apitest.Response {
		return s.Do(http.MethodPost, "/user/register", "", map[string]string{"username": name,
			"password": apitest.Password, "password_verify": apitest.Password, "answer": answer})
	}
	var out loginResponse
	resp := reg("newbie", "")
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || out.JWT == nil || out.RegistrationCreated {
		t.Fatalf("open sign-up: %d %s; want a jwt", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", *out.JWT, nil); resp.Status != http.StatusOK {
		t.Errorf("the new account's jwt: %d %s", resp.Status, resp.Body)
	}
	if resp := reg("newbie", ""); resp.ErrorCode() != "user_already_exists" {
		t.Errorf("a taken name: %d %s; want user_already_exists", resp.Status, resp.Body)
	}
	if resp := reg("Bad Name!", ""); resp.ErrorCode() != "invalid_name" {
		t.Errorf("a bad name: %d %s; want invalid_name", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPost, "/user/register", "", map[string]string{"username": "twice",
		"password": apitest.Password, "password_verify": "something else"})
	if resp.ErrorCode() != "passwords_do_not_match" {
		t.Errorf("passwords differ: %d %s", resp.Status, resp.Body)
	}

	mode := store.RegistrationRequireApproval
	q := "Why join?"
	if err := s.Forum.UpdateSite(ctx, forum.Operator, store.SiteSettings{RegistrationMode: &mode, ApplicationQuestion: &q}); err != nil {
		t.Fatal(err)
	}
	if resp := reg("applicant", ""); resp.ErrorCode() != "registration_application_answer_required" {
		t.Errorf("no answer: %d %s", resp.Status, resp.Body)
	}
	out = loginResponse{}
	resp = reg("applicant", "I like news")
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || out.JWT != nil || !out.RegistrationCreated {
		t.Errorf("application: %d %s; want registration_created and no jwt", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPost, "/user/login", "", map[string]string{"username_or_email": "applicant", "password": apitest.Password})
	if resp.ErrorCode() != "registration_application_is_pending" {
		t.Errorf("log in while pending: %d %s", resp.Status, resp.Body)
	}

	closed := store.RegistrationClosed
	if err := s.Forum.UpdateSite(ctx, forum.Operator, store.SiteSettings{RegistrationMode: &closed}); err != nil {
		t.Fatal(err)
	}
	if resp := reg("late", "x"); resp.ErrorCode() != "registration_closed" {
		t.Errorf("closed: %d %s", resp.Status, resp.Body)
	}
}

// TestLoginRateLimit: guessing a password is as slow here as on the web.
func TestLoginRateLimit(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	var last apitest.Response
	for range 11 {
		last = s.Do(http.MethodPost, "/user/login", "", map[string]string{"username_or_email": "alice", "password": "guess guess guess"})
	}
	if last.Status != http.StatusTooManyRequests || last.ErrorCode() != "rate_limit_error" {
		t.Errorf("the 11th guess: %d %s; want 429 rate_limit_error", last.Status, last.Body)
	}
}
