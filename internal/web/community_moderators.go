package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

// communityModerators adds a moderator to the community, or with undo=1
// removes one.
func (h *Handler) communityModerators(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, rights, p, ok := h.personForm(w, r)
	if !ok {
		return
	}
	err := h.forum.Moderate(r.Context(), u, forum.Moderation{Kind: forum.ModModerator, CommunityID: c.ID, PersonID: p.ID,
		Undo: r.PostForm.Get("undo") == "1"})
	h.moderationDone(w, r, c, rights, err)
}

// communityTransfer hands the community to another of its moderators.
func (h *Handler) communityTransfer(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, rights, p, ok := h.personForm(w, r)
	if !ok {
		return
	}
	h.moderationDone(w, r, c, rights, h.forum.TransferCommunity(r.Context(), u, c.ID, p.ID))
}
