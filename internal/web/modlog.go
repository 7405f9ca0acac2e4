package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type modlogPage struct {
	page
	Entries []modlogEntry
	Kinds   []forum.ModLogKind
	// The filters as asked, for the form and the pager.
	Community, Person, Kind string
	NextURL, FirstURL       string
	NamesHidden             bool
}

// modlogShow is /modlog: the public moderation log, newest first, by
// community, person and kind of action, a page at a time.
func (h *Handler) modlogShow(w http.ResponseWriter, r *http.Request) {
	qs := r.URL.Query()
	p := modlogPage{page: h.newPage(r, "Moderation log"), Kinds: forum.ModLogKinds,
		Community: strings.TrimSpace(qs.Get("community")), Person: strings.TrimSpace(qs.Get("person")),
		Kind: qs.Get("type")}
	q := forum.ModLogQuery{Kind: p.Kind, Limit: 50}
	if s := qs.Get("after"); s != "" {
		after, ok := store.ParseModLogCursor(s)
		if !ok {
			h.message(w, r, http.StatusBadRequest, "Unknown page", "That page marker is not one this log made.")
			return
		}
		q.After = &after
	}
	ctx := r.Context()
	if p.Community != "" {
		c, err := h.forum.AnyCommunityByHandle(ctx, p.Community)
		if !h.found(w, r, err) {
			return
		}
		q.CommunityID = c.ID
	}
	if p.Person != "" {
		person, err := h.forum.PersonByHandle(ctx, p.Person)
		if !h.found(w, r, err) {
			return
		}
		q.PersonID = person.ID
	}
	var viewer *store.LocalUser
	if u, ok := currentUser(r); ok {
		viewer = &u
	}
	pg, err := h.forum.ModLog(ctx, viewer, q)
	if err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Not in the log", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	for _, e := range pg.Entries {
		p.Entries = append(p.Entries, h.names.modlogEntryOf(e, pg.NamesHidden))
	}
	p.NamesHidden = pg.NamesHidden
	filters := url.Values{}
	for k, v := range map[string]string{"community": p.Community, "person": p.Person, "type": p.Kind} {
		if v != "" {
			filters.Set(k, v)
		}
	}
	if pg.Next != nil {
		next := url.Values{"after": {pg.Next.String()}}
		for k, v := range filters {
			next[k] = v
		}
		p.NextURL = "/modlog?" + next.Encode()
	}
	if q.After != nil {
		p.FirstURL = "/modlog"
		if len(filters) > 0 {
			p.FirstURL += "?" + filters.Encode()
		}
	}
	h.render(w, r, http.StatusOK, "modlog", p)
}

// found answers 404 for a community or person the log was asked about
// that is not here, and 500 for our failure; true when err is nil.
func (h *Handler) found(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return true
	case errors.Is(err, forum.ErrNotFound):
		h.notFoundMsg(w, r, errorText(err))
	default:
		h.serverError(w, r, err)
	}
	return false
}
