package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

// edit changes one's own post. Lemmy's EditPost leaves out what stays,
// so the post's present fields fill in for those left out.
func (m *Module) edit(w http.ResponseWriter, r *http.Request) {
	var in EditPost
	u, ok := m.writer(w, r, &in)
	if !ok {
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
	if err := in.apply(&pi); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	p, err = m.d.Forum.EditPost(r.Context(), u, in.PostID, pi)
	if err != nil {
		m.d.Fail(w, r, apiutil.PostRefusal(err, postInputError(err, errUpdatePost)), apiutil.ErrPostNotFound, errUpdatePost)
		return
	}
	m.respond(w, r, p)
}
