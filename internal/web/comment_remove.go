package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
)

// commentRemove is a moderator's removal of a comment, or with undo=1 its
// restore; see moderate.
func (h *Handler) commentRemove(w http.ResponseWriter, r *http.Request) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such comment.")
		return
	}
	h.moderate(w, r, forum.Moderation{Kind: forum.ModRemove, Target: forum.Target{CommentID: id}})
}
