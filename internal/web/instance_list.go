package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

type instancesPage struct {
	page
	forum.InstanceLists
}

// instanceList is the public list of the instances this one federates
// with, and of those its admins blocked or allowed, as Lemmy's is.
func (h *Handler) instanceList(w http.ResponseWriter, r *http.Request) {
	lists, err := h.forum.Instances(r.Context())
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "instances", instancesPage{page: h.newPage(r, "Instances"), InstanceLists: lists})
}
