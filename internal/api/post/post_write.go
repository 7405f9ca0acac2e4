package post

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

var (
	errCreatePost      = apiutil.NewError("couldnt_create_post", http.StatusBadRequest)
	errUpdatePost      = apiutil.NewError("couldnt_update_post", http.StatusBadRequest)
	errLanguageRefused = apiutil.NewError("language_not_allowed", http.StatusBadRequest)
)

// writer is the logged-in person about to write, within the write limit,
// with the body decoded into in; false when the refusal has been written.
func (m *Module) writer(w http.ResponseWriter, r *http.Request, in any) (store.LocalUser, bool) {
	u, err := apiutil.RequireUser(r)
	if err == nil {
		err = m.d.AllowWrite(u)
	}
	if err == nil {
		err = apiutil.DecodeJSON(w, r, in)
	}
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return u, false
	}
	return u, true
}

// apply sets the fields given on pi.
func (f PostFields) apply(pi *forum.PostInput) error {
	if f.URL != nil {
		pi.URL = *f.URL
	}
	if f.Body != nil {
		pi.Body = *f.Body
	}
	if f.NSFW != nil {
		pi.NSFW = *f.NSFW
	}
	if f.LanguageID != nil {
		if pi.Language = model.LanguageCode(*f.LanguageID); pi.Language == "" {
			return errLanguageRefused
		}
	}
	return nil
}

// postInputError names a refused title, link or text with Lemmy's code.
func postInputError(err error, fallback *apiutil.Error) *apiutil.Error {
	var ie *forum.InputError
	if !errors.As(err, &ie) {
		return fallback
	}
	switch ie.Field {
	case "title":
		return apiutil.NewError("invalid_post_title", http.StatusBadRequest)
	case "url":
		return apiutil.NewError("invalid_url", http.StatusBadRequest)
	case "body":
		return apiutil.NewError("invalid_body_field", http.StatusBadRequest)
	case "language":
		return errLanguageRefused
	}
	return fallback
}
