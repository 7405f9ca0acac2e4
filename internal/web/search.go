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
	if remoteQuery(q) {
		if path, done := h.resolveRemote(w, r, &p); done {
			http.Redirect(w, r, path, http.StatusSeeOther)
			return
		}
	}
	p.Searched = true
	ctx := r.Context()
	var err error
	if typ == "all" || typ == "posts" {
		showNSFW := p.User != nil && p.User.ShowNSFW
		posts, err := h.store.SearchPosts(ctx, q, 20, showNSFW, readerFilter(r))
		if err != nil {
			h.serverError(w, r, err)
			return
		}
		if p.Posts, err = h.postRows(ctx, p.User, r.URL.RequestURI(), posts); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	if typ == "all" || typ == "comments" {
		if p.Comments, err = h.store.SearchComments(ctx, q, 20, readerFilter(r)); err != nil {
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

// remoteQuery reports text that names something on another server: a
// handle (!community@host, @person@host) or an http(s) URL.
func remoteQuery(q string) bool {
	if strings.ContainsAny(q, " \t") {
		return false
	}
	if strings.HasPrefix(q, "https://") || strings.HasPrefix(q, "http://") {
		return true
	}
	name, host, ok := strings.Cut(strings.TrimLeft(q, "!@"), "@")
	return ok && name != "" && strings.ContainsAny(host, ".:")
}

// resolveRemote looks a handle or URL up on its server. Only people who are
// logged in may make this server fetch from others; what fails is said on
// the page, above the local results.
func (h *Handler) resolveRemote(w http.ResponseWriter, r *http.Request, p *searchPage) (string, bool) {
	switch {
	case h.lookup == nil:
		return "", false
	case p.User == nil:
		p.Error = "Log in to look up communities, people and posts on other servers."
		return "", false
	}
	path, err := h.lookup.Resolve(r.Context(), p.Query)
	if err != nil {
		h.log.Info("search: resolve", "query", p.Query, "err", err)
		p.Error = "Could not find " + p.Query + " on its server: " + err.Error()
		return "", false
	}
	return path, true
}
