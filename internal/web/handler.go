// Package web serves the HTML pages, rendered on the server from the
// templates in /web and usable without JavaScript.
package web

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	assets "github.com/tidings/tidings/web"
)

// Handler holds what the pages need.
type Handler struct {
	forum *forum.Service
	pages *Engine
	log   *slog.Logger
}

// New parses every page's templates, failing at start-up on any mistake.
func New(f *forum.Service, log *slog.Logger) (*Handler, error) {
	pages, err := NewEngine(assets.Templates)
	if err != nil {
		return nil, err
	}
	return &Handler{forum: f, pages: pages, log: log}, nil
}

// Routes is the whole table of HTML routes.
func (h *Handler) Routes(r chi.Router) {
	static, _ := fs.Sub(assets.Static, "static")
	r.Handle("/static/*", http.StripPrefix("/static/", http.FileServerFS(static)))
	r.Get("/", h.home)
	r.NotFound(h.notFound)
}

// page is what every template sees.
type page struct {
	Site store.Site
}

func (h *Handler) site(ctx context.Context) store.Site {
	s, err := h.forum.Site(ctx)
	if err != nil {
		h.log.Error("read site", "err", err)
		return store.Site{Name: "Tidings"}
	}
	return s
}
