// Package search is the API's search: posts, comments, communities and
// people, through the same store queries as the web's search page.
package search

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Module is the search resource.
type Module struct{ d apiutil.Deps }

// New returns the search resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Get("/search", m.search)
	r.Get("/resolve_object", m.resolve)
}
