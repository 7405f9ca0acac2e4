package web

import (
	"net/http"
	"net/url"
	"strconv"
)

// privateMessageCreate sends a message, then shows it in its
// conversation.
func (h *Handler) privateMessageCreate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Message not sent", errorText(err))
		return
	}
	if !h.limits.post.Allow("u" + strconv.FormatInt(u.ID, 10)) {
		h.message(w, r, http.StatusTooManyRequests, "Slow down", "You are sending too fast. Wait a few seconds and try again.")
		return
	}
	p := messageFormPage{page: h.newPage(r, "New message"), To: r.PostForm.Get("to"), Content: r.PostForm.Get("content")}
	p.Canonical = ""
	to, err := h.messageRecipient(r, p.To)
	if err == nil {
		p.Recipient = &to
		_, err = h.forum.SendPrivateMessage(r.Context(), u, to.ID, p.Content)
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
	http.Redirect(w, r, h.conversationPath(to.Name, to.Domain), http.StatusSeeOther)
}

// conversationPath is where the conversation with a person is.
func (h *Handler) conversationPath(name, domain string) string {
	if domain == h.names.localHost {
		return "/inbox/messages/" + url.PathEscape(name)
	}
	return "/inbox/messages/" + url.PathEscape(name) + "@" + domain
}
