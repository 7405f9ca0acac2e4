package comment

import (
	"context"
	"fmt"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// views shapes comments of one post for the request's reader. tree is
// the post's whole tree, for the child counts (every reply below, at any
// depth, as Lemmy's child_count).
func (m *Module) views(ctx context.Context, r *http.Request, p store.Post, comments, tree []store.Comment) ([]model.CommentView, error) {
	children := map[int64]int{}
	for _, c := range tree {
		for _, up := range c.Path[:len(c.Path)-1] {
			children[up]++
		}
	}
	people, ids := make([]int64, 0, len(comments)+1), make([]int64, len(comments))
	for i, c := range comments {
		people, ids[i] = append(people, c.CreatorID), c.ID
	}
	vc, err := apiutil.LoadContext(ctx, m.d.Store, r, nil, ids, []int64{p.CommunityID}, people)
	if err != nil {
		return nil, err
	}
	votes := map[int64]int{}
	if vc.ReaderID != 0 {
		if votes, err = m.d.Store.CommentVotes(ctx, vc.ReaderID, ids); err != nil {
			return nil, fmt.Errorf("comment views: %w", err)
		}
	}
	out := make([]model.CommentView, len(comments))
	for i, c := range comments {
		out[i] = vc.NewCommentView(c, p, children[c.ID], votes[c.ID])
	}
	return out, nil
}

// respond answers CommentResponse with the comment as it now stands.
func (m *Module) respond(w http.ResponseWriter, r *http.Request, id int64) {
	c, err := m.d.Forum.Comment(r.Context(), id)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, nil)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), c.PostID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, nil)
		return
	}
	tree, err := m.d.Store.Subtree(r.Context(), id, 0)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, nil)
		return
	}
	views, err := m.views(r.Context(), r, p, []store.Comment{c}, tree)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, model.CommentResponse{CommentView: views[0], RecipientIDs: []int64{}})
}
