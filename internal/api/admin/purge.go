package admin

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

func (m *Module) purgePerson(w http.ResponseWriter, r *http.Request) {
	m.purge(w, r, forum.PurgePerson, func(in Purge) int64 { return in.PersonID },
		apiutil.NewError("couldnt_find_person", http.StatusBadRequest))
}

func (m *Module) purgeCommunity(w http.ResponseWriter, r *http.Request) {
	m.purge(w, r, forum.PurgeCommunity, func(in Purge) int64 { return in.CommunityID }, apiutil.ErrCommunityNotFound)
}

func (m *Module) purgePost(w http.ResponseWriter, r *http.Request) {
	m.purge(w, r, forum.PurgePost, func(in Purge) int64 { return in.PostID }, apiutil.ErrPostNotFound)
}

func (m *Module) purgeComment(w http.ResponseWriter, r *http.Request) {
	m.purge(w, r, forum.PurgeComment, func(in Purge) int64 { return in.CommentID }, apiutil.ErrCommentNotFound)
}

// purge deletes a person, community, post or comment for good with what
// it owns, as the admin purge page does once confirmed: the API's caller
// has confirmed by calling.
func (m *Module) purge(w http.ResponseWriter, r *http.Request, kind string, id func(Purge) int64, notFound *apiutil.Error) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in Purge
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if _, err := m.d.Forum.Purge(r.Context(), forum.AsUser(u), kind, id(in), apiutil.Deref(in.Reason)); err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, apiutil.ErrUnknown), notFound, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, SuccessResponse{Success: true})
}
