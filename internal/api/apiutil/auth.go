package apiutil

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/store"
)

// jwtCookie is where lemmy-ui, and apps that share its log-in, keep it.
const jwtCookie = "jwt"

type authKey struct{}

type auth struct {
	user    store.LocalUser
	session string
}

// Authenticate finds the JWT as Lemmy 0.19 does, in the Authorization
// header as a Bearer token or else in the jwt cookie, and puts its user in
// the request's context. A token that does not hold is refused outright
// rather than ignored, as Lemmy does, so an app notices a lost log-in
// instead of quietly showing the anonymous view. Lemmy 0.19 no longer
// reads an auth query parameter and neither do we: a token in an address
// would land in proxies' logs.
func Authenticate(t *Tokens, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r, err := t.Authenticate(r)
			if err != nil {
				WriteError(w, r, log, err, nil, nil)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// csrf refuses a cross-site change made with the jwt cookie.
var csrf = http.NewCrossOriginProtection()

// Authenticate is the request with its token's user in its context (see
// the middleware Authenticate), for the handlers outside the API's router
// that answer refusals in a shape of their own (pict-rs's).
func (t *Tokens) Authenticate(r *http.Request) (*http.Request, error) {
	raw, fromCookie := bearer(r)
	if raw == "" {
		return r, nil
	}
	if fromCookie {
		// A cookie rides along on cross-site requests; a header does
		// not. So a change made with the cookie must come from this
		// site or from no browser at all.
		if err := csrf.Check(r); err != nil {
			return r, ErrNotLoggedIn.Because(err)
		}
	}
	u, session, err := t.Verify(r.Context(), raw)
	if err != nil {
		return r, err
	}
	return r.WithContext(context.WithValue(r.Context(), authKey{}, auth{user: u, session: session})), nil
}

func bearer(r *http.Request) (token string, fromCookie bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(tok), false
		}
	}
	if c, err := r.Cookie(jwtCookie); err == nil && c.Value != "" {
		return c.Value, true
	}
	return "", false
}

// User is the logged-in user, if any.
func User(r *http.Request) (store.LocalUser, bool) {
	a, ok := r.Context().Value(authKey{}).(auth)
	return a.user, ok
}

// RequireUser is the logged-in user or not_logged_in.
func RequireUser(r *http.Request) (store.LocalUser, error) {
	if u, ok := User(r); ok {
		return u, nil
	}
	return store.LocalUser{}, ErrNotLoggedIn
}

// Session is the session of the request's token, "" when anonymous.
func Session(r *http.Request) string {
	a, _ := r.Context().Value(authKey{}).(auth)
	return a.session
}
