// Package comment is the comments of the API: a post's tree (nested by
// path, to a depth, under a parent), one comment, votes, and writing,
// editing and deleting one's own.
package comment

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Module is the comment resource.
type Module struct{ d apiutil.Deps }

// New returns the comment resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Get("/comment/list", m.list)
	r.Get("/comment", m.get)
	r.Post("/comment", m.create)
	r.Put("/comment", m.edit)
	r.Post("/comment/delete", m.delete)
	r.Post("/comment/like", m.like)
	r.Post("/comment/report", m.report)
	r.Put("/comment/save", m.save)
	r.Get("/comment/report/list", m.listReports)
	r.Put("/comment/report/resolve", m.resolveReport)
	r.Post("/comment/remove", m.remove)
	r.Post("/comment/distinguish", m.distinguish)
}
