package web

import (
	"net/http"
)

// notifySettings is the settings page's form about notifications, which
// saves on its own, beside the main form.
type notifySettings struct {
	HideBots bool
}

// notifySettingsOf reads a person's notification settings for the page;
// a failure shows the defaults, logged.
func (h *Handler) notifySettingsOf(r *http.Request) notifySettings {
	u, _ := currentUser(r)
	hide, err := h.forum.HideBotNotifications(r.Context(), u)
	if err != nil {
		h.log.Error("read notification settings", "err", err)
	}
	return notifySettings{HideBots: hide}
}

// settingsNotificationsSave saves whether bots' replies and mentions are
// left out of the inbox.
func (h *Handler) settingsNotificationsSave(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Settings not saved", errorText(err))
		return
	}
	if err := h.forum.SetHideBotNotifications(r.Context(), u, r.PostForm.Get("hide_bot_notifications") == "on"); err != nil {
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?saved=1", http.StatusSeeOther)
}
