package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
)

// The moderators' forms on a thread: each posts here, is checked and
// applied by forum.Moderate, and comes back to the thread. A form's undo=1
// reverses the action (restores, unlocks, unpins, unmarks).

func (h *Handler) postRemove(w http.ResponseWriter, r *http.Request) {
	h.moderatePost(w, r, forum.ModRemove)
}

func (h *Handler) postLock(w http.ResponseWriter, r *http.Request) {
	h.moderatePost(w, r, forum.ModLock)
}

// postFeature pins a post in its community, or with where=local on the
// front page.
func (h *Handler) postFeature(w http.ResponseWriter, r *http.Request) {
	h.moderatePost(w, r, forum.ModFeature)
}

func (h *Handler) postNSFW(w http.ResponseWriter, r *http.Request) {
	h.moderatePost(w, r, forum.ModNSFW)
}

func (h *Handler) moderatePost(w http.ResponseWriter, r *http.Request, kind string) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such post.")
		return
	}
	h.moderate(w, r, forum.Moderation{Kind: kind, Target: forum.Target{PostID: id}})
}

// moderate reads a moderator's form into m and applies it.
func (h *Handler) moderate(w http.ResponseWriter, r *http.Request, m forum.Moderation) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	f := r.PostForm
	m.Undo, m.Reason = f.Get("undo") == "1", f.Get("reason")
	if m.Kind == forum.ModFeature && f.Get("where") == "local" {
		m.Kind = forum.ModFeatureLocal
	}
	if err := h.forum.Moderate(r.Context(), u, m); err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Nothing changed", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	back := "/post/" + strconv.FormatInt(m.Target.PostID, 10)
	if m.Target.CommentID != 0 {
		c, err := h.forum.Comment(r.Context(), m.Target.CommentID)
		if err != nil {
			h.serverError(w, r, err)
			return
		}
		back = "/post/" + strconv.FormatInt(c.PostID, 10) + "#c" + strconv.FormatInt(c.ID, 10)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
