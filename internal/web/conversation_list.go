package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/store"
)

type conversationsPage struct {
	page
	Conversations []conversationRow
}

// conversationRow is a line of the list: where the conversation is, and
// the start of its latest message.
type conversationRow struct {
	store.Conversation
	Path    string
	Snippet string
}

// conversationList is /inbox/messages: one line per person one exchanged
// messages with, the latest first, with how many of theirs are unread.
func (h *Handler) conversationList(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	cs, err := h.forum.Conversations(r.Context(), u)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := conversationsPage{page: h.newPage(r, "Messages")}
	for _, c := range cs {
		p.Conversations = append(p.Conversations, conversationRow{Conversation: c,
			Path: h.conversationPath(c.OtherName, c.OtherDomain), Snippet: snippet(h.forum.PlainText(c.Last.Content, 200))})
	}
	p.Canonical = ""
	h.render(w, r, http.StatusOK, "conversations", p)
}
