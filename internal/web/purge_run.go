package web

import (
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
)

// purgeRun purges what the confirmation named, and shows the purges in
// the moderation log.
func (h *Handler) purgeRun(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing purged", errorText(err))
		return
	}
	p := purgePage{page: h.newPage(r, "Purge"), Kinds: forum.PurgeKinds, Kind: r.PostForm.Get("kind"),
		Reason: strings.TrimSpace(r.PostForm.Get("reason"))}
	id, ok := idParam(r.PostForm.Get("id"))
	if !ok {
		h.message(w, r, http.StatusBadRequest, "Nothing purged", "The form did not say what to purge.")
		return
	}
	if _, err := h.forum.Purge(r.Context(), forum.AsUser(u), p.Kind, id, p.Reason); err != nil {
		h.purgePage(w, r, p, err)
		return
	}
	http.Redirect(w, r, "/modlog?type=purge", http.StatusSeeOther)
}
