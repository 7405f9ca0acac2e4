package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type conversationPage struct {
	page
	Other    store.Person
	Handle   string // the other person's, for the reply form
	Path     string // of this conversation
	Messages []store.PrivateMessage
	Unread   int
	// MayReply is false when the other person cannot be written to (their
	// account is gone, say), with Refusal saying why.
	MayReply bool
	Refusal  string
}

// conversationShow is /inbox/messages/{person}: the messages between the
// person asking and another, oldest first, with a reply box. Someone with
// no messages with that person finds nothing there.
func (h *Handler) conversationShow(w http.ResponseWriter, r *http.Request) {
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
	ms, err := h.forum.Conversation(r.Context(), u, other.ID)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if len(ms) == 0 {
		h.notFoundMsg(w, r, "There is no such conversation.")
		return
	}
	p := conversationPage{page: h.newPage(r, "Messages with "+other.Name), Other: other, Messages: ms,
		Handle: h.names.handle(other.Name, other.Domain), Path: h.conversationPath(other.Name, other.Domain), MayReply: true}
	p.Canonical = ""
	for _, m := range ms {
		if m.RecipientID == u.ID && !m.Read && !m.Deleted {
			p.Unread++
		}
	}
	if err := h.forum.MayMessage(r.Context(), u, other); err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		p.MayReply, p.Refusal = false, errorText(err)
	}
	h.render(w, r, http.StatusOK, "conversation", p)
}

// conversationPartner is the person in the URL of a conversation: deleted
// accounts too, so that what was said with them stays readable.
func (h *Handler) conversationPartner(r *http.Request) (store.Person, error) {
	handle := chi.URLParam(r, "person")
	var p store.Person
	var err error
	if name, host, ok := strings.Cut(handle, "@"); ok {
		p, err = h.store.PersonByNameAndDomain(r.Context(), name, domainOf(host))
	} else {
		p, err = h.store.LocalPersonByName(r.Context(), handle)
	}
	if errors.Is(err, store.ErrNotFound) {
		return p, forum.ErrNotFound
	}
	return p, err
}
