package user

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// unreadCount badges the app's inbox: replies, mentions and private
// messages, counted as the web's header counts them.
func (m *Module) unreadCount(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	replies, mentions, err := m.d.Store.CountUnreadNotificationKinds(r.Context(), u.ID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	messages, err := m.d.Store.CountUnreadPrivateMessages(r.Context(), u.ID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetUnreadCountResponse{Replies: replies, Mentions: mentions, PrivateMessages: messages})
}
