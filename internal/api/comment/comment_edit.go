package comment

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

var errUpdateComment = apiutil.NewError("couldnt_update_comment", http.StatusBadRequest)

// edit changes one's own comment's text; without content nothing
// changes, as Lemmy leaves out what stays.
func (m *Module) edit(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in EditComment
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.Content != nil {
		if _, err := m.d.Forum.EditComment(r.Context(), u, in.CommentID, *in.Content); err != nil {
			m.d.Fail(w, r, apiutil.CommentRefusal(err, errUpdateComment), apiutil.ErrCommentNotFound, errUpdateComment)
			return
		}
	} else if c, err := m.d.Forum.Comment(r.Context(), in.CommentID); err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, nil)
		return
	} else if c.CreatorID != u.ID {
		m.d.Fail(w, r, apiutil.ErrNoCommentEdit, nil, nil)
		return
	}
	m.respond(w, r, in.CommentID)
}
