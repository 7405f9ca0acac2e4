package apiutil

import (
	"log/slog"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// Deps is what every resource's handlers share: the rules, the store's
// reads, the tokens and the log. It is small on purpose, not a god object:
// each resource takes only this.
type Deps struct {
	Forum   *forum.Service
	Store   *store.Store
	Tokens  *Tokens
	Log     *slog.Logger
	Version string
	Host    string // host[:port] of this instance
}

// Fail answers err in Lemmy's shape (see WriteError).
func (d Deps) Fail(w http.ResponseWriter, r *http.Request, err error, notFound, fallback *Error) {
	WriteError(w, r, d.Log, err, notFound, fallback)
}
