package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

var errLikePost = apiutil.NewError("couldnt_like_post", http.StatusBadRequest)

// like votes as the web's arrows do: 1, -1, or 0 to take a vote back.
func (m *Module) like(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreatePostLike
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.Score < -1 || in.Score > 1 {
		m.d.Fail(w, r, apiutil.ErrInvalidVote, nil, nil)
		return
	}
	if _, err := m.d.Forum.VotePost(r.Context(), u, in.PostID, in.Score); err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errLikePost), apiutil.ErrPostNotFound, errLikePost)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), in.PostID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, nil)
		return
	}
	m.respond(w, r, p)
}
