package user

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
)

// markAllAsRead marks every reply, mention and private message read, as
// the web's inbox button does and Lemmy's, and answers Lemmy's empty
// GetRepliesResponse.
func (m *Module) markAllAsRead(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Forum.MarkAllNotificationsRead(r.Context(), u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, GetRepliesResponse{Replies: []model.CommentReplyView{}})
}
