package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// picturesPage is /settings/pictures: the avatar and banner, an upload
// for use in markdown, and the person's uploads, each deletable.
type picturesPage struct {
	page
	Limits  uploadLimits
	Uploads []forum.Uploaded
	Saved   *forum.Uploaded // the upload just made, with its markdown
	Avatar  *img            // the person's, nil for none
	Banner  *img
}

type uploadLimits struct {
	Size   string
	Pixels string
}

func (h *Handler) uploadLimits(r *http.Request) uploadLimits {
	lim, err := h.forum.ImageLimits(r.Context())
	if err != nil {
		return uploadLimits{}
	}
	return uploadLimits{Size: humanSize(lim.MaxBytes), Pixels: fmt.Sprintf("%.1f million", float64(lim.MaxPixels)/1e6)}
}

func (h *Handler) settingsPictures(w http.ResponseWriter, r *http.Request) {
	h.renderPictures(w, r, http.StatusOK, "")
}

func (h *Handler) renderPictures(w http.ResponseWriter, r *http.Request, status int, msg string) {
	u, _ := currentUser(r)
	// The header's user was read before an upload in this request.
	if p, err := h.store.PersonByID(r.Context(), u.ID); err == nil {
		u.Person = p
	}
	p := picturesPage{page: h.newPage(r, "Pictures"), Limits: h.uploadLimits(r)}
	p.User = &u
	p.Error = msg
	pics := h.pictures(r.Context(), forum.RemoteImage{URL: u.AvatarURL, Purpose: store.ImageAvatar},
		forum.RemoteImage{URL: u.BannerURL, Purpose: store.ImageBanner})
	p.Avatar, p.Banner = square(pics, u.AvatarURL, avatarBox), whole(pics, u.BannerURL, 960, 240, false)
	ups, err := h.forum.Uploads(r.Context(), u)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p.Uploads = ups
	if id, ok := idParam(r.URL.Query().Get("saved")); ok {
		for i := range ups {
			if ups[i].ID == id {
				p.Saved = &ups[i]
			}
		}
	}
	h.render(w, r, status, "settings_pictures", p)
}

// settingsPictureUpload takes an avatar, a banner or a picture for
// markdown (the purpose field), from a plain multipart form, or from the
// text boxes' upload button (app.js), which asks for JSON: the picture's
// address and markdown, or why it was refused.
func (h *Handler) settingsPictureUpload(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	refuse := func(status int, msg string) {
		if strings.Contains(r.Header.Get("Accept"), "application/json") {
			writeJSON(w, status, map[string]string{"error": msg})
			return
		}
		h.renderPictures(w, r, status, msg)
	}
	if err := h.parseUploadForm(w, r); err != nil {
		refuse(statusFor(err), "Not uploaded: "+errorText(err))
		return
	}
	purpose := r.PostForm.Get("purpose")
	var up forum.Uploaded
	ok, err := withFile(r, "image", func(f io.Reader) error {
		var err error
		switch purpose {
		case store.ImageAvatar, store.ImageBanner:
			up, err = h.forum.SetPersonImage(r.Context(), u, purpose, f)
		case store.ImageMarkdown:
			up, err = h.forum.UploadImage(r.Context(), u, purpose, f)
		default:
			err = &forum.InputError{Field: "purpose", Msg: "choose what the picture is for"}
		}
		return err
	})
	switch {
	case err == nil && !ok:
		refuse(http.StatusBadRequest, "Not uploaded: choose a file first.")
	case errors.Is(err, forum.ErrNoMedia):
		refuse(http.StatusServiceUnavailable, "Not uploaded: "+err.Error()+".")
	case isInput(err):
		refuse(statusFor(err), "Not uploaded: "+errorText(err))
	case err != nil:
		h.serverError(w, r, err)
	case strings.Contains(r.Header.Get("Accept"), "application/json"):
		writeJSON(w, http.StatusCreated, map[string]string{"url": up.URL, "markdown": "![](" + up.URL + ")"})
	default:
		http.Redirect(w, r, "/settings/pictures?saved="+strconv.FormatInt(up.ID, 10), http.StatusSeeOther)
	}
}

// imageDelete deletes one of the person's uploads (an admin's, anyone's).
func (h *Handler) imageDelete(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFound(w, r)
		return
	}
	if err := h.forum.DeleteImage(r.Context(), u, id); err != nil {
		if isInput(err) || errors.Is(err, forum.ErrNotFound) {
			h.message(w, r, statusFor(err), "Not deleted", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, safeReturn(r.PostFormValue("return"), "/settings/pictures"), http.StatusSeeOther)
}
