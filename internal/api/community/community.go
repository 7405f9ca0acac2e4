// Package community is the communities of the API: one with its
// moderators, the list of them, following one, creating and editing
// one, and its moderators' bans and appointments.
package community

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Module is the community resource.
type Module struct{ d apiutil.Deps }

// New returns the community resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Get("/community", m.get)
	r.Get("/community/list", m.list)
	r.Post("/community/follow", m.follow)
	r.Post("/community/block", m.block)
	r.Post("/community", m.create)
	r.Put("/community", m.edit)
	r.Post("/community/delete", m.deleteOrRemove)
	r.Post("/community/remove", m.deleteOrRemove)
	r.Post("/community/ban_user", m.banUser)
	r.Post("/community/mod", m.addMod)
	r.Post("/community/transfer", m.transfer)
}
