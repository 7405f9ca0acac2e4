package web

import (
	"io"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// postUploads stores the pictures sent with a new post: "image" becomes
// the post's picture (its link and thumbnail); "body_image" is added to
// its text as markdown, which is how a form without JavaScript puts a
// picture in the text.
func (h *Handler) postUploads(r *http.Request, u store.LocalUser, in *forum.PostInput) error {
	if _, err := withFile(r, "image", func(f io.Reader) error {
		up, err := h.forum.UploadImage(r.Context(), u, store.ImagePost, f)
		if err == nil {
			in.Image = &up
		}
		return err
	}); err != nil {
		return err
	}
	body, err := h.bodyWithImage(r, u, in.Body)
	in.Body = body
	return err
}

// bodyWithImage adds the picture sent as "body_image", if any, to the end
// of a post's or comment's markdown.
func (h *Handler) bodyWithImage(r *http.Request, u store.LocalUser, body string) (string, error) {
	_, err := withFile(r, "body_image", func(f io.Reader) error {
		up, err := h.forum.UploadImage(r.Context(), u, store.ImageMarkdown, f)
		if err == nil {
			body = appendImageMarkdown(body, up.URL)
		}
		return err
	})
	return body, err
}

func appendImageMarkdown(body, url string) string {
	body = strings.TrimRight(body, " \t\r\n")
	if body != "" {
		body += "\n\n"
	}
	return body + "![](" + url + ")"
}
