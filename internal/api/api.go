// Package api is Lemmy 0.19's client API v3, as lemmy-js-client 0.19.x
// calls it, for the phone and web apps (Voyager, Jerboa, Thunder, Photon,
// mlem). It is a sibling of web: the same forum rules and store reads,
// with Lemmy's paths, shapes and errors and no rule of its own. Each
// resource is a package with its own route table (GoToSocial's
// internal/api/client is the model); this one mounts them.
package api

import (
	"log/slog"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/admin"
	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/comment"
	"github.com/tidings/tidings/internal/api/community"
	"github.com/tidings/tidings/internal/api/modlog"
	"github.com/tidings/tidings/internal/api/pictrs"
	"github.com/tidings/tidings/internal/api/post"
	"github.com/tidings/tidings/internal/api/privatemessage"
	"github.com/tidings/tidings/internal/api/reports"
	"github.com/tidings/tidings/internal/api/search"
	"github.com/tidings/tidings/internal/api/site"
	"github.com/tidings/tidings/internal/api/user"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/safehttp"
	"github.com/tidings/tidings/internal/store"
)

// Prefix is where the API lives, as every Lemmy client expects it.
const Prefix = "/api/v3"

// Handler serves the API under Prefix.
type Handler struct {
	d apiutil.Deps
}

// Option configures a Handler.
type Option func(*Handler)

// WithHTTP lets the API fetch from other servers (a link's metadata)
// through c, the one outbound client.
func WithHTTP(c *safehttp.Client) Option { return func(h *Handler) { h.d.HTTP = c } }

// New prepares the API over the forum and store.
func New(f *forum.Service, st *store.Store, log *slog.Logger, opts ...Option) *Handler {
	host := f.IRI().Base()
	if u, err := url.Parse(host); err == nil {
		host = u.Host
	}
	h := &Handler{d: apiutil.Deps{Forum: f, Store: st, Tokens: apiutil.NewTokens(f, st, host), Log: log, Host: host,
		Writes: apiutil.NewWriteLimiter()}}
	for _, o := range opts {
		o(h)
	}
	return h
}

// SetResolver lets resolve_object look things up on other servers; call
// it before Routes.
func (h *Handler) SetResolver(r apiutil.Resolver) { h.d.Lookup = r }

// PictrsRoutes adds image upload and deletion at pict-rs's paths, which
// the apps call beside the API, to the site's root router.
func (h *Handler) PictrsRoutes(r chi.Router) { pictrs.New(h.d).Route(r) }

// routable is a resource: a package with its route table.
type routable interface{ Route(chi.Router) }

// Routes returns the API's router, to be mounted at Prefix.
func (h *Handler) Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(apiutil.CORS, apiutil.Authenticate(h.d.Tokens, h.d.Log))
	for _, m := range []routable{site.New(h.d), user.New(h.d), post.New(h.d), comment.New(h.d), community.New(h.d), search.New(h.d),
		privatemessage.New(h.d), admin.New(h.d), reports.New(h.d), modlog.New(h.d)} {
		m.Route(r)
	}
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		apiutil.WriteError(w, r, h.d.Log, apiutil.ErrNotFound, nil, nil)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		apiutil.WriteError(w, r, h.d.Log, apiutil.NewError("couldnt_find_object", http.StatusMethodNotAllowed), nil, nil)
	})
	return r
}
