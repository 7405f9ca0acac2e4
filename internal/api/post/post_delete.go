package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// delete marks one's own post deleted, or restores it.
func (m *Module) delete(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in DeletePost
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Forum.DeletePost(r.Context(), u, in.PostID, in.Deleted); err != nil {
		m.d.Fail(w, r, apiutil.PostRefusal(err, errUpdatePost), apiutil.ErrPostNotFound, errUpdatePost)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), in.PostID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, nil)
		return
	}
	m.respond(w, r, p)
}
