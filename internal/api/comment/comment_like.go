package comment

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

var errLikeComment = apiutil.NewError("couldnt_like_comment", http.StatusBadRequest)

// like votes on a comment: 1, -1, or 0 to take the vote back.
func (m *Module) like(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreateCommentLike
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.Score < -1 || in.Score > 1 {
		m.d.Fail(w, r, apiutil.ErrInvalidVote, nil, nil)
		return
	}
	if _, err := m.d.Forum.VoteComment(r.Context(), u, in.CommentID, in.Score); err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errLikeComment), apiutil.ErrCommentNotFound, errLikeComment)
		return
	}
	m.respond(w, r, in.CommentID)
}
