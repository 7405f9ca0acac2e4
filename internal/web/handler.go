// Package web serves the HTML pages and RSS feeds, rendered on the server
// from the templates in /web and fully usable without JavaScript.
package web

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
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
	acct   *accountLimiters
	csrf   *http.CrossOriginProtection
	lookup Resolver           // nil when this process does not federate
	images forum.ImageFetcher // nil when it fetches no pictures
	static *staticFiles
	// siteHTML keeps the site's description rendered: the front page
	// shows it to every visitor, and it changes only when an admin saves.
	siteHTML renderCache
	usage    usageCache   // the front page's counts, kept a minute
	threads  threadCaches // comments' HTML and outlines, by version
	rows     *rowCache    // listing rows' markup, by everything in it
}

// renderCache holds the HTML of the last markdown it rendered.
type renderCache struct {
	mu        sync.Mutex
	ok        bool
	src, html string
}

func (c *renderCache) render(f *forum.Service, src string) (template.HTML, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ok || src != c.src {
		html, err := f.RenderMarkdown(src)
		if err != nil {
			return "", err
		}
		c.ok, c.src, c.html = true, src, html
	}
	return template.HTML(c.html), nil //nolint:gosec // sanitized by the renderer
}

// Resolver looks up what someone typed into search on other servers,
// stores it and answers its local path; federation implements it.
type Resolver interface {
	Resolve(ctx context.Context, query string) (string, error)
}

// SetResolver lets search find communities, people, posts and comments
// on other servers.
func (h *Handler) SetResolver(r Resolver) { h.lookup = r }

// SetImageFetcher lets the proxy image mode fetch other servers' pictures.
func (h *Handler) SetImageFetcher(f forum.ImageFetcher) { h.images = f }

// New parses every page's templates, failing at start-up on any mistake.
func New(f *forum.Service, st *store.Store, log *slog.Logger) (*Handler, error) {
	base := f.IRI().Base()
	staticDir, err := fs.Sub(assets.Static, "static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	static, err := newStaticFiles(staticDir)
	if err != nil {
		return nil, err
	}
	pages, err := NewEngine(assets.Templates, base[strings.Index(base, "://")+3:], static.url)
	if err != nil {
		return nil, err
	}
	h := &Handler{
		static: static,
		forum:  f, store: st, pages: pages, log: log, base: base, names: names{localHost: base[strings.Index(base, "://")+3:]},
		secure: len(base) > 5 && base[:5] == "https",
		limits: newLimiters(), acct: newAccountLimiters(), csrf: http.NewCrossOriginProtection(),
		threads: newThreadCaches(), rows: newRowCache(),
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
	// OpenReports is the header's link to the reports queue, for moderators
	// and admins; nil for everyone else.
	OpenReports *reportsLink
	// PendingApplications is how many sign-ups wait, for an admin's header.
	PendingApplications int
	// Unread is the count beside the header's inbox link.
	Unread int
}

// reportsLink is the header's link to the reports queue.
type reportsLink struct{ Open int }

// newPage fills in what every page shows.
func (h *Handler) newPage(r *http.Request, title string) page {
	p := page{Site: h.site(r.Context()), Title: title, Path: r.URL.RequestURI()}
	if u, ok := currentUser(r); ok {
		p.User = &u
		p.OpenReports = h.reportsLink(r.Context(), u)
		p.Unread = h.unreadCount(r.Context(), u)
		if u.Admin {
			p.PendingApplications = h.pendingApplications(r.Context())
		}
	}
	p.Canonical = h.base + r.URL.Path
	return p
}

// reportsLink counts the open reports a moderator or admin has to deal
// with; a page that cannot count them still shows, without the link.
func (h *Handler) reportsLink(ctx context.Context, u store.LocalUser) *reportsLink {
	n, shown, err := h.forum.OpenReports(ctx, u)
	if err != nil {
		h.log.Error("count open reports", "err", err)
		return nil
	}
	if !shown {
		return nil
	}
	return &reportsLink{Open: n}
}

// pendingApplications is a count for the header: a page is still worth
// showing without it, so a failure is logged and counts nothing.
func (h *Handler) pendingApplications(ctx context.Context) int {
	n, err := h.forum.PendingApplications(ctx)
	if err != nil {
		h.log.Error("count pending applications", "err", err)
	}
	return n
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
