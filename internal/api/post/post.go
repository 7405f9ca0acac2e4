// Package post is the posts of the API: listings, one post with its
// community, votes, and writing, editing and deleting one's own.
package post

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Module is the post resource.
type Module struct{ d apiutil.Deps }

// New returns the post resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Get("/post/list", m.list)
	r.Get("/post", m.get)
	r.Post("/post", m.create)
	r.Put("/post", m.edit)
	r.Post("/post/delete", m.delete)
	r.Post("/post/like", m.like)
	r.Post("/post/report", m.report)
	r.Put("/post/save", m.save)
	r.Post("/post/mark_as_read", m.markAsRead)
	r.Post("/post/hide", m.hide)
	r.Get("/post/report/list", m.listReports)
	r.Put("/post/report/resolve", m.resolveReport)
	r.Get("/post/site_metadata", m.siteMetadata)
	r.Post("/post/remove", m.remove)
	r.Post("/post/lock", m.lock)
	r.Post("/post/feature", m.feature)
}
