package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"sync"
)

// pageFiles declares each page and the partials it uses; a page not listed
// here cannot be rendered, and a listed one that does not parse stops the
// server at start-up rather than on a reader's request.
var pageFiles = map[string][]string{
	"home":                 {"home.html", "post_row.html", "vote.html", "save_button.html", "listing_nav.html"},
	"communities":          {"communities.html"},
	"community":            {"community.html", "post_row.html", "vote.html", "save_button.html", "listing_nav.html"},
	"create_community":     {"create_community.html"},
	"community_moderation": {"community_moderation.html"},
	"post":                 {"post.html", "vote.html", "save_button.html", "comment_form.html", "post_moderation.html"},
	"comment":              {"comment_page.html"},
	"edit_comment":         {"edit_comment.html"},
	"user":                 {"user.html", "post_row.html", "vote.html", "save_button.html"},
	"post_form":            {"post_form.html"},
	"login":                {"login.html"},
	"signup":               {"signup.html"},
	"settings":             {"settings.html", "settings_notifications.html", "settings_account.html"},
	"password_reset":       {"password_reset.html"},
	"password_reset_link":  {"password_reset_link.html"},
	"verify_email":         {"verify_email.html"},
	"account_delete":       {"account_delete.html"},
	"search":               {"search.html", "post_row.html", "vote.html", "save_button.html"},
	"report_form":          {"report_form.html"},
	"reports":              {"reports.html"},
	"inbox":                {"inbox.html"},
	"message":              {"message.html"},
	"modlog":               {"modlog.html"},
	"admin_bans":           {"admin_bans.html"},
	"admin_purge":          {"admin_purge.html"},
	"not_found":            {"not_found.html"},
	"admin":                {"admin.html"},
	"applications":         {"applications.html", "listing_nav.html"},
	"admin_site":           {"admin_site.html"},
	"admin_instances":      {"admin_instances.html"},
	"instances":            {"instances.html"},
	"legal":                {"legal.html"},
	// Private messages.
	"private_message_form": {"private_message_form.html"},
	"conversations":        {"conversations.html"},
	"conversation":         {"conversation.html"},
	"settings_blocks":      {"settings_blocks.html"},
	"settings_reading":     {"settings_reading.html"},
	"saved":                {"saved.html", "post_row.html", "vote.html", "save_button.html", "listing_nav.html"},
	"settings_pictures":    {"settings_pictures.html"},
}

// Engine renders pages into the layout.
type Engine struct {
	pages map[string]*template.Template
}

// NewEngine parses every declared page from the templates directory;
// asset gives a static file's fingerprinted URL.
func NewEngine(files fs.FS, localHost string, asset func(string) (string, error)) (*Engine, error) {
	e := &Engine{pages: map[string]*template.Template{}}
	for name, parts := range pageFiles {
		paths := []string{"templates/layout.html"}
		for _, p := range parts {
			paths = append(paths, "templates/"+p)
		}
		t, err := template.New(name).Funcs(funcs(localHost)).Funcs(template.FuncMap{"asset": asset}).ParseFS(files, paths...)
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		e.pages[name] = t
	}
	return e, nil
}

// bufs keeps page buffers between requests: a thread page is hundreds of
// kilobytes, and growing a fresh buffer for each costs more than the copy.
var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render executes a page into memory first, so that a template error gives
// a clean 500 instead of half a page. Give the buffer back with release.
func (e *Engine) Render(name string, data any) (*bytes.Buffer, error) {
	t, ok := e.pages[name]
	if !ok {
		return nil, fmt.Errorf("render %s: page not declared", name)
	}
	buf := bufs.Get().(*bytes.Buffer)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "layout", data); err != nil {
		release(buf)
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf, nil
}

// Fragment executes one of a page's partials alone, for markup that is
// kept and reused (see rowsHTML).
func (e *Engine) Fragment(page, name string, data any) (string, error) {
	t, ok := e.pages[page]
	if !ok {
		return "", fmt.Errorf("render %s of %s: page not declared", name, page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("render %s of %s: %w", name, page, err)
	}
	return buf.String(), nil
}

func release(buf *bytes.Buffer) {
	if buf.Cap() <= 4<<20 {
		bufs.Put(buf)
	}
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	buf, err := h.pages.Render(name, data)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	defer release(buf)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
