package federation

import (
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/activitypub/iri"
	"github.com/tidings/tidings/internal/store"
)

// outboxSize is how many recent posts a community's outbox holds, as in
// Lemmy: enough for a new follower to fill its copy of the community.
const outboxSize = 20

// communityOutbox lists the community's latest posts, each as the Create
// that published it: the collection holds the newest outboxSize, as
// Lemmy's does, and names its first page, from which pages (?page=CURSOR)
// lead back through older posts for a new follower that wants more.
func (h *Handler) communityOutbox(w http.ResponseWriter, r *http.Request) {
	c, ok := h.localCommunity(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	id := iri.Outbox(c.APID)
	q := store.PostQuery{Sort: store.SortNew, CommunityID: c.ID, Limit: outboxSize, ShowNSFW: true}
	paged := r.URL.Query().Has("page")
	if paged && r.URL.Query().Get("page") != "first" {
		cur, err := store.ParseCursor(r.URL.Query().Get("page"))
		if err != nil {
			problem(w, http.StatusBadRequest, "no such page of the outbox")
			return
		}
		q.After = cur
	}
	page, err := h.store.ListPosts(ctx, q)
	if err != nil {
		h.fail(w, "list outbox", err)
		return
	}
	items := ap.Items{}
	for _, p := range page.Posts {
		obj, err := h.pageObject(ctx, p)
		if err != nil {
			h.fail(w, "build outbox page", err)
			return
		}
		create, err := ap.NewCreate(obj.AttributedTo.ID, obj)
		if err != nil {
			h.fail(w, "build outbox create", err)
			return
		}
		item, err := ap.Embed(create)
		if err != nil {
			h.fail(w, "embed outbox item", err)
			return
		}
		items = append(items, item)
	}
	if !paged {
		col := ap.NewOrderedCollection(id, len(items), items)
		col.First = ap.IRI(id + "?page=first")
		h.serve(w, http.StatusOK, col)
		return
	}
	col := ap.NewOrderedCollection(id+"?"+r.URL.RawQuery, len(items), items)
	col.Type, col.PartOf = ap.KindOrderedCollectionPage, id
	if !page.Next.IsZero() {
		col.Next = ap.IRI(id + "?page=" + url.QueryEscape(page.Next.String()))
	}
	h.serve(w, http.StatusOK, col)
}

// communityFollowers tells only how many follow, as Lemmy does.
func (h *Handler) communityFollowers(w http.ResponseWriter, r *http.Request) {
	c, ok := h.localCommunity(w, r)
	if !ok {
		return
	}
	c, err := h.store.WithCounts(r.Context(), c)
	if err != nil {
		h.fail(w, "count followers", err)
		return
	}
	h.serve(w, http.StatusOK, ap.NewCollection(iri.Followers(c.APID), int(c.Subscribers)))
}

// communityModerators lists the moderators' ids.
func (h *Handler) communityModerators(w http.ResponseWriter, r *http.Request) {
	c, ok := h.localCommunity(w, r)
	if !ok {
		return
	}
	mods, err := h.store.Moderators(r.Context(), c.ID)
	if err != nil {
		h.fail(w, "list moderators", err)
		return
	}
	items := ap.Items{}
	for _, m := range mods {
		items = append(items, ap.IRI(m.APID))
	}
	h.serve(w, http.StatusOK, ap.NewOrderedCollection(iri.Moderators(c.APID), len(items), items))
}

// communityFeatured lists the community's pinned posts as Pages.
func (h *Handler) communityFeatured(w http.ResponseWriter, r *http.Request) {
	c, ok := h.localCommunity(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	posts, err := h.store.FeaturedPosts(ctx, c.ID)
	if err != nil {
		h.fail(w, "list featured", err)
		return
	}
	items := ap.Items{}
	for _, p := range posts {
		obj, err := h.pageObject(ctx, p)
		if err != nil {
			h.fail(w, "build featured page", err)
			return
		}
		item, err := ap.Embed(obj)
		if err != nil {
			h.fail(w, "embed featured page", err)
			return
		}
		items = append(items, item)
	}
	h.serve(w, http.StatusOK, ap.NewOrderedCollection(iri.Featured(c.APID), len(items), items))
}

// personOutbox is empty: Lemmy keeps a person's activities with their
// communities, and so do we.
func (h *Handler) personOutbox(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	p, err := h.store.LocalPersonByName(r.Context(), name)
	if err != nil {
		problem(w, http.StatusNotFound, "no such user here")
		return
	}
	h.serve(w, http.StatusOK, ap.NewOrderedCollection(iri.Outbox(p.APID), 0, nil))
}

// instanceOutbox is empty, as Lemmy's is: the instance actor signs
// fetches, and what it would announce its communities announce.
func (h *Handler) instanceOutbox(w http.ResponseWriter, _ *http.Request) {
	h.serve(w, http.StatusOK, ap.NewOrderedCollection(iri.Outbox(h.iri.Base()), 0, nil))
}
