package web

import (
	"net/http"
	"time"

	"github.com/tidings/tidings/internal/forum"
)

// communityBan bans a person from the community, with a reason, an
// optional end and, if asked, the removal of what they wrote there.
func (h *Handler) communityBan(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, rights, p, ok := h.personForm(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	expires, err := forum.ParseBanEnd(f.Get("expires"), time.Now())
	if err == nil {
		err = h.forum.Moderate(r.Context(), u, forum.Moderation{Kind: forum.ModBan, CommunityID: c.ID, PersonID: p.ID,
			Reason: f.Get("reason"), Expires: expires, RemoveData: f.Get("remove_data") == "on"})
	}
	h.moderationDone(w, r, c, rights, err)
}

// communityUnban lifts a person's ban from the community.
func (h *Handler) communityUnban(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, rights, p, ok := h.personForm(w, r)
	if !ok {
		return
	}
	err := h.forum.Moderate(r.Context(), u, forum.Moderation{Kind: forum.ModBan, CommunityID: c.ID, PersonID: p.ID,
		Undo: true, Reason: r.PostForm.Get("reason")})
	h.moderationDone(w, r, c, rights, err)
}
