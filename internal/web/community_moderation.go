package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// communityModerationPage is where a community's moderators edit it,
// appoint moderators, hand it over and ban people.
type communityModerationPage struct {
	page
	Community store.Community
	// CommunityPath is the community's page, which the forms post under.
	CommunityPath string
	Rights        forum.Rights
	Edit          forum.CommunityEdit
	Moderators    []store.Person
	Bans          []store.CommunityBan
	// BanPerson is who the ban form is filled in for (?ban=NAME), as the
	// links beside posts and comments open it.
	BanPerson string
}

// moderatedCommunity finds the community in the URL and refuses, with a
// 403 that says why, anyone who may not moderate it.
func (h *Handler) moderatedCommunity(w http.ResponseWriter, r *http.Request) (store.Community, forum.Rights, bool) {
	u, _ := currentUser(r)
	c, err := h.communityByParam(r)
	if errors.Is(err, forum.ErrNotFound) {
		h.notFoundMsg(w, r, "There is no community by that name here.")
		return c, forum.Rights{}, false
	}
	if err != nil {
		h.serverError(w, r, err)
		return c, forum.Rights{}, false
	}
	rights, err := h.forum.ModeratorRights(r.Context(), u, c.ID)
	if isInput(err) {
		h.message(w, r, statusFor(err), "Not a moderator", errorText(err))
		return c, rights, false
	}
	if err != nil {
		h.serverError(w, r, err)
		return c, rights, false
	}
	return c, rights, true
}

func (h *Handler) communityModeration(w http.ResponseWriter, r *http.Request) {
	c, rights, ok := h.moderatedCommunity(w, r)
	if !ok {
		return
	}
	h.renderModeration(w, r, c, rights, http.StatusOK, "", nil)
}

// renderModeration shows the moderation page, with what went wrong with
// the last form and, for a refused edit, what was typed.
func (h *Handler) renderModeration(w http.ResponseWriter, r *http.Request, c store.Community, rights forum.Rights,
	status int, problem string, edit *forum.CommunityEdit) {
	ctx := r.Context()
	mods, err := h.store.Moderators(ctx, c.ID)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	bans, err := h.store.CommunityBans(ctx, c.ID)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := communityModerationPage{page: h.newPage(r, "Moderate "+c.Title), Community: c,
		CommunityPath: h.names.communityPath(c.Name, c.Domain), Rights: rights, Moderators: mods, Bans: bans,
		BanPerson: r.URL.Query().Get("ban"),
		Edit: forum.CommunityEdit{Title: c.Title, Description: c.Description, IconURL: c.IconURL, BannerURL: c.BannerURL,
			NSFW: c.NSFW, Restricted: c.PostingRestrictedToMods}}
	p.Canonical, p.Error = "", problem
	if edit != nil {
		p.Edit = *edit
	}
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/ban") {
		p.BanPerson = r.PostForm.Get("person") // a refused ban keeps whom it was about
	}
	h.render(w, r, status, "community_moderation", p)
}

// moderationDone answers a moderation form: back to the page on success,
// the page again with the reason on refusal.
func (h *Handler) moderationDone(w http.ResponseWriter, r *http.Request, c store.Community, rights forum.Rights, err error) {
	if err == nil {
		http.Redirect(w, r, h.names.communityPath(c.Name, c.Domain)+"/moderation", http.StatusSeeOther)
		return
	}
	if !isInput(err) {
		h.serverError(w, r, err)
		return
	}
	h.renderModeration(w, r, c, rights, statusFor(err), errorText(err), nil)
}

// communityUpdate saves the community's title, sidebar, images and rules.
func (h *Handler) communityUpdate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, rights, ok := h.moderatedCommunity(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.renderModeration(w, r, c, rights, http.StatusBadRequest, errorText(err), nil)
		return
	}
	f := r.PostForm
	in := forum.CommunityEdit{Title: f.Get("title"), Description: f.Get("description"), IconURL: f.Get("icon"),
		BannerURL: f.Get("banner"), NSFW: f.Get("nsfw") == "on", Restricted: f.Get("restricted") == "on"}
	if err := h.forum.EditCommunity(r.Context(), u, c.ID, in); err != nil {
		if isInput(err) {
			h.renderModeration(w, r, c, rights, statusFor(err), errorText(err), &in)
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, h.names.communityPath(c.Name, c.Domain), http.StatusSeeOther)
}

// personForm reads the person a moderation form is about, by the name
// the page shows (name, or name@host for another server's).
func (h *Handler) personForm(w http.ResponseWriter, r *http.Request) (store.Community, forum.Rights, store.Person, bool) {
	c, rights, ok := h.moderatedCommunity(w, r)
	if !ok {
		return c, rights, store.Person{}, false
	}
	if err := parseForm(w, r); err != nil {
		h.renderModeration(w, r, c, rights, http.StatusBadRequest, errorText(err), nil)
		return c, rights, store.Person{}, false
	}
	handle := r.PostForm.Get("person")
	if handle == "" {
		h.renderModeration(w, r, c, rights, http.StatusUnprocessableEntity, "Name the person, as name or name@host.", nil)
		return c, rights, store.Person{}, false
	}
	p, err := h.forum.PersonByHandle(r.Context(), handle)
	if err != nil {
		h.moderationDone(w, r, c, rights, err)
		return c, rights, p, false
	}
	return c, rights, p, true
}
