package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

// siteBanCreate bans a person from the site, with a reason, an optional
// end and, if asked, the removal of everything they wrote here.
func (h *Handler) siteBanCreate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nobody banned", errorText(err))
		return
	}
	f := siteBanForm{Person: strings.TrimSpace(r.PostForm.Get("person")), Reason: strings.TrimSpace(r.PostForm.Get("reason")),
		Expires: r.PostForm.Get("expires"), RemoveContent: r.PostForm.Get("remove_content") == "on"}
	ctx := r.Context()
	fail := func(err error) {
		if isInput(err) {
			h.siteBansPage(w, r, statusFor(err), f, errorText(err))
			return
		}
		h.serverError(w, r, err)
	}
	if f.Person == "" {
		fail(&forum.InputError{Field: "person", Msg: "say whom to ban: a name here, or name@host"})
		return
	}
	expires, err := forum.ParseBanEnd(f.Expires, time.Now())
	if err != nil {
		fail(err)
		return
	}
	person, err := h.forum.PersonByHandle(ctx, f.Person)
	if err != nil {
		fail(err)
		return
	}
	if _, err := h.forum.BanFromSite(ctx, forum.AsUser(u), person.ID, forum.SiteBan{Reason: f.Reason, Expires: expires,
		RemoveContent: f.RemoveContent}); err != nil {
		fail(err)
		return
	}
	http.Redirect(w, r, "/admin/bans", http.StatusSeeOther)
}
