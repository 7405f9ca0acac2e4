package apitest

import (
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

// Refused makes a call (named for the failure message) that the endpoint
// must refuse with status and Lemmy's error code, and fails the test if
// it does not. Whether anything changed is for the test to check after.
func (s *Server) Refused(t testing.TB, name, method, path, token string, body any, status int, code string) {
	t.Helper()
	resp := s.Do(method, path, token, body)
	if resp.Status != status || resp.ErrorCode() != code {
		t.Errorf("%s: %d %s; want %d %s", name, resp.Status, resp.Body, status, code)
	}
}

// ForgedToken is a JWT shaped as ours, for the first account, but signed
// with another key.
func (s *Server) ForgedToken() string {
	s.t.Helper()
	raw, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "1", "iss": s.Host, "iat": 1, "sid": "x"}).
		SignedString([]byte("not the site's key"))
	if err != nil {
		s.t.Fatal(err)
	}
	return raw
}
