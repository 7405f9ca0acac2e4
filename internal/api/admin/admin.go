// Package admin is what only the site's admins do through the API: ban a
// person from the site, appoint admins, purge, and decide registration
// applications. Each goes through the forum rule the admin pages use,
// which checks the right again in its own transaction.
package admin

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Module is the admin resource.
type Module struct{ d apiutil.Deps }

// New returns the admin resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Post("/user/ban", m.banPerson)
	r.Post("/admin/add", m.add)
	r.Post("/admin/purge/person", m.purgePerson)
	r.Post("/admin/purge/community", m.purgeCommunity)
	r.Post("/admin/purge/post", m.purgePost)
	r.Post("/admin/purge/comment", m.purgeComment)
	r.Get("/admin/registration_application/list", m.listApplications)
	r.Get("/admin/registration_application/count", m.countApplications)
	r.Get("/admin/registration_application", m.getApplication)
	r.Put("/admin/registration_application/approve", m.approveApplication)
}
