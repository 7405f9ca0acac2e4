package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
)

// inboxMarkRead marks one notification read (or, with read=0, unread)
// and comes back to the inbox where it was.
func (h *Handler) inboxMarkRead(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "You have no such notification.")
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	if err := h.forum.MarkNotificationRead(r.Context(), u, id, r.PostForm.Get("read") != "0"); err != nil {
		h.refuseForm(w, r, "Nothing changed", err)
		return
	}
	back := safeReturn(r.PostForm.Get("return"), "/inbox")
	http.Redirect(w, r, back+"#n"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// inboxMarkAllRead marks every notification of the person read.
func (h *Handler) inboxMarkAllRead(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	if err := h.forum.MarkAllNotificationsRead(r.Context(), u); err != nil {
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, safeReturn(r.PostForm.Get("return"), "/inbox"), http.StatusSeeOther)
}
