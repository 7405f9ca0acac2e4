package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/store"
)

// messageFormPage writes a new private message, or edits one.
type messageFormPage struct {
	page
	To        string // as typed, or the recipient's handle
	Recipient *store.Person
	Content   string
	// Edit is the message being edited, and Back its place in the
	// conversation; nil for a new one.
	Edit *store.PrivateMessage
	Back string
}

// privateMessageNew shows the form that writes to ?to=NAME (or
// NAME@HOST), saying at once when that person cannot be written to.
func (h *Handler) privateMessageNew(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	p := messageFormPage{page: h.newPage(r, "New message"), To: r.URL.Query().Get("to")}
	p.Canonical = ""
	if p.To == "" {
		h.render(w, r, http.StatusOK, "private_message_form", p)
		return
	}
	to, err := h.messageRecipient(r, p.To)
	if err == nil {
		err = h.forum.MayMessage(r.Context(), u, to)
	}
	if err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		p.Error = errorText(err)
		h.render(w, r, statusFor(err), "private_message_form", p)
		return
	}
	p.Recipient, p.To = &to, h.names.handle(to.Name, to.Domain)
	h.render(w, r, http.StatusOK, "private_message_form", p)
}
