package privatemessage

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

// Lemmy's page of messages: 10 unless asked, at most 50.
const (
	defaultLimit = 10
	maxLimit     = 50
)

// list answers the reader's messages, received and sent, newest first:
// only unread ones received with unread_only, only those exchanged with
// one person with creator_id (a conversation, as the web shows it).
func (m *Module) list(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	qs := apiutil.NewQuery(r.URL.Query())
	q := store.PrivateMessageQuery{PersonID: u.ID, UnreadOnly: qs.Bool("unread_only"), OtherID: qs.Int64("creator_id")}
	limit, page := qs.Int64("limit"), qs.Int64("page")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	switch {
	case limit < 0 || limit > maxLimit:
		m.d.Fail(w, r, apiutil.ErrTooManyItems.Because(errors.New("limit out of range")), nil, nil)
		return
	case page < 0 || page > 100000:
		m.d.Fail(w, r, apiutil.ErrInvalidQuery.Because(errors.New("page out of range")), nil, nil)
		return
	case limit == 0:
		limit = defaultLimit
	}
	q.Limit, q.Offset = int(limit), int((max(page, 1)-1)*limit)
	list, err := m.d.Store.ListPrivateMessages(r.Context(), q)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	views, err := m.views(r.Context(), list)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, PrivateMessagesResponse{PrivateMessages: views})
}
