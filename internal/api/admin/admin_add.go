package admin

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

// add makes a local person an admin, or no longer one, and answers the
// site's admins as they now are.
func (m *Module) add(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in AddAdmin
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Forum.SetAdmin(r.Context(), forum.AsUser(u), in.PersonID, in.Added); err != nil &&
		!errors.Is(err, forum.ErrUnchanged) {
		m.d.Fail(w, r, apiutil.Refusal(err, errUpdateUser), apiutil.NewError("couldnt_find_local_user", http.StatusBadRequest), errUpdateUser)
		return
	}
	admins, err := apiutil.AdminViews(r.Context(), m.d.Store)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, AddAdminResponse{Admins: admins})
}
