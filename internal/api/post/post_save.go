package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

var errSavePost = apiutil.NewError("couldnt_save_post", http.StatusBadRequest)

// save keeps a post in the reader's saved things, or takes it out, as
// the web's Save button does.
func (m *Module) save(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in SavePost
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Forum.SavePost(r.Context(), u, in.PostID, in.Save); err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errSavePost), apiutil.ErrPostNotFound, errSavePost)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), in.PostID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, nil)
		return
	}
	m.respond(w, r, p)
}
