package comment

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

// remove is a moderator's removal or restore of a comment, as the
// thread's moderation form does it: logged, and federated by the forum.
func (m *Module) remove(w http.ResponseWriter, r *http.Request) {
	var in RemoveComment
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	err := m.d.Moderate(r, forum.Moderation{Kind: forum.ModRemove, Target: forum.Target{CommentID: in.CommentID},
		Undo: !in.Removed, Reason: apiutil.Deref(in.Reason)})
	if err != nil {
		m.d.Fail(w, r, apiutil.CommentRefusal(err, errUpdateComment), apiutil.ErrCommentNotFound, errUpdateComment)
		return
	}
	m.respond(w, r, in.CommentID)
}

// distinguish answers as a Lemmy site without distinguished comments
// would, since the pages have none: a moderator may ask for a comment not
// to be distinguished, which it is not, and nothing more.
func (m *Module) distinguish(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in DistinguishComment
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	c, err := m.d.Forum.Comment(r.Context(), in.CommentID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, nil)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), c.PostID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, nil)
		return
	}
	if _, err := m.d.Forum.ModeratorRights(r.Context(), u, p.CommunityID); err != nil {
		m.d.Fail(w, r, apiutil.CommentRefusal(err, errUpdateComment), apiutil.ErrCommentNotFound, errUpdateComment)
		return
	}
	if in.Distinguished {
		m.d.Fail(w, r, errUpdateComment, nil, nil)
		return
	}
	m.respond(w, r, c.ID)
}
