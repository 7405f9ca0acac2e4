package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/store"
)

type homePage struct {
	page
	Communities []store.Community
}

func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	cs, err := h.forum.Communities(r.Context(), false)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "home", homePage{page: page{Site: h.site(r.Context())}, Communities: cs})
}
