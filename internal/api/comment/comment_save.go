package comment

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

var errSaveComment = apiutil.NewError("couldnt_save_comment", http.StatusBadRequest)

// save keeps a comment in the reader's saved things, or takes it out, as
// the thread's Save button does.
func (m *Module) save(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in SaveComment
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Forum.SaveComment(r.Context(), u, in.CommentID, in.Save); err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errSaveComment), apiutil.ErrCommentNotFound, errSaveComment)
		return
	}
	m.respond(w, r, in.CommentID)
}
