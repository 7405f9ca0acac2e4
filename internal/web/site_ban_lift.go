package web

import (
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
)

// siteBanLift lifts a site ban.
func (h *Handler) siteBanLift(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	id, ok := idParam(r.PostForm.Get("person_id"))
	if !ok {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", "The form did not say whose ban to lift.")
		return
	}
	if _, err := h.forum.UnbanFromSite(r.Context(), forum.AsUser(u), id, strings.TrimSpace(r.PostForm.Get("reason"))); err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Nothing changed", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/bans", http.StatusSeeOther)
}
