package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

// remove is a moderator's removal or restore of a post, as the post
// page's moderation form does it: logged, and federated by the forum.
func (m *Module) remove(w http.ResponseWriter, r *http.Request) {
	var in RemovePost
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	m.moderate(w, r, forum.Moderation{Kind: forum.ModRemove, Target: forum.Target{PostID: in.PostID},
		Undo: !in.Removed, Reason: apiutil.Deref(in.Reason)})
}

// lock closes a post to new comments, or opens it again.
func (m *Module) lock(w http.ResponseWriter, r *http.Request) {
	var in LockPost
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	m.moderate(w, r, forum.Moderation{Kind: forum.ModLock, Target: forum.Target{PostID: in.PostID}, Undo: !in.Locked})
}

// feature pins a post in its community, or (for admins) on the front
// page, Lemmy's Local.
func (m *Module) feature(w http.ResponseWriter, r *http.Request) {
	var in FeaturePost
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	kind := forum.ModFeature
	switch in.FeatureType {
	case "Community":
	case "Local":
		kind = forum.ModFeatureLocal
	default:
		m.d.Fail(w, r, apiutil.ErrInvalidQuery, nil, nil)
		return
	}
	m.moderate(w, r, forum.Moderation{Kind: kind, Target: forum.Target{PostID: in.PostID}, Undo: !in.Featured})
}

func (m *Module) moderate(w http.ResponseWriter, r *http.Request, mod forum.Moderation) {
	if err := m.d.Moderate(r, mod); err != nil {
		m.d.Fail(w, r, apiutil.PostRefusal(err, errUpdatePost), apiutil.ErrPostNotFound, errUpdatePost)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), mod.Target.PostID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, nil)
		return
	}
	m.respond(w, r, p)
}
