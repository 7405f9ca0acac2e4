package privatemessage

import (
	"context"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

var errCreate = apiutil.NewError("couldnt_create_private_message", http.StatusBadRequest)

// create sends a message, here or to another server, as the web's
// message form does; a recipient who blocks the sender refuses it.
func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreatePrivateMessage
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	pm, err := m.d.Forum.SendPrivateMessage(r.Context(), u, in.RecipientID, in.Content)
	if err != nil {
		m.d.Fail(w, r, refusal(err, errCreate), apiutil.NewError("couldnt_find_person", http.StatusBadRequest), errCreate)
		return
	}
	m.respond(w, r, pm)
}

// edit changes the text of one's own message.
func (m *Module) edit(w http.ResponseWriter, r *http.Request) {
	change(m, w, r, errUpdate, func(ctx context.Context, u store.LocalUser, in EditPrivateMessage) (store.PrivateMessage, error) {
		return m.d.Forum.EditPrivateMessage(ctx, u, in.PrivateMessageID, in.Content)
	})
}

// delete deletes one's own message, or restores it.
func (m *Module) delete(w http.ResponseWriter, r *http.Request) {
	change(m, w, r, errUpdate, func(ctx context.Context, u store.LocalUser, in DeletePrivateMessage) (store.PrivateMessage, error) {
		return m.d.Forum.DeletePrivateMessage(ctx, u, in.PrivateMessageID, in.Deleted)
	})
}

// markAsRead marks one message received read, or unread.
func (m *Module) markAsRead(w http.ResponseWriter, r *http.Request) {
	change(m, w, r, errUpdate, func(ctx context.Context, u store.LocalUser, in MarkPrivateMessageAsRead) (store.PrivateMessage, error) {
		return m.d.Forum.MarkPrivateMessageRead(ctx, u, in.PrivateMessageID, in.Read)
	})
}
