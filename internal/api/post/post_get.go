package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// get answers one post with its community and moderators, found by its
// id or by one of its comments' (comment_id), as Lemmy allows, and marks
// it read for a logged-in reader.
func (m *Module) get(w http.ResponseWriter, r *http.Request) {
	qs := apiutil.NewQuery(r.URL.Query())
	id, commentID := qs.Int64("id"), qs.Int64("comment_id")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if id == 0 && commentID != 0 {
		c, err := m.d.Forum.Comment(r.Context(), commentID)
		if err != nil {
			m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, apiutil.ErrCommentNotFound)
			return
		}
		id = c.PostID
	}
	if id == 0 {
		m.d.Fail(w, r, apiutil.NewError("no_id_given", http.StatusBadRequest), nil, nil)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), id)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, apiutil.ErrPostNotFound)
		return
	}
	if u, ok := apiutil.User(r); ok {
		// Opening a post reads it, as the web's post page does and Lemmy's
		// GetPost: its comments so far are no longer unread.
		if err := m.d.Store.MarkPostRead(r.Context(), u.ID, p.ID); err != nil {
			m.d.Fail(w, r, err, nil, nil)
			return
		}
	}
	views, err := apiutil.PostViews(r.Context(), m.d.Store, r, []store.Post{p})
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	cv, mods, err := apiutil.CommunityView(r.Context(), m.d.Store, r, p.CommunityID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetPostResponse{PostView: views[0], CommunityView: cv, Moderators: mods,
		CrossPosts: []model.PostView{}})
}
