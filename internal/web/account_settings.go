package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// accountSettings is the account part of /settings: the password, the
// address and what is mailed to it, and the ways out (export, deletion).
type accountSettings struct {
	MailEnabled        bool // the site can send mail
	Email              string
	EmailVerified      bool
	EmailNotifications bool
	// Done says what the last account form did, for the person.
	Done string
}

// accountNotices are what ?done= may say after an account form: a fixed
// list, so a crafted link cannot put words on the page.
var accountNotices = map[string]string{
	"password":      "Your password is changed. You were logged out everywhere else.",
	"email":         "Your email address is saved.",
	"email_sent":    "We sent a link to your new address. It takes the place of the old one once you follow it.",
	"notifications": "Your email preferences are saved.",
}

func (h *Handler) accountSettings(r *http.Request, u store.LocalUser) accountSettings {
	return accountSettings{MailEnabled: h.forum.MailEnabled(), Email: u.Email, EmailVerified: u.EmailVerified,
		EmailNotifications: u.EmailNotifications, Done: accountNotices[r.URL.Query().Get("done")]}
}

// settingsRefused shows the settings page again with what was wrong with
// an account form.
func (h *Handler) settingsRefused(w http.ResponseWriter, r *http.Request, u store.LocalUser, err error) {
	if !isInput(err) {
		h.serverError(w, r, err)
		return
	}
	p := settingsPage{page: h.newPage(r, "Settings"), Sorts: listingSorts,
		Listings: []string{"all", "local", "subscribed"}, Account: h.accountSettings(r, u),
		Form: forum.Settings{DisplayName: u.DisplayName, Bio: u.Bio, DefaultSort: u.DefaultSort,
			DefaultListing: u.DefaultListing, ShowNSFW: u.ShowNSFW}}
	p.Error = errorText(err)
	h.render(w, r, statusFor(err), "settings", p)
}
