// Package community is the communities of the API: one with its
// moderators, the list of them, and following one.
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
}
