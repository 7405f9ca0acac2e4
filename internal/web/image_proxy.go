package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// imageProxy serves, in the proxy image mode, a picture of another
// server that a page shows: fetched through safehttp the first time,
// checked and re-encoded as an upload, kept, and served as our own file
// from then on. Only addresses our pages show are fetched (forum keeps
// the list), so it is no open proxy.
func (h *Handler) imageProxy(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	raw := r.URL.Query().Get("url")
	mode, err := h.forum.ImageMode(ctx)
	if err != nil {
		h.log.Error("image proxy", "err", err)
		http.Error(w, "the picture cannot be fetched now", http.StatusServiceUnavailable)
		return
	}
	if raw == "" || mode == store.ImageModeLink || h.images == nil {
		noImage(w, http.StatusNotFound, "no such picture")
		return
	}
	pic, err := h.forum.FetchRemoteImage(ctx, h.images, raw)
	var ie *forum.InputError
	switch {
	case errors.Is(err, forum.ErrNotFound):
		noImage(w, http.StatusNotFound, "no such picture")
		return
	case errors.As(err, &ie):
		noImage(w, http.StatusNotFound, ie.Msg)
		return
	case err != nil:
		// Its server is slow or down: the next view tries again.
		h.log.Info("image proxy", "url", raw, "err", err)
		noImage(w, http.StatusBadGateway, "the picture's server did not answer")
		return
	}
	src := pic.URL
	if r.URL.Query().Get("size") == "thumbnail" {
		src = pic.Thumb
	}
	h.serveImage(w, r, src[strings.LastIndexByte(src, '/')+1:])
}
