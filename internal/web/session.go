package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

const sessionCookie = "tidings_session"

type userKey struct{}

func currentUser(r *http.Request) (store.LocalUser, bool) {
	u, ok := r.Context().Value(userKey{}).(store.LocalUser)
	return u, ok
}

// withSession puts the logged-in user, if any, into the request's context.
func (h *Handler) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err == nil && c.Value != "" {
			u, err := h.forum.SessionUser(r.Context(), c.Value)
			switch {
			case err == nil:
				r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
			case errors.Is(err, forum.ErrNotFound):
				h.clearSessionCookie(w)
			default:
				h.serverError(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// requireUser sends anonymous visitors to the log-in page and back.
func (h *Handler) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := currentUser(r); !ok {
			back := r.URL.RequestURI()
			if r.Method != http.MethodGet {
				back = safeReturn(r.Referer(), "/")
			}
			http.Redirect(w, r, "/login?return="+urlQueryEscape(back), http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (h *Handler) setSessionCookie(w http.ResponseWriter, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode,
	})
}

func (h *Handler) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode,
	})
}

// securityHeaders keeps pages from running anything but our own script and
// from being framed by other sites.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' https: http: data:; "+
			"style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "+
			"form-action 'self'; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
