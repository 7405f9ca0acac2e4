package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/media"
)

// imageShow serves a stored image at /pictrs/image/{name}, where Lemmy's
// apps look for pict-rs files. Its type is the one our encoding gave it,
// never the uploader's; its name is a hash of its bytes, so it is cached
// for a year and never revalidated.
func (h *Handler) imageShow(w http.ResponseWriter, r *http.Request) {
	h.serveImage(w, r, chi.URLParam(r, "name"))
}

// serveImage sends the stored file key.
func (h *Handler) serveImage(w http.ResponseWriter, r *http.Request, key string) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", media.ContentSecurityPolicy)
	hd.Set("Cross-Origin-Resource-Policy", "cross-origin") // other instances and apps show our images
	if r.Header.Get("If-None-Match") == `"`+key+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	obj, err := h.forum.OpenImage(r.Context(), key)
	if errors.Is(err, media.ErrNotExist) {
		noImage(w, http.StatusNotFound, "no such image")
		return
	}
	if err != nil {
		h.log.Error("open image", "key", key, "err", err)
		http.Error(w, "the image cannot be read now", http.StatusServiceUnavailable)
		return
	}
	defer obj.Body.Close()
	hd.Set("Content-Type", media.ContentTypeOfKey(key))
	hd.Set("Content-Length", strconv.FormatInt(obj.Size, 10))
	hd.Set("Cache-Control", media.CacheControl)
	hd.Set("ETag", `"`+key+`"`)
	if r.Method == http.MethodHead {
		return
	}
	if _, err := io.Copy(w, obj.Body); err != nil {
		h.log.Debug("send image", "key", key, "err", err)
	}
}

// noImage answers that there is no picture, not to be cached: the
// picture may come later.
func noImage(w http.ResponseWriter, status int, msg string) {
	hd := w.Header()
	hd.Set("Content-Type", "text/plain; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}
