package user

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

// loginRate is the web form's: a try every 6 seconds per name and
// address, after a burst of ten.
var loginRate = rate.Every(6 * time.Second)

func (m *Module) loginPost(w http.ResponseWriter, r *http.Request) {
	var in Login
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	// Tidings logs in by name; an address is not unique enough to stand
	// for an account here, so one that is not a name fails as a wrong one.
	name := strings.TrimSpace(in.UsernameOrEmail)
	if len(name) > 64 {
		m.d.Fail(w, r, apiutil.ErrIncorrectLogin, nil, nil)
		return
	}
	if !m.loginIPs.Allow(clientIP(r)) || !m.logins.Allow(clientIP(r)+"|"+strings.ToLower(name)) {
		m.d.Fail(w, r, apiutil.ErrRateLimit, nil, nil)
		return
	}
	u, err := m.d.Forum.Authenticate(r.Context(), name, in.Password)
	if err != nil {
		var app *forum.ApplicationError
		switch {
		case errors.Is(err, forum.ErrBadLogin):
			err = apiutil.ErrIncorrectLogin
		case errors.Is(err, forum.ErrUnverified):
			err = apiutil.ErrEmailNotVerified
		case errors.As(err, &app) && app.Denied:
			err = apiutil.ErrApplicationDenied
		case errors.As(err, &app):
			err = apiutil.ErrApplicationWaits
		case forum.IsInputError(err) && u.Banned:
			err = apiutil.ErrSiteBan
		}
		m.d.Fail(w, r, err, apiutil.ErrIncorrectLogin, apiutil.ErrIncorrectLogin)
		return
	}
	token, err := m.d.Tokens.Issue(r.Context(), u, r.UserAgent())
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, LoginResponse{JWT: &token})
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
