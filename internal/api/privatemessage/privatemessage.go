// Package privatemessage is the private messages of the API: listing
// one's own, sending, editing, deleting and marking them read, as the
// web's conversations do.
package privatemessage

import (
	"context"
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// Module is the private message resource.
type Module struct{ d apiutil.Deps }

// New returns the private message resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Get("/private_message/list", m.list)
	r.Post("/private_message", m.create)
	r.Put("/private_message", m.edit)
	r.Post("/private_message/delete", m.delete)
	r.Post("/private_message/mark_as_read", m.markAsRead)
	r.Post("/private_message/report", m.report)
}

var (
	errNotFound = apiutil.NewError("couldnt_find_private_message", http.StatusBadRequest)
	errNotYours = apiutil.NewError("edit_private_message_not_allowed", http.StatusBadRequest)
	errUpdate   = apiutil.NewError("couldnt_update_private_message", http.StatusBadRequest)
)

// views shapes messages with their two people.
func (m *Module) views(ctx context.Context, list []store.PrivateMessage) ([]model.PrivateMessageView, error) {
	ids := make([]int64, 0, 2*len(list))
	for _, pm := range list {
		ids = append(ids, pm.CreatorID, pm.RecipientID)
	}
	people, err := m.d.Store.PeopleByIDs(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("private message views: %w", err)
	}
	out := make([]model.PrivateMessageView, len(list))
	for i, pm := range list {
		out[i] = model.NewPrivateMessageView(pm, people)
	}
	return out, nil
}

// respond answers PrivateMessageResponse.
func (m *Module) respond(w http.ResponseWriter, r *http.Request, pm store.PrivateMessage) {
	views, err := m.views(r.Context(), []store.PrivateMessage{pm})
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, PrivateMessageResponse{PrivateMessageView: views[0]})
}

// change is the common part of every change to a message: the user, the
// body, then the change itself, its refusals named as Lemmy names them.
func change[T any](m *Module, w http.ResponseWriter, r *http.Request, fallback *apiutil.Error,
	do func(context.Context, store.LocalUser, T) (store.PrivateMessage, error)) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in T
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	pm, err := do(r.Context(), u, in)
	if err != nil {
		m.d.Fail(w, r, refusal(err, fallback), errNotFound, fallback)
		return
	}
	m.respond(w, r, pm)
}
