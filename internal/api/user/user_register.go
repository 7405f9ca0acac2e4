package user

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// registerRate is Lemmy's default: ten sign-ups an hour per address.
var registerRate = rate.Every(6 * time.Minute)

// registerPost signs up as the site's registration mode allows. The
// captcha is off (Tidings has none, and says so in local_site); the
// honeypot is a field only bots fill in.
func (m *Module) registerPost(w http.ResponseWriter, r *http.Request) {
	var in Register
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.Honeypot != "" {
		m.d.Fail(w, r, apiutil.NewError("honeypot_failed", http.StatusBadRequest), nil, nil)
		return
	}
	if in.Password != in.PasswordVerify {
		m.d.Fail(w, r, apiutil.ErrPasswordsDiffer, nil, nil)
		return
	}
	site, err := m.d.Forum.Site(r.Context())
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	switch {
	case site.RegistrationMode == store.RegistrationClosed:
		m.d.Fail(w, r, apiutil.ErrRegistrationShut, nil, nil)
		return
	case site.RegistrationMode == store.RegistrationRequireApproval && strings.TrimSpace(in.Answer) == "":
		m.d.Fail(w, r, apiutil.ErrAnswerRequired, nil, nil)
		return
	}
	if !m.registers.Allow(clientIP(r)) {
		m.d.Fail(w, r, apiutil.ErrRateLimit, nil, nil)
		return
	}
	u, err := m.d.Forum.Register(r.Context(), forum.SignUp{Name: in.Username, Password: in.Password,
		Answer: in.Answer, Email: strings.TrimSpace(in.Email)})
	if err != nil {
		m.d.Fail(w, r, registerError(err), nil, apiutil.NewError("invalid_name", http.StatusBadRequest))
		return
	}
	resp := LoginResponse{RegistrationCreated: !u.Accepted, VerifyEmailSent: u.AwaitingVerification}
	if u.Accepted && !u.AwaitingVerification {
		token, err := m.d.Tokens.Issue(r.Context(), u, r.UserAgent())
		if err != nil {
			m.d.Fail(w, r, err, nil, nil)
			return
		}
		resp.JWT = &token
	}
	apiutil.WriteJSON(w, http.StatusOK, resp)
}

// registerError names a refused sign-up with Lemmy's code for the field
// that was wrong.
func registerError(err error) error {
	var ie *forum.InputError
	if !errors.As(err, &ie) {
		if errors.Is(err, store.ErrConflict) {
			return apiutil.ErrUserExists.Because(err)
		}
		return err
	}
	switch {
	case strings.Contains(ie.Msg, "taken"), strings.Contains(ie.Msg, "exists"):
		return apiutil.ErrUserExists.Because(err)
	case ie.Field == "password":
		return apiutil.NewError("invalid_password", http.StatusBadRequest).Because(err)
	case ie.Field == "email":
		if strings.Contains(ie.Msg, "asks for") {
			return apiutil.ErrEmailRequired.Because(err)
		}
		return apiutil.ErrUnknown.Because(err)
	case ie.Field == "answer":
		return apiutil.ErrAnswerRequired.Because(err)
	}
	return apiutil.NewError("invalid_name", http.StatusBadRequest).Because(err)
}
