package post

import (
	"errors"
	"net/http"
	"slices"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
)

// maxMarked bounds the posts one call marks: an app marks what it
// scrolled past, a page or a few.
const maxMarked = 1000

// markAsRead marks posts read, or unread, for the reader: the one of
// post_id, as Lemmy 0.19.0 sends it, and those of post_ids, as later
// 0.19 clients do. Marked read, a post has no unread comments and leaves
// the listings of a reader who hides read posts. An id of no post
// refuses the whole call, and nothing is marked.
func (m *Module) markAsRead(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in MarkPostAsRead
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	ids := slices.Clone(in.PostIDs)
	if in.PostID != 0 {
		ids = append(ids, in.PostID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	switch {
	case len(ids) == 0:
		m.d.Fail(w, r, apiutil.NewError("no_id_given", http.StatusBadRequest), nil, nil)
		return
	case len(ids) > maxMarked:
		m.d.Fail(w, r, apiutil.ErrTooManyItems, nil, nil)
		return
	}
	posts, err := m.d.Store.PostsByIDs(r.Context(), ids)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if len(posts) != len(ids) {
		m.d.Fail(w, r, apiutil.ErrPostNotFound.Because(errors.New("an id of no post")), nil, nil)
		return
	}
	if in.Read {
		err = m.d.Store.MarkPostsRead(r.Context(), u.ID, ids)
	} else {
		err = m.d.Store.MarkPostsUnread(r.Context(), u.ID, ids)
	}
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, model.SuccessResponse{Success: true})
}
