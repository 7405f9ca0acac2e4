package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type postFormPage struct {
	page
	Editing     bool
	PostID      int64
	Form        forum.PostInput
	Communities []store.Community
	Languages   []struct{ Code, Name string }
}

func (h *Handler) postFormPage(r *http.Request, title string, in forum.PostInput) (postFormPage, error) {
	cs, err := h.store.CommunityChoices(r.Context())
	return postFormPage{page: h.newPage(r, title), Form: in, Communities: cs, Languages: forum.Languages}, err
}

func readPostForm(r *http.Request) forum.PostInput {
	f := r.PostForm
	cid, _ := strconv.ParseInt(f.Get("community"), 10, 64)
	return forum.PostInput{CommunityID: cid, Title: f.Get("title"), URL: f.Get("url"), Body: f.Get("body"),
		NSFW: f.Get("nsfw") == "on", Language: f.Get("language")}
}

func (h *Handler) postNew(w http.ResponseWriter, r *http.Request) {
	in := forum.PostInput{}
	if id, ok := idParam(r.URL.Query().Get("community_id")); ok {
		in.CommunityID = id
	} else if c := r.URL.Query().Get("community"); c != "" {
		if cm, err := h.communityByName(r, c); err == nil {
			in.CommunityID = cm.ID
		}
	}
	p, err := h.postFormPage(r, "Create post", in)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "post_form", p)
}

func (h *Handler) postCreate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := h.parseUploadForm(w, r); err != nil {
		h.message(w, r, statusFor(err), "Post not created", errorText(err))
		return
	}
	in := readPostForm(r)
	if !h.limits.post.Allow("u" + strconv.FormatInt(u.ID, 10)) {
		h.postFormError(w, r, "Create post", in, http.StatusTooManyRequests, "You are posting too fast. Wait a few seconds and try again.")
		return
	}
	if err := h.postUploads(r, u, &in); err != nil {
		if isInput(err) {
			h.postFormError(w, r, "Create post", in, statusFor(err), "The picture was not accepted: "+errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	post, err := h.forum.CreatePost(r.Context(), u, in)
	if err != nil {
		if isInput(err) {
			h.postFormError(w, r, "Create post", in, statusFor(err), errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/post/"+strconv.FormatInt(post.ID, 10), http.StatusSeeOther)
}

// postFormError shows the form again with what was typed and what is wrong.
func (h *Handler) postFormError(w http.ResponseWriter, r *http.Request, title string, in forum.PostInput, status int, msg string) {
	p, err := h.postFormPage(r, title, in)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p.Error = msg
	if title == "Edit post" {
		p.Editing = true
		p.PostID, _ = idParam(chi.URLParam(r, "id"))
	}
	h.render(w, r, status, "post_form", p)
}

func (h *Handler) postEdit(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	post, ok := h.ownPostOr404(w, r, u)
	if !ok {
		return
	}
	p, err := h.postFormPage(r, "Edit post", forum.PostInput{CommunityID: post.CommunityID, Title: post.Title,
		URL: post.URL, Body: post.Body, NSFW: post.NSFW, Language: post.Language})
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p.Editing, p.PostID = true, post.ID
	h.render(w, r, http.StatusOK, "post_form", p)
}

func (h *Handler) postUpdate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	post, ok := h.ownPostOr404(w, r, u)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Post not saved", errorText(err))
		return
	}
	in := readPostForm(r)
	in.CommunityID = post.CommunityID
	if _, err := h.forum.EditPost(r.Context(), u, post.ID, in); err != nil {
		if isInput(err) {
			h.postFormError(w, r, "Edit post", in, statusFor(err), errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/post/"+strconv.FormatInt(post.ID, 10), http.StatusSeeOther)
}

func (h *Handler) postDelete(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	post, ok := h.ownPostOr404(w, r, u)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	if err := h.forum.DeletePost(r.Context(), u, post.ID, r.PostForm.Get("restore") != "1"); err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Nothing changed", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/post/"+strconv.FormatInt(post.ID, 10), http.StatusSeeOther)
}

func (h *Handler) ownPostOr404(w http.ResponseWriter, r *http.Request, u store.LocalUser) (store.Post, bool) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such post.")
		return store.Post{}, false
	}
	p, err := h.forum.Post(r.Context(), id)
	if err != nil {
		if isInput(err) {
			h.notFoundMsg(w, r, "There is no such post.")
			return p, false
		}
		h.serverError(w, r, err)
		return p, false
	}
	if p.CreatorID != u.ID {
		h.message(w, r, http.StatusForbidden, "Not yours", "Only the author may change this post.")
		return p, false
	}
	return p, true
}
