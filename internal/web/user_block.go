package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/store"
)

// userBlock blocks the person of /u/{name} for the reader, or with undo=1
// unblocks them, and goes back to where the button was.
func (h *Handler) userBlock(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	h.blockForm(w, r, "/u/"+url.PathEscape(name), func(u store.LocalUser, block bool) error {
		_, err := h.forum.BlockPerson(r.Context(), u, name, block)
		return err
	})
}

// blockForm is the form handling shared by every block and unblock.
func (h *Handler) blockForm(w http.ResponseWriter, r *http.Request, back string, apply func(u store.LocalUser, block bool) error) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	block := r.PostForm.Get("undo") != "1"
	if err := apply(u, block); err != nil {
		if isInput(err) {
			title := "Not blocked"
			if !block {
				title = "Not unblocked"
			}
			h.message(w, r, statusFor(err), title, errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, safeReturn(r.PostForm.Get("return"), back), http.StatusSeeOther)
}

// personBlockState is how the reader blocks a person whose profile they
// open: themselves, by their instance. Nothing is read for readers
// without blocks.
type personBlockState struct {
	CanBlock        bool // logged in, and not their own profile
	Blocked         bool
	InstanceBlocked bool
}

func (h *Handler) personBlockState(ctx context.Context, u *store.LocalUser, p store.Person) (personBlockState, error) {
	var st personBlockState
	if u == nil || u.ID == p.ID {
		return st, nil
	}
	st.CanBlock = true
	if !u.HasBlocks {
		return st, nil
	}
	var err error
	if st.Blocked, err = h.store.BlocksPerson(ctx, u.ID, p.ID); err != nil {
		return st, err
	}
	st.InstanceBlocked, err = h.store.BlocksInstance(ctx, u.ID, p.InstanceID)
	return st, err
}
