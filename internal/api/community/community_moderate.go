package community

import (
	"net/http"
	"time"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
)

var errUpdateCommunity = apiutil.NewError("couldnt_update_community", http.StatusBadRequest)

// banUser bans a person from a community, or lifts the ban, as the
// community's moderation page does: with a reason, an end (expires, in
// Unix seconds) and, if asked, the removal of what they wrote there.
func (m *Module) banUser(w http.ResponseWriter, r *http.Request) {
	var in BanFromCommunity
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	mod := forum.Moderation{Kind: forum.ModBan, CommunityID: in.CommunityID, PersonID: in.PersonID, Undo: !in.Ban,
		Reason: apiutil.Deref(in.Reason), RemoveData: in.RemoveData != nil && *in.RemoveData}
	if in.Expires != nil && in.Ban {
		mod.Expires = time.Unix(*in.Expires, 0)
	}
	if err := m.d.Moderate(r, mod); err != nil {
		m.d.Fail(w, r, apiutil.BanRefusal(err, errUpdateCommunity), apiutil.ErrCommunityNotFound, errUpdateCommunity)
		return
	}
	pv, err := apiutil.PersonViewByID(r.Context(), m.d.Store, in.PersonID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, BanFromCommunityResponse{PersonView: pv, Banned: in.Ban})
}

// addMod appoints a moderator of the community, or dismisses one.
func (m *Module) addMod(w http.ResponseWriter, r *http.Request) {
	var in AddModToCommunity
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	err := m.d.Moderate(r, forum.Moderation{Kind: forum.ModModerator, CommunityID: in.CommunityID, PersonID: in.PersonID,
		Undo: !in.Added})
	if err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errUpdateCommunity), apiutil.ErrCommunityNotFound, errUpdateCommunity)
		return
	}
	_, mods, err := apiutil.CommunityView(r.Context(), m.d.Store, r, in.CommunityID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, AddModToCommunityResponse{Moderators: mods})
}

// transfer hands a local community to another of its moderators, as the
// moderation page's form does.
func (m *Module) transfer(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in TransferCommunity
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.Forum.TransferCommunity(r.Context(), u, in.CommunityID, in.PersonID); err != nil {
		m.d.Fail(w, r, apiutil.Refusal(err, errUpdateCommunity), apiutil.ErrCommunityNotFound, errUpdateCommunity)
		return
	}
	m.respondGet(w, r, in.CommunityID)
}

// deleteOrRemove answers community/delete and community/remove as a
// Lemmy site would where neither is offered: the pages offer them to
// nobody (an operator deletes a community with the admin command).
func (m *Module) deleteOrRemove(w http.ResponseWriter, r *http.Request) {
	if _, err := apiutil.RequireUser(r); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	m.d.Fail(w, r, errUpdateCommunity, nil, nil)
}
