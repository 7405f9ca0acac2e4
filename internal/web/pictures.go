package web

import (
	"context"

	"github.com/tidings/tidings/internal/forum"
)

// img is one <img>: its address and the width and height it is laid out
// at, so that the page does not move as pictures arrive.
type img struct {
	Src  string
	W, H int
}

// Boxes of the square pictures, in CSS pixels, as style.css lays them out
// (cropped to cover the box).
const (
	thumbBox         = 70 // beside a post in a listing
	avatarBox        = 80 // on a profile
	iconBox          = 64 // in a community's sidebar
	commentAvatarBox = 20 // beside a name in a thread
)

// pictures answers how to show each picture of a page (see
// forum.Pictures). A failure is logged and shows none: a page without its
// pictures is still the page.
func (h *Handler) pictures(ctx context.Context, imgs ...forum.RemoteImage) map[string]forum.Picture {
	pics, err := h.forum.Pictures(ctx, imgs...)
	if err != nil {
		h.log.WarnContext(ctx, "pictures", "err", err)
	}
	return pics
}

// square is the thumbnail of the picture at url laid out in a box of px
// pixels a side, or nil when there is none to show.
func square(pics map[string]forum.Picture, url string, px int) *img {
	p, ok := pics[url]
	if !ok || url == "" {
		return nil
	}
	return &img{Src: p.Thumb, W: px, H: px}
}

// whole is the picture at url at its own size when known, else laid out
// at w×h (CSS keeps it within the page); thumb takes the thumbnail.
func whole(pics map[string]forum.Picture, url string, w, h int, thumb bool) *img {
	p, ok := pics[url]
	if !ok || url == "" {
		return nil
	}
	src, pw, ph := p.URL, p.Width, p.Height
	if thumb {
		src, pw, ph = p.Thumb, p.ThumbWidth, p.ThumbHeight
	}
	if pw > 0 && ph > 0 {
		w, h = pw, ph
	}
	return &img{Src: src, W: w, H: h}
}
