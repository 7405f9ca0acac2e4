package pictrs

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

// formField is the part lemmy-js-client puts the image in.
const formField = "images[]"

// multipartSlack is what a multipart body holds besides the image: its
// boundaries and headers.
const multipartSlack = 64 << 10

// deletePurpose names the seal of delete tokens.
const deletePurpose = "pictrs delete"

// upload stores one image for the logged-in person through the forum's
// checks and re-encoding, as the web's upload forms do, and answers its
// file name and a delete token. The body is cut at the site's limit, so
// a huge upload is refused before it is read.
func (m *Module) upload(w http.ResponseWriter, r *http.Request) {
	r, u, ok := m.user(w, r)
	if !ok {
		return
	}
	if !m.images.Allow("u" + strconv.FormatInt(u.ID, 10)) {
		m.fail(w, r, apiutil.ErrRateLimit)
		return
	}
	lim, err := m.d.Forum.ImageLimits(r.Context())
	if err != nil {
		m.fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, lim.MaxBytes+multipartSlack)
	part, err := imagePart(r)
	if err != nil {
		m.fail(w, r, err)
		return
	}
	up, err := m.d.Forum.UploadImage(r.Context(), u, store.ImagePost, part)
	if err != nil {
		m.fail(w, r, err)
		return
	}
	token, err := m.d.Tokens.Seal(r.Context(), deletePurpose, deleteMessage(up.ID, up.Key))
	if err != nil {
		m.fail(w, r, err)
		return
	}
	apiutil.WriteJSON(w, http.StatusCreated, UploadResponse{Msg: "ok",
		Files: []ImageFile{{File: up.Key, DeleteToken: strconv.FormatInt(up.ID, 10) + "." + token}}})
}

// imagePart is the body's images[] part, read as it streams in.
func imagePart(r *http.Request) (io.Reader, error) {
	errForm := apiutil.NewError("send the image as multipart/form-data, in a part named "+formField, http.StatusBadRequest)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errForm.Because(err)
	}
	for {
		p, err := mr.NextPart()
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return nil, err
		case err != nil:
			return nil, errForm.Because(err)
		case p.FormName() == formField:
			return p, nil
		}
		if err := drain(p); err != nil {
			return nil, err
		}
	}
}

func drain(p *multipart.Part) error {
	_, err := io.Copy(io.Discard, p)
	return err
}

// deleteMessage is what a delete token seals: the upload and its file.
func deleteMessage(imageID int64, key string) string {
	return strconv.FormatInt(imageID, 10) + "/" + key
}
