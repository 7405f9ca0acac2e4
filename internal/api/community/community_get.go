package community

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// get answers a community by id or name (name@host for a remote one)
// with its moderators. Every community takes every language, so
// discussion_languages is empty, which Lemmy reads as "all".
func (m *Module) get(w http.ResponseWriter, r *http.Request) {
	qs := apiutil.NewQuery(r.URL.Query())
	id, name := qs.Int64("id"), qs.String("name")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	c, err := apiutil.FindCommunity(r, m.d, id, name)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	m.respondGet(w, r, c.ID)
}

// respondGet answers GetCommunityResponse: the community with its
// moderators.
func (m *Module) respondGet(w http.ResponseWriter, r *http.Request, id int64) {
	cv, mods, err := apiutil.CommunityView(r.Context(), m.d.Store, r, id)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetCommunityResponse{CommunityView: cv, Moderators: mods,
		DiscussionLanguages: []int{}})
}
