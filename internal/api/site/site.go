// Package site answers GET /api/v3/site: the instance, its admins, its
// languages and, for a logged-in user, what the app needs of them.
package site

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Module is the site resource.
type Module struct{ d apiutil.Deps }

// New returns the site resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Get("/site", m.siteGet)
	r.Get("/federated_instances", m.federatedInstances)
	r.Post("/site/block", m.block)
}
