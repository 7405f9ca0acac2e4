package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/tidings/tidings/internal/store"
)

type searchPage struct {
	page
	Query       string
	Type        string
	Posts       []postRow
	Comments    []store.CommentWithPost
	Communities []store.Community
	People      []store.Person
	Searched    bool
}

// search looks through posts, comments, communities and people with
// PostgreSQL's full-text search (names by substring).
func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	typ := r.URL.Query().Get("type")
	switch typ {
	case "", "all", "posts", "comments", "communities", "users":
	default:
		typ = "all"
	}
	if typ == "" {
		typ = "all"
	}
	p := searchPage{page: h.newPage(r, "Search"), Query: q, Type: typ}
	if q == "" {
		h.render(w, r, http.StatusOK, "search", p)
		return
	}
	if !storable(q) || utf8.RuneCountInString(q) > 200 {
		p.Error = "Search for at most 200 characters."
		h.render(w, r, http.StatusBadRequest, "search", p)
		return
	}
	p.Searched = true
	ctx := r.Context()
	var err error
	if typ == "all" || typ == "posts" {
		var posts []store.Post
		var me int64
		showNSFW := false
		if p.User != nil {
			me, showNSFW = p.User.ID, p.User.ShowNSFW
		}
		if posts, err = h.store.SearchPosts(ctx, q, 20, showNSFW); err != nil {
			h.serverError(w, r, err)
			return
		}
		ids := make([]int64, len(posts))
		for i, po := range posts {
			ids[i] = po.ID
		}
		votes, err := h.store.PostVotes(ctx, me, ids)
		if err != nil {
			h.serverError(w, r, err)
			return
		}
		for _, po := range posts {
			p.Posts = append(p.Posts, newPostRow(po, votes[po.ID]))
		}
	}
	if typ == "all" || typ == "comments" {
		if p.Comments, err = h.store.SearchComments(ctx, q, 20); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	if typ == "all" || typ == "communities" {
		if p.Communities, err = h.store.SearchCommunities(ctx, q, 20); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	if typ == "all" || typ == "users" {
		if p.People, err = h.store.SearchPeople(ctx, q, 20); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "search", p)
}
