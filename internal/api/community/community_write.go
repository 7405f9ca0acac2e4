package community

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

var errCreateCommunity = apiutil.NewError("couldnt_create_community", http.StatusBadRequest)

// create makes a community with its creator as first moderator, as the
// create-community page does. An icon or banner given (an address, as
// lemmy-ui uploads it first) is set as a moderator's edit would.
func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreateCommunity
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	c, err := m.d.Forum.CreateCommunity(r.Context(), forum.NewCommunity{Name: in.Name, Title: in.Title,
		Description: apiutil.Deref(in.Description), NSFW: isTrue(in.NSFW), Restricted: isTrue(in.PostingRestrictedToMods),
		Moderator: u.Name})
	if err != nil {
		m.d.Fail(w, r, communityRefusal(err, errCreateCommunity), nil, errCreateCommunity)
		return
	}
	if in.Icon != nil || in.Banner != nil {
		e := editOf(c)
		setIf(&e.IconURL, in.Icon)
		setIf(&e.BannerURL, in.Banner)
		if err := m.d.Forum.EditCommunity(r.Context(), u, c.ID, e); err != nil {
			m.d.Fail(w, r, communityRefusal(err, errUpdateCommunity), apiutil.ErrCommunityNotFound, errUpdateCommunity)
			return
		}
	}
	m.respond(w, r, c.ID)
}

// edit changes a community's title, sidebar, images and posting rule for
// one of its moderators or an admin, as the moderation page's form does.
func (m *Module) edit(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in EditCommunity
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	c, err := m.d.Store.CommunityByID(r.Context(), in.CommunityID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	e := editOf(c)
	setIf(&e.Title, in.Title)
	setIf(&e.Description, in.Description)
	setIf(&e.IconURL, in.Icon)
	setIf(&e.BannerURL, in.Banner)
	if in.NSFW != nil {
		e.NSFW = *in.NSFW
	}
	if in.PostingRestrictedToMods != nil {
		e.Restricted = *in.PostingRestrictedToMods
	}
	if err := m.d.Forum.EditCommunity(r.Context(), u, c.ID, e); err != nil {
		m.d.Fail(w, r, communityRefusal(err, errUpdateCommunity), apiutil.ErrCommunityNotFound, errUpdateCommunity)
		return
	}
	m.respond(w, r, c.ID)
}

// editOf is the community as it stands, for an edit to change.
func editOf(c store.Community) forum.CommunityEdit {
	return forum.CommunityEdit{Title: c.Title, Description: c.Description, IconURL: c.IconURL, BannerURL: c.BannerURL,
		NSFW: c.NSFW, Restricted: c.PostingRestrictedToMods}
}

// communityRefusal names a refused name or title with Lemmy's code.
func communityRefusal(err error, fallback *apiutil.Error) error {
	var ie *forum.InputError
	if errors.As(err, &ie) {
		switch ie.Field {
		case "name":
			return apiutil.NewError("invalid_name", http.StatusBadRequest).Because(err)
		case "title":
			return apiutil.NewError("invalid_display_name", http.StatusBadRequest).Because(err)
		case "description":
			return apiutil.NewError("invalid_body_field", http.StatusBadRequest).Because(err)
		case "icon", "banner":
			return apiutil.NewError("invalid_url", http.StatusBadRequest).Because(err)
		}
	}
	return apiutil.Refusal(err, fallback)
}

func setIf(dst, v *string) {
	if v != nil {
		*dst = *v
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

// respond answers CommunityResponse with the community as it now stands.
func (m *Module) respond(w http.ResponseWriter, r *http.Request, id int64) {
	cv, _, err := apiutil.CommunityView(r.Context(), m.d.Store, r, id)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommunityNotFound, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, CommunityResponse{CommunityView: cv, DiscussionLanguages: []int{}})
}
