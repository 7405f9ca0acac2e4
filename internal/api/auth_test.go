package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tidings/tidings/internal/api/apitest"
)

// TestTokenRefusals: every token that does not stand for a live session
// of a person who may log in is refused with Lemmy's code, never a 500,
// and changes nothing.
func TestTokenRefusals(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	good := s.Login("alice")

	forged := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "1", "iss": s.Host, "iat": 1, "sid": "x"})
	forgedRaw, err := forged.SignedString([]byte("not the site's key"))
	if err != nil {
		t.Fatal(err)
	}
	none := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"sub": "1", "iss": s.Host})
	noneRaw, _ := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	// The right signature over a changed payload.
	parts := strings.Split(good, ".")
	tampered := parts[0] + "." + strings.TrimRight(parts[1], "=") + "A." + parts[2]

	for _, c := range []struct{ name, token string }{
		{"garbage", "not-a-jwt"},
		{"forged", forgedRaw},
		{"unsigned", noneRaw},
		{"tampered", tampered},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp := s.Do(http.MethodGet, "/user/unread_count", c.token, nil)
			if resp.Status != http.StatusUnauthorized || resp.ErrorCode() != "not_logged_in" {
				t.Errorf("%s token: %d %s; want 401 not_logged_in", c.name, resp.Status, resp.Body)
			}
		})
	}

	if resp := s.Do(http.MethodGet, "/user/unread_count", "", nil); resp.Status != http.StatusUnauthorized ||
		resp.ErrorCode() != "not_logged_in" {
		t.Errorf("no token: %d %s; want 401 not_logged_in", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", good, nil); resp.Status != http.StatusOK {
		t.Fatalf("good token: %d %s", resp.Status, resp.Body)
	}
}

