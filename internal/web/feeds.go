package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/feeds"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// Feeds are RSS 2.0 of the newest posts, as Lemmy offers them.
func (h *Handler) feedAll(w http.ResponseWriter, r *http.Request) {
	h.feed(w, r, "", "/", store.PostQuery{Listing: store.ListingAll})
}

func (h *Handler) feedLocal(w http.ResponseWriter, r *http.Request) {
	h.feed(w, r, "Local", "/?type=local", store.PostQuery{Listing: store.ListingLocal})
}

func (h *Handler) feedCommunity(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(chi.URLParam(r, "file"), ".xml")
	if !ok {
		http.Error(w, "Feeds end in .xml.", http.StatusNotFound)
		return
	}
	c, err := h.communityByName(r, name)
	if errors.Is(err, forum.ErrNotFound) {
		http.Error(w, "There is no community by that name here.", http.StatusNotFound)
		return
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	h.feed(w, r, c.Title, h.names.communityPath(c.Name, c.Domain), store.PostQuery{CommunityID: c.ID})
}

func (h *Handler) feedUser(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(chi.URLParam(r, "file"), ".xml")
	if !ok {
		http.Error(w, "Feeds end in .xml.", http.StatusNotFound)
		return
	}
	p, err := h.personByName(r, name)
	if errors.Is(err, forum.ErrNotFound) {
		http.Error(w, "There is nobody by that name here.", http.StatusNotFound)
		return
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	posts, err := h.store.PersonPosts(r.Context(), p.ID, 20, false)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	h.writeFeed(w, r, p.Name, h.names.userPath(p.Name, p.Domain), posts)
}

func (h *Handler) feed(w http.ResponseWriter, r *http.Request, title, path string, q store.PostQuery) {
	sort := r.URL.Query().Get("sort")
	if !store.ValidSort(sort) {
		sort = store.SortNew
	}
	q.Sort, q.Limit, q.Reader = sort, 20, readerFilter(r)
	page, err := h.store.ListPosts(r.Context(), q)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	h.writeFeed(w, r, title, path, page.Posts)
}

func (h *Handler) writeFeed(w http.ResponseWriter, r *http.Request, title, path string, posts []store.Post) {
	site := h.site(r.Context())
	name := site.Name
	if title != "" {
		name = title + " · " + site.Name
	}
	f := &feeds.Feed{Title: name, Link: &feeds.Link{Href: h.base + path}, Description: site.Description}
	for _, p := range posts {
		link := h.base + "/post/" + strconv.FormatInt(p.ID, 10)
		item := &feeds.Item{
			Title: p.Title, Link: &feeds.Link{Href: link}, Id: link, Created: p.Published,
			Author:      &feeds.Author{Name: p.CreatorName + "@" + p.CreatorDomain},
			Description: p.BodyHTML,
		}
		if forum.CheckLink(p.URL) == nil {
			item.Link = &feeds.Link{Href: p.URL}
			item.Source = &feeds.Link{Href: link}
		}
		if p.Updated != nil {
			item.Updated = *p.Updated
		}
		f.Items = append(f.Items, item)
	}
	out, err := f.ToRss()
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	_, _ = w.Write([]byte(out))
}
