package web

import (
	"net/http"
	"strconv"
)

// privateMessageDelete deletes one's own message for both people, or,
// with restore=1, brings it back.
func (h *Handler) privateMessageDelete(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	m, ok := h.ownMessageOr404(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Message not changed", errorText(err))
		return
	}
	restore := r.PostForm.Get("restore") == "1"
	if _, err := h.forum.DeletePrivateMessage(r.Context(), u, m.ID, !restore); err != nil {
		h.refuseForm(w, r, "Message not changed", err)
		return
	}
	http.Redirect(w, r, h.conversationPath(m.RecipientName, m.RecipientDomain)+"#pm"+strconv.FormatInt(m.ID, 10),
		http.StatusSeeOther)
}
