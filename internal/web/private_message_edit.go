package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/store"
)

// privateMessageEdit shows the form that edits one's own message.
func (h *Handler) privateMessageEdit(w http.ResponseWriter, r *http.Request) {
	m, ok := h.ownMessageOr404(w, r)
	if !ok {
		return
	}
	h.render(w, r, http.StatusOK, "private_message_form", h.editMessagePage(r, m, m.Content))
}

// privateMessageUpdate saves the edit and goes back to the conversation.
func (h *Handler) privateMessageUpdate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	m, ok := h.ownMessageOr404(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Message not saved", errorText(err))
		return
	}
	content := r.PostForm.Get("content")
	if _, err := h.forum.EditPrivateMessage(r.Context(), u, m.ID, content); err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		p := h.editMessagePage(r, m, content)
		p.Error = errorText(err)
		h.render(w, r, statusFor(err), "private_message_form", p)
		return
	}
	http.Redirect(w, r, h.conversationPath(m.RecipientName, m.RecipientDomain)+"#pm"+strconv.FormatInt(m.ID, 10),
		http.StatusSeeOther)
}

func (h *Handler) editMessagePage(r *http.Request, m store.PrivateMessage, content string) messageFormPage {
	p := messageFormPage{page: h.newPage(r, "Edit message"), Edit: &m, Content: content,
		To:   h.names.handle(m.RecipientName, m.RecipientDomain),
		Back: h.conversationPath(m.RecipientName, m.RecipientDomain) + "#pm" + strconv.FormatInt(m.ID, 10)}
	p.Canonical = ""
	return p
}

// ownMessageOr404 is the message in the URL when the person asking wrote
// it; to its recipient it is a 403, to anyone else it does not exist.
func (h *Handler) ownMessageOr404(w http.ResponseWriter, r *http.Request) (store.PrivateMessage, bool) {
	u, _ := currentUser(r)
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such message.")
		return store.PrivateMessage{}, false
	}
	m, err := h.forum.PrivateMessage(r.Context(), u, id)
	if err == nil && m.CreatorID != u.ID {
		h.message(w, r, http.StatusForbidden, "Not yours", "Only who wrote a message may change it.")
		return m, false
	}
	if err != nil {
		if isInput(err) {
			h.notFoundMsg(w, r, "There is no such message.")
		} else {
			h.serverError(w, r, err)
		}
		return m, false
	}
	return m, true
}
