package apiutil

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/ratelimit"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

// Deps is what every resource's handlers share: the rules, the store's
// reads, the tokens and the log. It is small on purpose, not a god object:
// each resource takes only this.
type Deps struct {
	Forum  *forum.Service
	Store  *store.Store
	Tokens *Tokens
	Log    *slog.Logger
	Host   string // host[:port] of this instance
	// Writes limits each person's posts and comments as the web's forms
	// are limited (a burst of 20, then one every 3 s), so an app writes
	// no faster than a browser.
	Writes *ratelimit.Keyed
	// Lookup finds things on other servers for resolve_object, as the
	// web's search does; nil when this process does not federate.
	Lookup Resolver
	// HTTP fetches what the API reads from elsewhere (a link's metadata);
	// nil answers as a site that fetches nothing.
	HTTP *safehttp.Client
}

// Resolver looks up what someone typed (a handle or a URL) on its
// server, stores it and answers its local path (/post/1, /c/name@host
// ...); federation implements it.
type Resolver interface {
	Resolve(ctx context.Context, query string) (string, error)
}

// NewWriteLimiter is the web's limit on writes.
func NewWriteLimiter() *ratelimit.Keyed { return ratelimit.New(rate.Every(3*time.Second), 20) }

// AllowWrite takes a write for u, or answers rate_limit_error.
func (d Deps) AllowWrite(u store.LocalUser) error {
	if d.Writes != nil && !d.Writes.Allow("u"+strconv.FormatInt(u.ID, 10)) {
		return ErrRateLimit
	}
	return nil
}

// Fail answers err in Lemmy's shape (see WriteError).
func (d Deps) Fail(w http.ResponseWriter, r *http.Request, err error, notFound, fallback *Error) {
	WriteError(w, r, d.Log, err, notFound, fallback)
}
