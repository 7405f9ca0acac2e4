package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/store"
)

// communityBlock blocks the community of /c/{name} for the reader, or
// with undo=1 unblocks it.
func (h *Handler) communityBlock(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	h.blockForm(w, r, "/c/"+url.PathEscape(name), func(u store.LocalUser, block bool) error {
		_, err := h.forum.BlockCommunity(r.Context(), u, name, block)
		return err
	})
}

// communityBlockState is how the reader blocks a community whose page
// they open: the community itself, or its instance.
type communityBlockState struct {
	Blocked         bool
	InstanceBlocked bool
}

func (h *Handler) communityBlockState(ctx context.Context, u *store.LocalUser, c store.Community) (communityBlockState, error) {
	var st communityBlockState
	if u == nil || !u.HasBlocks {
		return st, nil
	}
	var err error
	if st.Blocked, err = h.store.BlocksCommunity(ctx, u.ID, c.ID); err != nil {
		return st, err
	}
	st.InstanceBlocked, err = h.store.BlocksInstance(ctx, u.ID, c.InstanceID)
	return st, err
}
