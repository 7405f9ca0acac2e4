package comment

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

var errCreateComment = apiutil.NewError("couldnt_create_comment", http.StatusBadRequest)

// create replies to a post, or to a comment in it (parent_id), through
// the web's rule. language_id is accepted and, as the web does, the
// comment takes no language of its own yet.
func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreateComment
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.ParentID != 0 {
		parent, err := m.d.Forum.Comment(r.Context(), in.ParentID)
		if err != nil {
			m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, nil)
			return
		}
		if parent.PostID != in.PostID {
			m.d.Fail(w, r, apiutil.ErrCommentNotFound, nil, nil)
			return
		}
	}
	c, err := m.d.Forum.CreateComment(r.Context(), u, in.PostID, in.ParentID, in.Content)
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errCreateComment), apiutil.ErrPostNotFound, errCreateComment)
		return
	}
	m.respond(w, r, c.ID)
}
