// Package web serves the HTML pages and RSS feeds, rendered on the server
// from the templates in /web and fully usable without JavaScript.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/ratelimit"
	"github.com/tidings/tidings/internal/store"
	assets "github.com/tidings/tidings/web"
)

// Handler holds what the pages need.
type Handler struct {
	forum  *forum.Service
	store  *store.Store
	pages  *Engine
	log    *slog.Logger
	base   string // scheme://host, for canonical URLs and feeds
	secure bool   // cookies only over https
	names  names
	limits *limiters
	csrf   *http.CrossOriginProtection
	lookup Resolver // nil when this process does not federate
}

// Resolver looks up what someone typed into search on other servers,
// stores it and answers its local path; federation implements it.
type Resolver interface {
	Resolve(ctx context.Context, query string) (string, error)
}

// SetResolver lets search find communities, people, posts and comments
// on other servers.
func (h *Handler) SetResolver(r Resolver) { h.lookup = r }

// New parses every page's templates, failing at start-up on any mistake.
func New(f *forum.Service, st *store.Store, log *slog.Logger) (*Handler, error) {
	base := f.IRI().Base()
	pages, err := NewEngine(assets.Templates, base[strings.Index(base, "://")+3:])
	if err != nil {
		return nil, err
	}
	h := &Handler{
		forum: f, store: st, pages: pages, log: log, base: base, names: names{localHost: base[strings.Index(base, "://")+3:]},
		secure: len(base) > 5 && base[:5] == "https",
		limits: newLimiters(), csrf: http.NewCrossOriginProtection(),
	}
	h.csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.message(w, r, http.StatusForbidden, "Refused",
			"This form was sent from another site, so it was not accepted. Use the form on this site.")
	}))
	return h, nil
}

// page is what every template sees.
type page struct {
	Site        store.Site
	User        *store.LocalUser
	Title       string
	Description string
	Canonical   string
	Image       string
	Path        string // this page's path and query, to come back to after a form
	Error       string // what was wrong with the last form, for the person
}

// newPage fills in what every page shows.
func (h *Handler) newPage(r *http.Request, title string) page {
	p := page{Site: h.site(r.Context()), Title: title, Path: r.URL.RequestURI()}
	if u, ok := currentUser(r); ok {
		p.User = &u
	}
	p.Canonical = h.base + r.URL.Path
	return p
}

func (h *Handler) site(ctx context.Context) store.Site {
	s, err := h.forum.Site(ctx)
	if err != nil {
		h.log.Error("read site", "err", err)
		return store.Site{Name: "Tidings"}
	}
	return s
}

// limiters keep one person or address from flooding log-in, sign-up and
// posting; in memory, so each server process limits on its own.
type limiters struct {
	login, loginIP, signup, post *ratelimit.Keyed
}

func newLimiters() *limiters {
	return &limiters{
		login:   ratelimit.New(rate.Every(6*time.Second), 10), // 10 tries a name, then one every 6 s
		loginIP: ratelimit.New(rate.Every(time.Second), 60),   // whatever the names, from one address
		signup:  ratelimit.New(rate.Every(time.Minute), 3),    // 3 attempts, then one a minute
		post:    ratelimit.New(rate.Every(3*time.Second), 20), // bursts of 20 writes
	}
}