// TestTokenEndsWithItsSession: a JWT is a session; logging out, the
// session's expiry and a ban end it.
func TestTokenEndsWithItsSession(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	s.User("bob")
	s.User("carol")
	ctx := context.Background()

	alice := s.Login("alice")
	other := s.Login("alice")
	if resp := s.Do(http.MethodPost, "/user/logout", alice, nil); resp.Status != http.StatusOK {
		t.Fatalf("log out: %d %s", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", alice, nil); resp.ErrorCode() != "not_logged_in" {
		t.Errorf("after logging out: %d %s; want not_logged_in", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", other, nil); resp.Status != http.StatusOK {
		t.Errorf("the other session of alice: %d %s; want it still logged in", resp.Status, resp.Body)
	}

	bob := s.Login("bob")
	if _, err := s.Pool.Exec(ctx, `UPDATE sessions SET expires_at = now() - interval '1 second'
		WHERE person_id = (SELECT id FROM people WHERE name = 'bob')`); err != nil {
		t.Fatal(err)
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", bob, nil); resp.ErrorCode() != "not_logged_in" {
		t.Errorf("expired session: %d %s; want not_logged_in", resp.Status, resp.Body)
	}

	carol := s.Login("carol")
	if _, err := s.Forum.BanUser(ctx, "carol", "spam"); err != nil {
		t.Fatal(err)
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", carol, nil); resp.Status != http.StatusBadRequest ||
		resp.ErrorCode() != "site_ban" {
		t.Errorf("banned person's token: %d %s; want 400 site_ban", resp.Status, resp.Body)
	}
}

// TestTokenPlaces: the header and the jwt cookie carry a token; a query
// string does not (Lemmy 0.19 dropped auth=), and what was there is not
// logged. A change made with the cookie must not come from another site.
func TestTokenPlaces(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	token := s.Login("alice")

	resp := s.Raw(http.MethodGet, "/api/v3/user/unread_count?auth="+token, nil, nil)
	if resp.Status != http.StatusUnauthorized {
		t.Errorf("token in the query: %d %s; want it ignored (401)", resp.Status, resp.Body)
	}
	if strings.Contains(s.Log.String(), token) {
		t.Errorf("the log holds the token:\n%s", s.Log.String())
	}

	cookie := http.Header{"Cookie": {"jwt=" + token}}
	if resp := s.Raw(http.MethodGet, "/api/v3/user/unread_count", cookie, nil); resp.Status != http.StatusOK {
		t.Errorf("token in the jwt cookie: %d %s", resp.Status, resp.Body)
	}
	cross := http.Header{"Cookie": {"jwt=" + token}, "Sec-Fetch-Site": {"cross-site"},
		"Content-Type": {"application/json"}}
	resp = s.Raw(http.MethodPost, "/api/v3/user/logout", cross, strings.NewReader("{}"))
	if resp.Status != http.StatusUnauthorized {
		t.Errorf("cross-site change with the cookie: %d %s; want 401", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodGet, "/user/unread_count", token, nil); resp.Status != http.StatusOK {
		t.Errorf("after the refused cross-site log-out: %d %s; want still logged in", resp.Status, resp.Body)
	}
}

// TestBadBodies: a body that is not one JSON value of the right shape,
// or not said to be JSON, is refused before anything is read of it.
func TestBadBodies(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	for _, c := range []struct {
		name, ctype, body string
	}{
		{"not json", "application/json", "username_or_email=alice"},
		{"two values", "application/json", `{"username_or_email":"alice","password":"x"} {}`},
		{"wrong type", "application/json", `{"username_or_email":7,"password":"x"}`},
		{"form", "application/x-www-form-urlencoded", `{"username_or_email":"alice","password":"x"}`},
		{"huge", "application/json", `{"password":"` + strings.Repeat("x", 2<<20) + `"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp := s.Raw(http.MethodPost, "/api/v3/user/login", http.Header{"Content-Type": {c.ctype}}, strings.NewReader(c.body))
			if resp.Status != http.StatusBadRequest || resp.ErrorCode() != "invalid_query" {
				t.Errorf("%d %s; want 400 invalid_query", resp.Status, resp.Body)
			}
		})
	}
}

// TestCORSAndUnknownRoutes: any site's scripts may call the API, as
// Lemmy allows; an unknown path answers Lemmy's error shape.
func TestCORSAndUnknownRoutes(t *testing.T) {
	s := apitest.Start(t)
	pre := s.Raw(http.MethodOptions, "/api/v3/post/like", http.Header{"Origin": {"https://photon.example"},
		"Access-Control-Request-Method": {"POST"}, "Access-Control-Request-Headers": {"authorization,content-type"}}, nil)
	if pre.Status != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "authorization") ||
		!strings.Contains(pre.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight: %d %v", pre.Status, pre.Header)
	}
	get := s.Raw(http.MethodGet, "/api/v3/site", http.Header{"Origin": {"https://photon.example"}}, nil)
	if get.Header.Get("Access-Control-Allow-Origin") != "*" || get.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("GET from another origin: %v", get.Header)
	}
	if resp := s.Do(http.MethodGet, "/no/such/thing", "", nil); resp.Status != http.StatusNotFound || resp.ErrorCode() == "" {
		t.Errorf("unknown path: %d %s", resp.Status, resp.Body)
	}
}

// TestUnreadableAddresses: the server's guard against NUL bytes and
// bytes that are not UTF-8 answers the apps in Lemmy's shape.
func TestUnreadableAddresses(t *testing.T) {
	s := apitest.Start(t)
	for _, path := range []string{"/api/v3/search?q=%00", "/api/v3/post/list?sort=%ff", "/api/v3/community?name=a%c3%28"} {
		resp := s.Raw(http.MethodGet, path, nil, nil)
		if resp.Status != http.StatusBadRequest || resp.ErrorCode() != "invalid_query" {
			t.Errorf("%s: %d %s; want 400 invalid_query", path, resp.Status, resp.Body)
		}
	}
}
