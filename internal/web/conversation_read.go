package web

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

// conversationRead marks read what the other person sent, up to the
// message named by upto (all of it without), and goes back.
func (h *Handler) conversationRead(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	other, err := h.conversationPartner(r)
	if errors.Is(err, forum.ErrNotFound) {
		h.notFoundMsg(w, r, "There is no such conversation.")
		return
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Not marked read", errorText(err))
		return
	}
	var upTo int64
	if s := r.PostForm.Get("upto"); s != "" {
		var ok bool
		if upTo, ok = idParam(s); !ok {
			h.message(w, r, http.StatusBadRequest, "Not marked read", "There is no such message.")
			return
		}
	}
	if upTo != 0 {
		m, err := h.forum.PrivateMessage(r.Context(), u, upTo)
		if err == nil && m.CreatorID != other.ID {
			err = &forum.InputError{Msg: "that message is not one of " + other.Name + "'s to you"}
		}
		if err != nil {
			h.refuseForm(w, r, "Not marked read", err)
			return
		}
	}
	if err := h.forum.MarkPrivateMessagesRead(r.Context(), u, other.ID, upTo); err != nil {
		h.refuseForm(w, r, "Not marked read", err)
		return
	}
	http.Redirect(w, r, h.conversationPath(other.Name, other.Domain), http.StatusSeeOther)
}
