package comment

import (
	"net/http"
	"slices"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

// savedList answers the reader's saved comments, from every post, newest
// saved first: what an app's saved tab asks comment/list for.
func (m *Module) savedList(w http.ResponseWriter, r *http.Request, limit, page int64) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if limit == 0 {
		limit = defaultLimit
	}
	list, err := m.d.Store.SavedCommentsOf(r.Context(), u.ID, int(limit), int((page-1)*limit))
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	views, err := apiutil.CommentViews(r.Context(), m.d.Store, r, list)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetCommentsResponse{Comments: views})
}

// savedOnly keeps the comments the reader saved.
func (m *Module) savedOnly(r *http.Request, list []store.Comment) ([]store.Comment, error) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return list, nil
	}
	saved, err := m.d.Store.SavedCommentsInPost(r.Context(), u.ID, list[0].PostID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(list, func(c store.Comment) bool { return !saved[c.ID] }), nil
}
