// Package user is the account side of the API: logging in and out,
// signing up, and the unread counts the app badges.
package user

import (
	"time"

	"github.com/go-chi/chi/v5"
	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/ratelimit"
)

// Module is the user resource.
type Module struct {
	d apiutil.Deps
	// Log-ins and sign-ups are limited as the web's forms are, so a
	// password cannot be guessed faster here than there: per name and
	// address, and per address whatever the names.
	logins, loginIPs, registers *ratelimit.Keyed
}

// New returns the user resource.
func New(d apiutil.Deps) *Module {
	return &Module{d: d, logins: ratelimit.New(loginRate, 10), loginIPs: ratelimit.New(rate.Every(time.Second), 60), registers: ratelimit.New(registerRate, 10)}
}

// Route is the resource's route table.
func (m *Module) Route(r chi.Router) {
	r.Post("/user/login", m.loginPost)
	r.Post("/user/logout", m.logout)
	r.Post("/user/register", m.registerPost)
	r.Get("/user/unread_count", m.unreadCount)
	r.Get("/user", m.get)
	r.Put("/user/change_password", m.changePassword)
	r.Put("/user/save_user_settings", m.saveSettings)
	r.Get("/user/replies", m.replies)
	r.Get("/user/mention", m.mentions)
	r.Post("/user/mark_all_as_read", m.markAllAsRead)
	r.Post("/user/block", m.block)
	r.Get("/user/get_captcha", m.getCaptcha)
	r.Post("/user/verify_email", m.verifyEmail)
	r.Post("/user/password_reset", m.passwordReset)
	r.Post("/user/password_change", m.passwordChange)
}
