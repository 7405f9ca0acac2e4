package web

import (
	"errors"
	"html/template"
	"math"
	"net/http"
	"slices"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type postPage struct {
	page
	Post        store.Post
	Community   store.Community
	Vote        voteView
	Comments    template.HTML // the rendered tree; see comment_html.go
	Hidden      int
	ShowAllURL  string
	CommentSort string
	Sorts       []string
	Mine        bool
}

func (h *Handler) postShow(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such post.")
		return
	}
	ctx := r.Context()
	post, err := h.forum.Post(ctx, id)
	if errors.Is(err, forum.ErrNotFound) {
		h.notFoundMsg(w, r, "There is no such post. It may never have existed here.")
		return
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	community, err := h.store.CommunityByID(ctx, post.CommunityID)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if community.Deleted || community.Removed {
		h.notFoundMsg(w, r, "This post was in a community that has been deleted.")
		return
	}
	sortBy := r.URL.Query().Get("sort")
	if !slices.Contains(commentSorts, sortBy) {
		sortBy = "hot"
	}
	comments, err := h.store.Thread(ctx, id)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := postPage{page: h.newPage(r, post.Title), Post: post, Community: community, CommentSort: sortBy, Sorts: commentSorts}
	votes := map[int64]int{}
	myVote := 0
	if p.User != nil {
		p.Mine = p.User.ID == post.CreatorID
		if myVote, err = h.store.PostVote(ctx, id, p.User.ID); err != nil {
			h.serverError(w, r, err)
			return
		}
		if votes, err = h.store.CommentVotesInPost(ctx, id, p.User.ID); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	limit := maxShownComments
	if r.URL.Query().Get("all") == "1" {
		limit = math.MaxInt
	}
	p.Vote = newVote("post", post.ID, post.Score, post.Upvotes, post.Downvotes, myVote, p.Path)
	nodes, hidden := buildTree(comments, votes, sortBy, 0, limit)
	p.Comments, p.Hidden = treeHTML(h.newThreadContext(p.page, post).views(nodes)), hidden
	if p.Hidden > 0 {
		p.ShowAllURL = r.URL.Path + "?all=1&sort=" + sortBy
	}
	if !post.Deleted && !post.Removed {
		p.Description = h.forum.PlainText(post.Body, 300)
	}
	if !post.Deleted && !post.Removed {
		p.Image = post.ThumbnailURL
	}
	h.render(w, r, http.StatusOK, "post", p)
}
