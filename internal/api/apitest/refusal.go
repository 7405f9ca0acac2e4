package apitest

import (
	"testing"
)

// WantError checks that the answer is Lemmy's error shape with the code
// and a 4xx status, as every refusal of the API must be.
func (r Response) WantError(t testing.TB, what, code string) {
	t.Helper()
	if r.Status < 400 || r.Status >= 500 || r.ErrorCode() != code {
		t.Errorf("%s: %d %s; want a 4xx with %q", what, r.Status, r.Body, code)
	}
}

// Call is one request of a table of refusals.
type Call struct {
	What, Method, Path, Token string
	Body                      any
	Code                      string
}

// WantErrors makes each call and checks it is refused with its code.
func (s *Server) WantErrors(t testing.TB, calls []Call) {
	t.Helper()
	for _, c := range calls {
		s.Do(c.Method, c.Path, c.Token, c.Body).WantError(t, c.What, c.Code)
	}
}

// Refusal is a Call.
func Refusal(what, method, path, token string, body any, code string) Call {
	return Call{What: what, Method: method, Path: path, Token: token, Body: body, Code: code}
}
