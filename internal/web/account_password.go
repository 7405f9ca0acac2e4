package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

// passwordChange changes the logged-in person's password and logs them
// out everywhere else.
func (h *Handler) passwordChange(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.settingsRefused(w, r, u, err)
		return
	}
	f := r.PostForm
	var keep string
	if c, err := r.Cookie(sessionCookie); err == nil {
		keep = c.Value
	}
	err := h.forum.ChangePassword(r.Context(), u, forum.PasswordChange{
		Current: f.Get("current_password"), New: f.Get("new_password"), Again: f.Get("new_password_again"),
	}, keep)
	if err != nil {
		h.settingsRefused(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/settings?done=password#account", http.StatusSeeOther)
}
