package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type userPage struct {
	page
	Person       store.Person
	Avatar       *img // nil for none
	Banner       *img
	Posts        []postRow
	Comments     []store.CommentWithPost
	PostScore    int64
	CommentScore int64
	Block        personBlockState
}

// personByParam finds /u/name (local) or /u/name@host (remote).
func (h *Handler) personByParam(r *http.Request) (store.Person, error) {
	return h.personByName(r, chi.URLParam(r, "name"))
}

func (h *Handler) personByName(r *http.Request, name string) (store.Person, error) {
	var p store.Person
	var err error
	if n, host, ok := strings.Cut(name, "@"); ok {
		p, err = h.store.PersonByNameAndDomain(r.Context(), n, domainOf(host))
	} else {
		p, err = h.store.LocalPersonByName(r.Context(), name)
	}
	if errors.Is(err, store.ErrNotFound) || (err == nil && p.Deleted) {
		return p, forum.ErrNotFound
	}
	return p, err
}

func (h *Handler) userShow(w http.ResponseWriter, r *http.Request) {
	person, err := h.personByParam(r)
	if errors.Is(err, forum.ErrNotFound) {
		if h.deletedAccount(w, r, chi.URLParam(r, "name")) {
			return
		}
		h.notFoundMsg(w, r, "There is nobody by that name here.")
		return
	}
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	ctx := r.Context()
	p := userPage{page: h.newPage(r, person.Name), Person: person}
	pics := h.pictures(ctx, forum.RemoteImage{URL: person.AvatarURL, Purpose: store.ImageAvatar},
		forum.RemoteImage{URL: person.BannerURL, Purpose: store.ImageBanner})
	p.Avatar = square(pics, person.AvatarURL, avatarBox)
	p.Banner = whole(pics, person.BannerURL, 960, 240, false)
	posts, err := h.store.PersonPosts(ctx, person.ID, 20, p.User != nil && p.User.ShowNSFW)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	if p.Posts, err = h.postRows(ctx, p.User, r.URL.RequestURI(), posts); err != nil {
		h.serverError(w, r, err)
		return
	}
	if p.Block, err = h.personBlockState(ctx, p.User, person); err != nil {
		h.serverError(w, r, err)
		return
	}
	if p.Comments, err = h.store.PersonComments(ctx, person.ID, 20); err != nil {
		h.serverError(w, r, err)
		return
	}
	if p.PostScore, p.CommentScore, err = h.store.PersonScores(ctx, person.ID); err != nil {
		h.serverError(w, r, err)
		return
	}
	p.Description = h.forum.PlainText(person.Bio, 300)
	if p.Avatar != nil {
		p.Image = p.Avatar.Src
	}
	h.render(w, r, http.StatusOK, "user", p)
}
