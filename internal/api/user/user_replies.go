package user

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// replies answers the replies to the reader's posts and comments.
func (m *Module) replies(w http.ResponseWriter, r *http.Request) {
	entries, u, err := m.inbox(r, store.NotifyReply)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	me := model.NewPerson(u.Person)
	out := GetRepliesResponse{Replies: make([]model.CommentReplyView, len(entries))}
	for i, e := range entries {
		out.Replies[i] = model.CommentReplyView{CommentReply: entry(e, u), Recipient: me, CommentView: e.view}
	}
	apiutil.WriteJSON(w, http.StatusOK, out)
}
