package web

import (
	"context"
)

// imgSize is a stored image's width and height, for the <img> that shows
// it, so the page does not jump when it loads.
type imgSize struct{ W, H int }

// imageSizes looks up the sizes of those of urls that are our uploads;
// the others (remote pictures) are left out, and shown without a size.
func (h *Handler) imageSizes(ctx context.Context, urls ...string) map[string]*imgSize {
	out := map[string]*imgSize{}
	for _, u := range urls {
		if u == "" {
			continue
		}
		if w, ht, ok := h.forum.ImageSize(ctx, u); ok {
			out[u] = &imgSize{W: w, H: ht}
		}
	}
	return out
}
