package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
)

// pageFiles declares each page and the partials it uses; a page not listed
// here cannot be rendered, and a listed one that does not parse stops the
// server at start-up rather than on a reader's request.
var pageFiles = map[string][]string{
	"home":             {"home.html", "post_row.html", "vote.html", "listing_nav.html"},
	"communities":      {"communities.html"},
	"community":        {"community.html", "post_row.html", "vote.html", "listing_nav.html"},
	"create_community": {"create_community.html"},
	"post":             {"post.html", "comment.html", "vote.html", "comment_form.html"},
	"comment":          {"comment_page.html", "comment.html", "vote.html", "comment_form.html"},
	"edit_comment":     {"edit_comment.html"},
	"user":             {"user.html", "post_row.html", "vote.html"},
	"post_form":        {"post_form.html"},
	"login":            {"login.html"},
	"signup":           {"signup.html"},
	"settings":         {"settings.html"},
	"search":           {"search.html", "post_row.html", "vote.html"},
	"message":          {"message.html"},
	"not_found":        {"not_found.html"},
}

// Engine renders pages into the layout.
type Engine struct {
	pages map[string]*template.Template
}

// NewEngine parses every declared page from the templates directory.
func NewEngine(files fs.FS, localHost string) (*Engine, error) {
	e := &Engine{pages: map[string]*template.Template{}}
	for name, parts := range pageFiles {
		paths := []string{"templates/layout.html"}
		for _, p := range parts {
			paths = append(paths, "templates/"+p)
		}
		t, err := template.New(name).Funcs(funcs(localHost)).ParseFS(files, paths...)
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		e.pages[name] = t
	}
	return e, nil
}

// Render executes a page into memory first, so that a template error gives
// a clean 500 instead of half a page.
func (e *Engine) Render(name string, data any) ([]byte, error) {
	t, ok := e.pages[name]
	if !ok {
		return nil, fmt.Errorf("render %s: page not declared", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	b, err := h.pages.Render(name, data)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
