package web

import (
	"net/http"
)

type notFoundPage struct {
	page
	Path string
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusNotFound, "not_found", notFoundPage{page: page{Site: h.site(r.Context())}, Path: r.URL.Path})
}

func (h *Handler) serverError(w http.ResponseWriter, r *http.Request, err error) {
	h.log.Error("page failed", "path", r.URL.Path, "err", err)
	http.Error(w, "Something went wrong on our side. It has been logged; please try again.", http.StatusInternalServerError)
}
