package comment

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// delete marks one's own comment deleted, or restores it.
func (m *Module) delete(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in DeleteComment
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Forum.DeleteComment(r.Context(), u, in.CommentID, in.Deleted); err != nil {
		m.d.Fail(w, r, apiutil.CommentRefusal(err, errUpdateComment), apiutil.ErrCommentNotFound, errUpdateComment)
		return
	}
	m.respond(w, r, in.CommentID)
}
