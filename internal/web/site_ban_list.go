package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type siteBansPage struct {
	page
	Bans []siteBanRow
	// Form is what the ban form shows: what was typed, or the person a
	// profile's "Ban from the site" link named.
	Form siteBanForm
}

type siteBanForm struct {
	Person, Reason, Expires string
	RemoveContent           bool
}

type siteBanRow struct {
	Person store.Person
	Since  when
	Until  string
}

// siteBanList is /admin/bans: the people banned from the site, and the
// form to ban someone, local or remote.
func (h *Handler) siteBanList(w http.ResponseWriter, r *http.Request) {
	h.siteBansPage(w, r, http.StatusOK, siteBanForm{Person: r.URL.Query().Get("person")}, "")
}

func (h *Handler) siteBansPage(w http.ResponseWriter, r *http.Request, status int, f siteBanForm, msg string) {
	u, _ := currentUser(r)
	bans, err := h.forum.SiteBans(r.Context(), forum.AsUser(u), 200)
	if err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Admins only", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	p := siteBansPage{page: h.newPage(r, "Site bans"), Form: f}
	p.Error = msg
	for _, b := range bans {
		row := siteBanRow{Person: b, Until: "until lifted"}
		if b.BannedAt != nil {
			row.Since = newWhen(*b.BannedAt)
		}
		if b.BanExpiresAt != nil {
			row.Until = "until " + newWhen(*b.BanExpiresAt).Exact
		}
		p.Bans = append(p.Bans, row)
	}
	h.render(w, r, status, "admin_bans", p)
}
