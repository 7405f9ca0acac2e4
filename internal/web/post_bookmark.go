package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/store"
)

// postBookmark saves a post for later, or (with undo=1) takes it out of
// the saved things, and goes back to the page the button was on.
func (h *Handler) postBookmark(w http.ResponseWriter, r *http.Request) {
	h.bookmark(w, r, "post", func(u store.LocalUser, id int64, save bool) error {
		return h.forum.SavePost(r.Context(), u, id, save)
	})
}

// bookmark is the shared form handling of saving posts and comments.
func (h *Handler) bookmark(w http.ResponseWriter, r *http.Request, what string,
	apply func(u store.LocalUser, id int64, save bool) error) {
	u, _ := currentUser(r)
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such "+what+".")
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing saved", errorText(err))
		return
	}
	save := r.PostForm.Get("undo") != "1"
	if err := apply(u, id, save); err != nil {
		if isInput(err) {
			title := "Not saved"
			if !save {
				title = "Not unsaved"
			}
			h.message(w, r, statusFor(err), title, errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, safeReturn(r.PostForm.Get("return"), "/"+what+"/"+strconv.FormatInt(id, 10)), http.StatusSeeOther)
}
