package web

import (
	"html/template"
	"net/http"
)

type legalPage struct {
	page
	HTML template.HTML
}

// legal shows the site's rules and legal text, which admins write in
// markdown on /admin/site.
func (h *Handler) legal(w http.ResponseWriter, r *http.Request) {
	src, err := h.forum.Legal(r.Context())
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	html, err := h.forum.RenderMarkdown(src)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := legalPage{page: h.newPage(r, "Rules and legal"), HTML: template.HTML(html)} //nolint:gosec // sanitized by the renderer
	p.Description = h.forum.PlainText(src, 150)
	h.render(w, r, http.StatusOK, "legal", p)
}
