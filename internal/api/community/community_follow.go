package community

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

var errFollow = apiutil.NewError("community_follower_already_exists", http.StatusBadRequest)

// follow subscribes or unsubscribes as the web's button does: a local
// community accepts at once, a remote one answers Pending until its
// Accept comes.
func (m *Module) follow(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in FollowCommunity
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.Follow {
		err = m.d.Forum.Subscribe(r.Context(), u, in.CommunityID)
	} else {
		err = m.d.Forum.Unsubscribe(r.Context(), u, in.CommunityID)
	}
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errFollow), apiutil.ErrCommunityNotFound, errFollow)
		return
	}
	cv, _, err := apiutil.CommunityView(r.Context(), m.d.Store, r, in.CommunityID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, CommunityResponse{CommunityView: cv, DiscussionLanguages: []int{}})
}
