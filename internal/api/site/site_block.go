package site

import (
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

var errBlockInstance = apiutil.NewError("instance_block_already_exists", http.StatusBadRequest)

// block blocks a whole instance for the reader, or unblocks it, as their
// settings page does: its people's posts and comments and its
// communities' posts leave their listings. This instance cannot be
// blocked.
func (m *Module) block(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in BlockInstance
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	inst, err := m.d.Store.InstanceByID(r.Context(), in.InstanceID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if _, err := m.d.Forum.BlockInstanceFor(r.Context(), u, inst.Domain, in.Block); err != nil {
		if forum.IsInputError(err) && strings.Contains(err.Error(), "is this instance") {
			err = apiutil.NewError("cant_block_local_instance", http.StatusBadRequest).Because(err)
		}
		m.d.Fail(w, r, apiutil.Refusal(err, errBlockInstance), nil, errBlockInstance)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, BlockInstanceResponse{Blocked: in.Block})
}
