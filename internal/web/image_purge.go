package web

import (
	"net/http"
	"net/url"

	"github.com/tidings/tidings/internal/forum"
)

// imagePurge deletes a picture for good, from the list on /admin/purge:
// every record of it, what shows it, and its files.
func (h *Handler) imagePurge(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing purged", errorText(err))
		return
	}
	key := r.PostForm.Get("key")
	if _, err := h.forum.PurgeImage(r.Context(), forum.AsUser(u), key); err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Nothing purged", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/purge?purged="+url.QueryEscape(key)+"#images", http.StatusSeeOther)
}
