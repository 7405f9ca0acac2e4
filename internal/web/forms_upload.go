package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
)

// parseUploadForm reads a multipart form with at most one image per file
// field, refusing a body larger than the site's image limit plus the
// text fields, before any of it reaches the image checks.
func (h *Handler) parseUploadForm(w http.ResponseWriter, r *http.Request) error {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return parseForm(w, r)
	}
	lim, err := h.forum.ImageLimits(r.Context())
	if err != nil {
		return err
	}
	// Two files at most (a post's picture and one for its text).
	r.Body = http.MaxBytesReader(w, r.Body, 2*lim.MaxBytes+maxFormBytes)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &forum.InputError{Field: "image", Msg: fmt.Sprintf("the file is larger than the limit of %s", humanSize(lim.MaxBytes))}
		}
		return &forum.InputError{Msg: "the form could not be read"}
	}
	for _, vs := range r.MultipartForm.Value {
		for _, v := range vs {
			if !storable(v) {
				return &forum.InputError{Msg: "the form contains characters that cannot be stored (a NUL byte or broken UTF-8)"}
			}
		}
	}
	r.PostForm = r.MultipartForm.Value
	r.Form = r.PostForm
	return nil
}

// formFile opens the file sent in field, or answers nil when none was
// chosen (browsers send an empty part for an untouched file field).
func formFile(r *http.Request, field string) (multipart.File, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	fhs := r.MultipartForm.File[field]
	if len(fhs) == 0 || (fhs[0].Size == 0 && fhs[0].Filename == "") {
		return nil, nil
	}
	f, err := fhs[0].Open()
	if err != nil {
		return nil, fmt.Errorf("open uploaded %s: %w", field, err)
	}
	return f, nil
}

// withFile runs fn over the file in field, closing it after; ok is false
// when there was none.
func withFile(r *http.Request, field string, fn func(io.Reader) error) (ok bool, err error) {
	f, err := formFile(r, field)
	if err != nil || f == nil {
		return false, err
	}
	defer f.Close()
	return true, fn(f)
}

func humanSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d kB", n>>10)
}
