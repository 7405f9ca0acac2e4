package user

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// unreadCount badges the app's inbox. Tidings keeps replies and mentions
// as one list of notifications; they are all counted as replies here.
// TODO(inbox): split mentions out once user/mention is served.
func (m *Module) unreadCount(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	replies, err := m.d.Store.CountUnreadNotifications(r.Context(), u.ID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	messages, err := m.d.Store.CountUnreadPrivateMessages(r.Context(), u.ID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetUnreadCountResponse{Replies: replies, PrivateMessages: messages})
}
