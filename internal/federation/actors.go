package federation

import (
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// activityJSON is the media type of everything we serve to other servers.
const activityJSON = "application/activity+json; charset=utf-8"

// WantsActivityJSON reports whether a request asks for ActivityStreams JSON
// rather than a page: application/activity+json, or application/ld+json
// (with the ActivityStreams profile, or none).
func WantsActivityJSON(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.ToLower(strings.TrimSpace(mt)) {
		case "application/activity+json":
			return true
		case "application/ld+json":
			if !strings.Contains(params, "profile") || strings.Contains(params, "activitystreams") {
				return true
			}
		}
	}
	return false
}

func (h *Handler) serve(w http.ResponseWriter, status int, v any) {
	h.writeJSON(w, status, activityJSON, v)
}

// gone answers a deleted object with 410 and a Tombstone, so that other
// servers delete their copies.
func (h *Handler) gone(w http.ResponseWriter, id string) {
	h.serve(w, http.StatusGone, ap.NewTombstone(id))
}

func (h *Handler) personJSON(w http.ResponseWriter, r *http.Request) {
	p, err := h.store.LocalPersonByName(r.Context(), chi.URLParam(r, "name"))
	if errors.Is(err, store.ErrNotFound) {
		problem(w, http.StatusNotFound, "no such user here")
		return
	}
	if err != nil {
		h.fail(w, "read person", err)
		return
	}
	if p.Deleted {
		h.gone(w, p.APID)
		return
	}
	obj, err := h.personObject(r.Context(), p)
	if err != nil {
		h.fail(w, "build person", err)
		return
	}
	h.serve(w, http.StatusOK, obj)
}

func (h *Handler) groupJSON(w http.ResponseWriter, r *http.Request) {
	c, ok := h.localCommunity(w, r)
	if !ok {
		return
	}
	obj, err := h.groupObject(r.Context(), c)
	if err != nil {
		h.fail(w, "build community", err)
		return
	}
	h.serve(w, http.StatusOK, obj)
}

// localCommunity finds the community named in the URL, answering 404 or
// 410 itself when there is none to serve.
func (h *Handler) localCommunity(w http.ResponseWriter, r *http.Request) (store.Community, bool) {
	c, err := h.store.LocalCommunityByName(r.Context(), chi.URLParam(r, "name"))
	if errors.Is(err, store.ErrNotFound) {
		problem(w, http.StatusNotFound, "no such community here")
		return c, false
	}
	if err != nil {
		h.fail(w, "read community", err)
		return c, false
	}
	if c.Deleted || c.Removed {
		h.gone(w, c.APID)
		return c, false
	}
	return c, true
}

func (h *Handler) applicationJSON(w http.ResponseWriter, r *http.Request) {
	s, err := h.store.GetSite(r.Context())
	if err != nil {
		h.fail(w, "read site", err)
		return
	}
	obj, err := h.applicationObject(r.Context(), s)
	if err != nil {
		h.fail(w, "build instance actor", err)
		return
	}
	h.serve(w, http.StatusOK, obj)
}

func (h *Handler) pageJSON(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		problem(w, http.StatusNotFound, "no such post here")
		return
	}
	p, err := h.store.PostByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !p.Local) {
		problem(w, http.StatusNotFound, "no such post here")
		return
	}
	if err != nil {
		h.fail(w, "read post", err)
		return
	}
	if p.Deleted || p.Removed {
		h.gone(w, p.APID)
		return
	}
	page, err := h.pageObject(r.Context(), p)
	if err != nil {
		h.fail(w, "build page", err)
		return
	}
	h.serve(w, http.StatusOK, page)
}

func (h *Handler) noteJSON(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		problem(w, http.StatusNotFound, "no such comment here")
		return
	}
	c, err := h.store.CommentByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Local) {
		problem(w, http.StatusNotFound, "no such comment here")
		return
	}
	if err != nil {
		h.fail(w, "read comment", err)
		return
	}
	if c.Deleted || c.Removed {
		h.gone(w, c.APID)
		return
	}
	note, err := h.noteObject(r.Context(), c)
	if err != nil {
		h.fail(w, "build note", err)
		return
	}
	h.serve(w, http.StatusOK, note)
}

func (h *Handler) fail(w http.ResponseWriter, op string, err error) {
	h.log.Error("federation: "+op, "err", err)
	problem(w, http.StatusInternalServerError, "something went wrong on our side; try again later")
}
