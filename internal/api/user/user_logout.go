package user

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// logout ends the session the token stands for, so the token is refused
// from now on, here and on the web alike.
func (m *Module) logout(w http.ResponseWriter, r *http.Request) {
	if _, err := apiutil.RequireUser(r); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Tokens.End(r.Context(), apiutil.Session(r)); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, SuccessResponse{Success: true})
}
