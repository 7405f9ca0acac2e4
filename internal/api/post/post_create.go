package post

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
)

var errCreatePost = apiutil.NewError("couldnt_create_post", http.StatusBadRequest)

// create writes a post through the same rule the web form uses. Alt
// text and custom thumbnails wait for the media branch; a honeypot
// filled in is a bot's.
func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreatePost
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if in.Honeypot != nil && *in.Honeypot != "" {
		m.d.Fail(w, r, apiutil.NewError("honeypot_failed", http.StatusBadRequest), nil, nil)
		return
	}
	pi := forum.PostInput{CommunityID: in.CommunityID, Title: in.Name, URL: apiutil.Deref(in.URL), Body: apiutil.Deref(in.Body),
		NSFW: in.NSFW != nil && *in.NSFW}
	if in.LanguageID != nil {
		if pi.Language = model.LanguageCode(*in.LanguageID); pi.Language == "" {
			m.d.Fail(w, r, apiutil.NewError("language_not_allowed", http.StatusBadRequest), nil, nil)
			return
		}
	}
	p, err := m.d.Forum.CreatePost(r.Context(), u, pi)
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, postInputError(err, errCreatePost)), apiutil.ErrCommunityNotFound, errCreatePost)
		return
	}
	m.respond(w, r, p)
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
		return apiutil.NewError("language_not_allowed", http.StatusBadRequest)
	}
	return fallback
}
