package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

// communityPictureUpload takes a community's icon or banner from its
// moderation page, for its moderators and the admins.
func (h *Handler) communityPictureUpload(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, rights, ok := h.moderatedCommunity(w, r)
	if !ok {
		return
	}
	if err := h.parseUploadForm(w, r); err != nil {
		h.renderModeration(w, r, c, rights, statusFor(err), "Not uploaded: "+errorText(err), nil)
		return
	}
	sent, err := withFile(r, "image", func(f io.Reader) error {
		_, err := h.forum.SetCommunityImage(r.Context(), u, c.ID, r.PostForm.Get("purpose"), f)
		return err
	})
	switch {
	case err == nil && !sent:
		h.renderModeration(w, r, c, rights, http.StatusBadRequest, "Not uploaded: choose a file first.", nil)
	case errors.Is(err, forum.ErrNoMedia) || isInput(err):
		h.renderModeration(w, r, c, rights, statusFor(err), "Not uploaded: "+errorText(err), nil)
	default:
		h.moderationDone(w, r, c, rights, err)
	}
}
