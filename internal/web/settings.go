package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

type settingsPage struct {
	page
	Form     forum.Settings
	Sorts    []string
	Listings []string
	Saved    bool
	Notify   notifySettings
	Account  accountSettings // password, email, deletion and export
}

func (h *Handler) settingsForm(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	p := settingsPage{page: h.newPage(r, "Settings"), Sorts: listingSorts,
		Listings: []string{"all", "local", "subscribed"}, Saved: r.URL.Query().Get("saved") == "1",
		Form: forum.Settings{DisplayName: u.DisplayName, Bio: u.Bio, DefaultSort: u.DefaultSort,
			DefaultListing: u.DefaultListing, ShowNSFW: u.ShowNSFW}}
	p.Notify = h.notifySettingsOf(r)
	p.Account = h.accountSettings(r, u)
	h.render(w, r, http.StatusOK, "settings", p)
}

func (h *Handler) settingsSave(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Settings not saved", errorText(err))
		return
	}
	f := r.PostForm
	in := forum.Settings{DisplayName: f.Get("display_name"), Bio: f.Get("bio"), DefaultSort: f.Get("default_sort"),
		DefaultListing: f.Get("default_listing"), ShowNSFW: f.Get("show_nsfw") == "on"}
	if err := h.forum.UpdateSettings(r.Context(), u, in); err != nil {
		if isInput(err) {
			p := settingsPage{page: h.newPage(r, "Settings"), Form: in, Sorts: listingSorts,
				Listings: []string{"all", "local", "subscribed"}, Notify: h.notifySettingsOf(r),
				Account: h.accountSettings(r, u)}
			p.Error = errorText(err)
			h.render(w, r, statusFor(err), "settings", p)
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/settings?saved=1", http.StatusSeeOther)
}
