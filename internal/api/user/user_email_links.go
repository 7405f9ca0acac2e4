package user

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
)

// The mailed links of the web's pages (verifying an address, resetting a
// password), for apps that open them themselves, and the captcha, which
// Tidings does not have.

var (
	errTokenNotFound = apiutil.NewError("token_not_found", http.StatusBadRequest)
	errNoEmailSetup  = apiutil.NewError("no_email_setup", http.StatusBadRequest)
)

// getCaptcha answers as a Lemmy site with its captcha off: no captcha.
func (m *Module) getCaptcha(w http.ResponseWriter, r *http.Request) {
	apiutil.WriteJSON(w, http.StatusOK, GetCaptchaResponse{})
}

// verifyEmail follows a verification link's token.
func (m *Module) verifyEmail(w http.ResponseWriter, r *http.Request) {
	var in VerifyEmail
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if !m.loginIPs.Allow(clientIP(r)) {
		m.d.Fail(w, r, apiutil.ErrRateLimit, nil, nil)
		return
	}
	if err := m.d.Forum.VerifyEmail(r.Context(), in.Token); err != nil {
		m.d.Fail(w, r, linkRefusal(err), nil, errTokenNotFound)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, model.SuccessResponse{Success: true})
}

// passwordReset mails a reset link to the account with that address, if
// there is one; the answer is the same either way, as the web's is.
func (m *Module) passwordReset(w http.ResponseWriter, r *http.Request) {
	var in PasswordReset
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if !m.registers.Allow(clientIP(r)) {
		m.d.Fail(w, r, apiutil.ErrRateLimit, nil, nil)
		return
	}
	if err := m.d.Forum.RequestPasswordReset(r.Context(), in.Email); err != nil {
		if errors.Is(err, forum.ErrNoMail) {
			err = errNoEmailSetup.Because(err)
		}
		m.d.Fail(w, r, err, nil, apiutil.NewError("missing_an_email", http.StatusBadRequest))
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, model.SuccessResponse{Success: true})
}

// passwordChange sets a new password through a reset link's token and
// ends every session of the account, as the web's reset page does.
func (m *Module) passwordChange(w http.ResponseWriter, r *http.Request) {
	var in PasswordChangeAfterReset
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.Password != in.PasswordVerify {
		m.d.Fail(w, r, apiutil.ErrPasswordsDiffer, nil, nil)
		return
	}
	if !m.loginIPs.Allow(clientIP(r)) {
		m.d.Fail(w, r, apiutil.ErrRateLimit, nil, nil)
		return
	}
	if err := m.d.Forum.ResetPasswordByLink(r.Context(), in.Token, in.Password, in.PasswordVerify); err != nil {
		var ie *forum.InputError
		if errors.As(err, &ie) && ie.Field == "password" {
			err = apiutil.NewError("invalid_password", http.StatusBadRequest).Because(err)
		}
		m.d.Fail(w, r, linkRefusal(err), nil, errTokenNotFound)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, model.SuccessResponse{Success: true})
}

// linkRefusal names a forged, used or expired link's token as Lemmy does.
func linkRefusal(err error) error {
	var ie *forum.InputError
	if errors.As(err, &ie) && (ie.Field == forum.LinkInvalid || ie.Field == forum.LinkGone) {
		return errTokenNotFound.Because(err)
	}
	return err
}
