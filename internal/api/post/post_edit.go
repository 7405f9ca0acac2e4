package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/forum"
)

var errUpdatePost = apiutil.NewError("couldnt_update_post", http.StatusBadRequest)

// edit changes one's own post. Lemmy's EditPost leaves out what stays,
// so the post's present fields fill in for those left out.
func (m *Module) edit(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in EditPost
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), in.PostID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, errUpdatePost)
		return
	}
	pi := forum.PostInput{Title: p.Title, URL: p.URL, Body: p.Body, NSFW: p.NSFW, Language: p.Language}
	if in.Name != nil {
		pi.Title = *in.Name
	}
	if in.URL != nil {
		pi.URL = *in.URL
	}
	if in.Body != nil {
		pi.Body = *in.Body
	}
	if in.NSFW != nil {
		pi.NSFW = *in.NSFW
	}
	if in.LanguageID != nil {
		if pi.Language = model.LanguageCode(*in.LanguageID); pi.Language == "" {
			m.d.Fail(w, r, apiutil.NewError("language_not_allowed", http.StatusBadRequest), nil, nil)
			return
		}
	}
	p, err = m.d.Forum.EditPost(r.Context(), u, in.PostID, pi)
	if err != nil {
		m.d.Fail(w, r, apiutil.PostRefusal(err, postInputError(err, errUpdatePost)), apiutil.ErrPostNotFound, errUpdatePost)
		return
	}
	m.respond(w, r, p)
}
