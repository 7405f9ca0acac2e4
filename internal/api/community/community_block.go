package community

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

var errBlock = apiutil.NewError("community_block_already_exists", http.StatusBadRequest)

// block blocks a community for the reader, or unblocks it, as their
// settings page does: its posts leave their listings, and a block ends
// their subscription.
func (m *Module) block(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in BlockCommunity
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	c, err := m.d.Store.CommunityByID(r.Context(), in.CommunityID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	handle := c.Name
	if !c.Local {
		handle += "@" + c.Domain
	}
	if _, err := m.d.Forum.BlockCommunity(r.Context(), u, handle, in.Block); err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errBlock), apiutil.ErrCommunityNotFound, errBlock)
		return
	}
	cv, _, err := apiutil.CommunityView(r.Context(), m.d.Store, r, c.ID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, BlockCommunityResponse{CommunityView: cv, Blocked: in.Block})
}
