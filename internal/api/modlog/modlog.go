// Package modlog is the moderation log of the API, as the modlog page
// shows it: what moderators and admins did, filtered as Lemmy's modlog
// is, with moderators' names hidden where the site hides them.
package modlog

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Module is the modlog resource.
type Module struct{ d apiutil.Deps }

// New returns the modlog resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Get("/modlog", m.get)
}
