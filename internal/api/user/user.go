// Package user is the account side of the API: logging in and out,
// signing up, and the unread counts the app badges.
package user

import (
	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/ratelimit"
)

// Module is the user resource.
type Module struct {
	d apiutil.Deps
	// Log-ins and sign-ups are limited per address, as the web's forms
	// are, so a password cannot be guessed faster here than there.
	logins, registers *ratelimit.Keyed
}

// New returns the user resource.
func New(d apiutil.Deps) *Module {
	return &Module{d: d, logins: ratelimit.New(loginRate, 10), registers: ratelimit.New(registerRate, 10)}
}

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Post("/user/login", m.loginPost)
	r.Post("/user/logout", m.logout)
	r.Post("/user/register", m.registerPost)
	r.Get("/user/unread_count", m.unreadCount)
}
