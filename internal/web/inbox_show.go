package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// inboxPage is a person's replies and mentions.
type inboxPage struct {
	page
	Filter        string // "", "unread", "replies" or "mentions"
	Filters       []inboxFilter
	Notifications []store.Notification
	Next          string // the next page, when there is one
}

// inboxFilter is one of the inbox's tabs.
type inboxFilter struct {
	Name, Label, URL string
}

// inboxFilters are the tabs, as Lemmy's inbox has them: which
// notifications each shows.
var inboxFilters = []struct {
	name, label string
	query       forum.NotificationQuery
}{
	{"", "All", forum.NotificationQuery{}},
	{"unread", "Unread", forum.NotificationQuery{UnreadOnly: true}},
	{"replies", "Replies", forum.NotificationQuery{Kind: store.NotifyReply}},
	{"mentions", "Mentions", forum.NotificationQuery{Kind: store.NotifyMention}},
}

// inboxShow is /inbox: the person's replies and mentions, newest first,
// a page at a time (?before=ID), all of them or one tab's
// (?filter=unread|replies|mentions).
func (h *Handler) inboxShow(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	qs := r.URL.Query()
	p := inboxPage{page: h.newPage(r, "Inbox"), Filter: qs.Get("filter")}
	p.Canonical = ""
	var q forum.NotificationQuery
	found := false
	for _, f := range inboxFilters {
		link := "/inbox"
		if f.name != "" {
			link += "?filter=" + f.name
		}
		p.Filters = append(p.Filters, inboxFilter{Name: f.name, Label: f.label, URL: link})
		if f.name == p.Filter {
			q, found = f.query, true
		}
	}
	if !found {
		h.message(w, r, http.StatusBadRequest, "No such list",
			"The inbox shows all, unread, replies or mentions; there is no list called "+strconv.Quote(p.Filter)+".")
		return
	}
	if s := qs.Get("before"); s != "" {
		before, ok := idParam(s)
		if !ok {
			h.message(w, r, http.StatusBadRequest, "No such page", "That is not a page of your inbox. Start from the first page.")
			return
		}
		q.Before = before
	}
	ns, more, err := h.forum.Notifications(r.Context(), u, q)
	if err != nil {
		h.refuseForm(w, r, "No such list", err)
		return
	}
	p.Notifications = ns
	if more {
		next := url.Values{"before": {strconv.FormatInt(ns[len(ns)-1].ID, 10)}}
		if p.Filter != "" {
			next.Set("filter", p.Filter)
		}
		p.Next = "/inbox" + query(next)
	}
	h.render(w, r, http.StatusOK, "inbox", p)
}
