package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type communitiesPage struct {
	page
	Communities []store.Community
	Subscribed  map[int64]string
}

func (h *Handler) communityList(w http.ResponseWriter, r *http.Request) {
	cs, err := h.store.ListCommunities(r.Context(), false, false)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := communitiesPage{page: h.newPage(r, "Communities"), Communities: cs, Subscribed: map[int64]string{}}
	if p.User != nil {
		if p.Subscribed, err = h.store.SubscribedCommunityIDs(r.Context(), p.User.ID); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "communities", p)
}

// communityByParam finds /c/name (local) or /c/name@host (remote).
func (h *Handler) communityByParam(r *http.Request) (store.Community, error) {
	return h.communityByName(r, chi.URLParam(r, "name"))
}

func (h *Handler) communityByName(r *http.Request, name string) (store.Community, error) {
	var c store.Community
	var err error
	if n, host, ok := strings.Cut(name, "@"); ok {
		c, err = h.store.CommunityByNameAndDomain(r.Context(), n, domainOf(host))
	} else {
		c, err = h.store.LocalCommunityByName(r.Context(), name)
	}
	if errors.Is(err, store.ErrNotFound) || (err == nil && (c.Deleted || c.Removed)) {
		return c, forum.ErrNotFound
	}
	return c, err
}

// domainOf is the host of an address such as /c/name@host as instances
// are stored, in whichever spelling it came (Lemmy.Example., bücher.example);
// a host that is none matches nothing.
func domainOf(host string) string {
	d, _ := ap.CanonicalHost(host)
	return d
}

type communityPage struct {
	page
	listing
	Community  store.Community
	Icon       *img // nil for none
	Banner     *img
	Moderators []store.Person
	Subscribed string
	Rights     forum.Rights
	// Banned: the viewer is banned from the community.
	Banned bool
	Block  communityBlockState
}

func (h *Handler) communityShow(w http.ResponseWriter, r *http.Request) {
	c, err := h.communityByParam(r)
	if errors.Is(err, forum.ErrNotFound) {
		h.notFoundMsg(w, r, "There is no community by that name here. Search for it, or browse all communities.")
		return
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	path := "/c/" + chi.URLParam(r, "name")
	l, ok, err := h.readListing(r, store.PostQuery{CommunityID: c.ID}, path)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if !ok {
		h.message(w, r, http.StatusBadRequest, "Unknown sort", "That sort or page marker is not one this site knows.")
		return
	}
	if c, err = h.store.WithCounts(r.Context(), c); err != nil {
		h.serverError(w, r, err)
		return
	}
	mods, err := h.store.Moderators(r.Context(), c.ID)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := communityPage{page: h.newPage(r, c.Title), listing: l, Community: c, Moderators: mods}
	pics := h.pictures(r.Context(), forum.RemoteImage{URL: c.IconURL, Purpose: store.ImageCommunityIcon},
		forum.RemoteImage{URL: c.BannerURL, Purpose: store.ImageCommunityBanner})
	p.Icon = square(pics, c.IconURL, iconBox)
	p.Banner = whole(pics, c.BannerURL, 960, 240, false)
	p.Description = h.forum.PlainText(c.Description, 300)
	if p.Icon != nil {
		p.Image = p.Icon.Src
	}
	if p.User != nil {
		f, err := h.store.GetFollow(r.Context(), c.ID, p.User.ID)
		if err == nil {
			p.Subscribed = f.State
		} else if !errors.Is(err, store.ErrNotFound) {
			h.serverError(w, r, err)
			return
		}
		if p.Rights, err = h.forum.RightsIn(r.Context(), *p.User, c.ID); err != nil {
			h.serverError(w, r, err)
			return
		}
		if p.Banned, err = h.store.IsBannedFromCommunity(r.Context(), c.ID, p.User.ID); err != nil {
			h.serverError(w, r, err)
			return
		}
		if p.Block, err = h.communityBlockState(r.Context(), p.User, c); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, "community", p)
}

func (h *Handler) communitySubscribe(w http.ResponseWriter, r *http.Request) {
	h.subscription(w, r, true)
}

func (h *Handler) communityUnsubscribe(w http.ResponseWriter, r *http.Request) {
	h.subscription(w, r, false)
}

func (h *Handler) subscription(w http.ResponseWriter, r *http.Request, on bool) {
	u, _ := currentUser(r)
	c, err := h.communityByParam(r)
	if errors.Is(err, forum.ErrNotFound) {
		h.notFoundMsg(w, r, "There is no community by that name here.")
		return
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	if on {
		err = h.forum.Subscribe(r.Context(), u, c.ID)
	} else {
		err = h.forum.Unsubscribe(r.Context(), u, c.ID)
	}
	if err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Nothing changed", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, safeReturn(r.PostForm.Get("return"), "/c/"+chi.URLParam(r, "name")), http.StatusSeeOther)
}

type createCommunityPage struct {
	page
	Form forum.NewCommunity
}

func (h *Handler) communityNew(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "create_community", createCommunityPage{page: h.newPage(r, "Create community")})
}

func (h *Handler) communityCreate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Community not created", errorText(err))
		return
	}
	f := r.PostForm
	in := forum.NewCommunity{Name: strings.TrimSpace(f.Get("name")), Title: f.Get("title"), Description: f.Get("description"),
		NSFW: f.Get("nsfw") == "on", Restricted: f.Get("restricted") == "on", Moderator: u.Name}
	if !h.limits.post.Allow("u" + strconv.FormatInt(u.ID, 10)) {
		p := createCommunityPage{page: h.newPage(r, "Create community"), Form: in}
		p.Error = "You are creating too fast. Wait a few seconds and try again."
		h.render(w, r, http.StatusTooManyRequests, "create_community", p)
		return
	}
	c, err := h.forum.CreateCommunity(r.Context(), in)
	if err != nil {
		if isInput(err) {
			p := createCommunityPage{page: h.newPage(r, "Create community"), Form: in}
			p.Error = errorText(err)
			h.render(w, r, statusFor(err), "create_community", p)
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/c/"+c.Name, http.StatusSeeOther)
}
