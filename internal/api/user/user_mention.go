package user

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// mentions answers the comments that mention the reader.
func (m *Module) mentions(w http.ResponseWriter, r *http.Request) {
	entries, u, err := m.inbox(r, store.NotifyMention)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	me := model.NewPerson(u.Person)
	out := GetPersonMentionsResponse{Mentions: make([]model.PersonMentionView, len(entries))}
	for i, e := range entries {
		out.Mentions[i] = model.PersonMentionView{PersonMention: model.PersonMention(entry(e, u)), Recipient: me, CommentView: e.view}
	}
	apiutil.WriteJSON(w, http.StatusOK, out)
}
