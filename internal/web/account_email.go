package web

import (
	"net/http"
)

// emailChange sets the logged-in person's address; with mail set up, the
// new one is mailed a link and replaces the old once followed.
func (h *Handler) emailChange(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.settingsRefused(w, r, u, err)
		return
	}
	if !h.acct.email.Allow(u.Name) {
		h.message(w, r, http.StatusTooManyRequests, "Not saved", "Too many address changes. Wait a few minutes and try again.")
		return
	}
	sent, err := h.forum.ChangeEmail(r.Context(), u, r.PostForm.Get("email"))
	if err != nil {
		h.settingsRefused(w, r, u, err)
		return
	}
	done := "email"
	if sent {
		done = "email_sent"
	}
	http.Redirect(w, r, "/settings?done="+done+"#account", http.StatusSeeOther)
}

// emailNotificationsSave saves whether replies and messages are mailed.
func (h *Handler) emailNotificationsSave(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.settingsRefused(w, r, u, err)
		return
	}
	if err := h.forum.SetEmailNotifications(r.Context(), u, r.PostForm.Get("email_notifications") == "on"); err != nil {
		h.settingsRefused(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/settings?done=notifications#account", http.StatusSeeOther)
}
