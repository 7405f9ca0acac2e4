package user

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

// changePassword replaces the password, as the web's settings page does,
// and ends every session of the person, this token's too: as in Lemmy,
// the answer carries a new token and every old one stops working.
func (m *Module) changePassword(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in ChangePassword
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.NewPassword != in.NewPasswordVerify {
		m.d.Fail(w, r, apiutil.ErrPasswordsDiffer, nil, nil)
		return
	}
	if !m.logins.Allow(clientIP(r) + "|" + u.Name) {
		m.d.Fail(w, r, apiutil.ErrRateLimit, nil, nil)
		return
	}
	err = m.d.Forum.ChangePassword(r.Context(), u, forum.PasswordChange{Current: in.OldPassword, New: in.NewPassword,
		Again: in.NewPasswordVerify}, "")
	if err != nil {
		var ie *forum.InputError
		switch {
		case errors.As(err, &ie) && ie.Field == "current_password":
			err = apiutil.ErrIncorrectLogin.Because(err)
		case errors.As(err, &ie) && ie.Field == "password":
			err = apiutil.NewError("invalid_password", http.StatusBadRequest).Because(err)
		}
		m.d.Fail(w, r, err, nil, apiutil.NewError("couldnt_update_user", http.StatusBadRequest))
		return
	}
	token, err := m.d.Tokens.Issue(r.Context(), u, r.UserAgent())
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, LoginResponse{JWT: &token})
}
