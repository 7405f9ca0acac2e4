package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// inboxPage is a person's replies, mentions and received messages.
type inboxPage struct {
	page
	Filter  string // "", "unread", "replies" or "mentions"
	Filters []inboxFilter
	Items   []inboxItem
	Next    string // the next page, when there is one
}

// inboxItem is one line of the inbox: a notification or a message.
type inboxItem struct {
	Notification *store.Notification
	Message      *store.PrivateMessage
}

// inboxFilter is one of the inbox's tabs.
type inboxFilter struct {
	Name, Label, URL string
}

// inboxFilters are the tabs, as Lemmy's inbox has them: which
// notifications each shows, and whether received messages are among them.
var inboxFilters = []struct {
	name, label string
	query       forum.NotificationQuery
	messages    bool
}{
	{"", "All", forum.NotificationQuery{}, true},
	{"unread", "Unread", forum.NotificationQuery{UnreadOnly: true}, true},
	{"replies", "Replies", forum.NotificationQuery{Kind: store.NotifyReply}, false},
	{"mentions", "Mentions", forum.NotificationQuery{Kind: store.NotifyMention}, false},
}

// inboxShow is /inbox: the person's replies and mentions, and on the All
// and Unread tabs the messages they received, newest first, a page at a
// time (?before=ID for notifications, ?mbefore=ID for messages: the two
// lists page on their own ids), all of them or one tab's
// (?filter=unread|replies|mentions).
func (h *Handler) inboxShow(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	qs := r.URL.Query()
	p := inboxPage{page: h.newPage(r, "Inbox"), Filter: qs.Get("filter")}
	p.Canonical = ""
	var q forum.NotificationQuery
	found, withMessages := false, false
	for _, f := range inboxFilters {
		link := "/inbox"
		if f.name != "" {
			link += "?filter=" + f.name
		}
		p.Filters = append(p.Filters, inboxFilter{Name: f.name, Label: f.label, URL: link})
		if f.name == p.Filter {
			q, found, withMessages = f.query, true, f.messages
		}
	}
	if !found {
		h.message(w, r, http.StatusBadRequest, "No such list",
			"The inbox shows all, unread, replies or mentions; there is no list called "+strconv.Quote(p.Filter)+".")
		return
	}
	var mBefore int64
	for name, to := range map[string]*int64{"before": &q.Before, "mbefore": &mBefore} {
		if s := qs.Get(name); s != "" && s != "end" {
			n, ok := idParam(s)
			if !ok {
				h.message(w, r, http.StatusBadRequest, "No such page", "That is not a page of your inbox. Start from the first page.")
				return
			}
			*to = n
		}
	}
	var ns []store.Notification
	var nMore bool
	// A page that starts past the last notification (before=end) shows
	// messages alone.
	if qs.Get("before") != "end" {
		var err error
		if ns, nMore, err = h.forum.Notifications(r.Context(), u, q); err != nil {
			h.refuseForm(w, r, "No such list", err)
			return
		}
	}
	var ms []store.PrivateMessage
	var mMore bool
	if withMessages && qs.Get("mbefore") != "end" {
		var err error
		if ms, mMore, err = h.forum.InboxMessages(r.Context(), u, q.UnreadOnly, mBefore); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	p.Items, nMore, mMore = mergeInbox(ns, ms, nMore, mMore)
	if nMore || mMore {
		next := url.Values{}
		next.Set("before", pageCursor(nMore, lastNotification(p.Items), q.Before))
		if withMessages {
			next.Set("mbefore", pageCursor(mMore, lastMessage(p.Items), mBefore))
		}
		if p.Filter != "" {
			next.Set("filter", p.Filter)
		}
		p.Next = "/inbox" + query(next)
	}
	h.render(w, r, http.StatusOK, "inbox", p)
}

// mergeInbox interleaves a page of notifications and one of messages,
// newest first, and keeps a page's worth; what it leaves out of either
// list is for the next page, so each list's "more" grows by it.
func mergeInbox(ns []store.Notification, ms []store.PrivateMessage, nMore, mMore bool) ([]inboxItem, bool, bool) {
	var out []inboxItem
	i, j := 0, 0
	for len(out) < forum.NotificationPage && (i < len(ns) || j < len(ms)) {
		if j >= len(ms) || (i < len(ns) && !ns[i].CreatedAt.Before(ms[j].Published)) {
			out = append(out, inboxItem{Notification: &ns[i]})
			i++
		} else {
			out = append(out, inboxItem{Message: &ms[j]})
			j++
		}
	}
	return out, nMore || i < len(ns), mMore || j < len(ms)
}

// pageCursor is where the next page of one list starts: after the last
// one shown, where this page started when none was shown, or "end" when
// the list has no more.
func pageCursor(more bool, last, start int64) string {
	switch {
	case !more:
		return "end"
	case last != 0:
		return strconv.FormatInt(last, 10)
	case start != 0:
		return strconv.FormatInt(start, 10)
	}
	return ""
}

func lastNotification(items []inboxItem) int64 {
	for k := len(items) - 1; k >= 0; k-- {
		if n := items[k].Notification; n != nil {
			return n.ID
		}
	}
	return 0
}

func lastMessage(items []inboxItem) int64 {
	for k := len(items) - 1; k >= 0; k-- {
		if m := items[k].Message; m != nil {
			return m.ID
		}
	}
	return 0
}
