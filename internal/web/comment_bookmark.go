package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/store"
)

// commentBookmark is postBookmark for a comment.
func (h *Handler) commentBookmark(w http.ResponseWriter, r *http.Request) {
	h.bookmark(w, r, "comment", func(u store.LocalUser, id int64, save bool) error {
		return h.forum.SaveComment(r.Context(), u, id, save)
	})
}
