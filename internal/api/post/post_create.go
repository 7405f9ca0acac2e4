package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

// create writes a post through the same rule the web form uses. A
// honeypot filled in is a bot's.
func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	var in CreatePost
	u, ok := m.writer(w, r, &in)
	if !ok {
		return
	}
	if in.Honeypot != nil && *in.Honeypot != "" {
		m.d.Fail(w, r, apiutil.NewError("honeypot_failed", http.StatusBadRequest), nil, nil)
		return
	}
	pi := forum.PostInput{CommunityID: in.CommunityID, Title: in.Name}
	if err := in.apply(&pi); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	p, err := m.d.Forum.CreatePost(r.Context(), u, pi)
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, postInputError(err, errCreatePost)), apiutil.ErrCommunityNotFound, errCreatePost)
		return
	}
	m.respond(w, r, p)
}
