// Package reports is what the API tells of the whole reports queue: how
// many reports wait for the reader, and the queue of private messages'
// reports. The reports of posts and comments are listed and resolved with
// their resources (post/report/list, comment/report/list).
package reports

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Module is the reports resource.
type Module struct{ d apiutil.Deps }

// New returns the reports resource.
func New(d apiutil.Deps) *Module { return &Module{d: d} }

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Get("/user/report_count", m.count)
	r.Get("/private_message/report/list", m.listMessageReports)
	r.Put("/private_message/report/resolve", m.resolveMessageReport)
}
