package web

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type commentPage struct {
	postPage
	Focus     store.Comment
	Ancestors []store.Comment
}

// commentShow is one comment with the comments above it and every reply
// under it; "continue this thread" links lead here.
func (h *Handler) commentShow(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such comment.")
		return
	}
	ctx := r.Context()
	c, err := h.forum.Comment(ctx, id)
	if errors.Is(err, forum.ErrNotFound) {
		h.notFoundMsg(w, r, "There is no such comment. It may never have existed here.")
		return
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	post, community, ok := h.threadFrame(w, r, c.PostID, "comment")
	if !ok {
		return
	}
	ancestors, err := h.store.Ancestors(ctx, id)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	subtree, err := h.store.Subtree(ctx, id, 0)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	sortBy := commentSort(r)
	p := commentPage{postPage: postPage{page: h.newPage(r, "Comment on "+post.Title), Post: post, Community: community,
		CommentSort: sortBy, Sorts: commentSorts}, Focus: c, Ancestors: ancestors}
	if err := h.moderatorView(r, &p.postPage); err != nil {
		h.serverError(w, r, err)
		return
	}
	votes := map[int64]int{}
	if p.User != nil {
		if votes, err = h.store.CommentVotesInPost(ctx, post.ID, p.User.ID); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	var parent int64
	if c.ParentID != nil {
		parent = *c.ParentID
	}
	nodes, _ := buildTree(subtree, votes, sortBy, parent, maxShownComments)
	tc := h.newThreadContext(p.page, post, p.ModPath)
	if tc.reader, err = h.newThreadReader(ctx, p.User, post.ID, subtree); err != nil {
		h.serverError(w, r, err)
		return
	}
	p.Comments = treeHTML(tc.views(nodes))
	if !c.Deleted && !c.Removed {
		p.Description = h.forum.PlainText(c.Body, 300)
	}
	h.render(w, r, http.StatusOK, "comment", p)
}
