package admin

import (
	"errors"
	"net/http"
	"time"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

var errUpdateUser = apiutil.NewError("couldnt_update_user", http.StatusBadRequest)

// banPerson bans a person from the site, or lifts the ban, as the admin
// bans page does: with a reason, an end (expires, in Unix seconds) and,
// if asked, the removal of everything they wrote here.
func (m *Module) banPerson(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in BanPerson
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	by := forum.AsUser(u)
	if in.Ban {
		b := forum.SiteBan{Reason: apiutil.Deref(in.Reason), RemoveContent: in.RemoveData != nil && *in.RemoveData}
		if in.Expires != nil {
			b.Expires = time.Unix(*in.Expires, 0)
		}
		_, err = m.d.Forum.BanFromSite(r.Context(), by, in.PersonID, b)
	} else {
		_, err = m.d.Forum.UnbanFromSite(r.Context(), by, in.PersonID, apiutil.Deref(in.Reason))
	}
	if err != nil && !errors.Is(err, forum.ErrUnchanged) {
		m.d.Fail(w, r, apiutil.BanRefusal(err, errUpdateUser), apiutil.NewError("couldnt_find_person", http.StatusBadRequest),
			errUpdateUser)
		return
	}
	pv, err := apiutil.PersonViewByID(r.Context(), m.d.Store, in.PersonID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, BanPersonResponse{PersonView: pv, Banned: in.Ban})
}
