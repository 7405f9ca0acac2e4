package user

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// inboxMaxPage bounds page numbers: the inbox pages by id, so page n is
// found by walking n-1 pages of forum.NotificationPage.
const inboxMaxPage = 20

// inboxEntry is a notification with the comment it is about, shaped.
type inboxEntry struct {
	note store.Notification
	view model.CommentView
}

// inbox reads a page of the reader's notifications of one kind, newest
// first (the only order Tidings keeps: Lemmy's sort is accepted and New
// is what it gets), with their comments shaped as CommentViews. A mention
// in a post, not a comment, has no place in Lemmy's shape and is left
// out; the web's inbox shows it.
func (m *Module) inbox(r *http.Request, kind string) ([]inboxEntry, store.LocalUser, error) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		return nil, u, err
	}
	qs := apiutil.NewQuery(r.URL.Query())
	page, unread, sort := qs.Int64("page"), qs.Bool("unread_only"), qs.String("sort")
	limit := qs.Int64("limit")
	if err := qs.Err(); err != nil {
		return nil, u, err
	}
	switch sort {
	case "", "Hot", "Top", "New", "Old", "Controversial":
	default:
		return nil, u, apiutil.ErrInvalidQuery.Because(errors.New("unknown sort " + sort))
	}
	if page < 0 || page > inboxMaxPage || limit < 0 || limit > 50 {
		return nil, u, apiutil.ErrTooManyItems
	}
	page = max(page, 1)
	var notes []store.Notification
	var before int64
	for i := int64(1); i <= page; i++ {
		ns, more, err := m.d.Forum.Notifications(r.Context(), u, forum.NotificationQuery{Kind: kind, UnreadOnly: unread, Before: before})
		if err != nil {
			return nil, u, err
		}
		if i == page {
			notes = ns
		}
		if !more || len(ns) == 0 {
			break
		}
		before = ns[len(ns)-1].ID
	}
	notes = notesWithComments(notes)
	if limit > 0 && int(limit) < len(notes) {
		notes = notes[:limit]
	}
	ids := make([]int64, len(notes))
	for i, n := range notes {
		ids[i] = n.CommentID
	}
	byID, err := m.d.Store.CommentsByIDs(r.Context(), ids)
	if err != nil {
		return nil, u, err
	}
	comments := make([]store.Comment, 0, len(notes))
	kept := notes[:0]
	for _, n := range notes {
		if c, ok := byID[n.CommentID]; ok {
			comments, kept = append(comments, c), append(kept, n)
		}
	}
	views, err := apiutil.CommentViews(r.Context(), m.d.Store, r, comments)
	if err != nil {
		return nil, u, err
	}
	out := make([]inboxEntry, len(kept))
	for i, n := range kept {
		out[i] = inboxEntry{note: n, view: views[i]}
	}
	return out, u, nil
}

func notesWithComments(ns []store.Notification) []store.Notification {
	out := ns[:0:0]
	for _, n := range ns {
		if n.CommentID != 0 {
			out = append(out, n)
		}
	}
	return out
}

func entry(e inboxEntry, u store.LocalUser) model.CommentReply {
	return model.CommentReply{ID: e.note.ID, RecipientID: u.ID, CommentID: e.note.CommentID, Read: e.note.Read,
		Published: model.Time(e.note.CreatedAt)}
}
