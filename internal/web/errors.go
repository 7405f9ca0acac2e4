package web

import (
	"net/http"
)

type notFoundPage struct {
	page
	Missing string
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.notFoundMsg(w, r, "")
}

// notFoundMsg answers 404 with a page that helps: what was asked for, and
// where to go instead.
func (h *Handler) notFoundMsg(w http.ResponseWriter, r *http.Request, msg string) {
	p := notFoundPage{page: h.newPage(r, "Not found"), Missing: msg}
	p.Canonical = ""
	h.render(w, r, http.StatusNotFound, "not_found", p)
}

type messagePage struct {
	page
	Heading string
	Message string
}

// message answers with a short page saying what went wrong.
func (h *Handler) message(w http.ResponseWriter, r *http.Request, status int, heading, msg string) {
	p := messagePage{page: h.newPage(r, heading), Heading: heading, Message: msg}
	p.Canonical = ""
	h.render(w, r, status, "message", p)
}

func (h *Handler) serverError(w http.ResponseWriter, r *http.Request, err error) {
	h.log.Error("page failed", "path", r.URL.Path, "err", err)
	http.Error(w, "Something went wrong on our side. It has been logged; please try again.", http.StatusInternalServerError)
}
