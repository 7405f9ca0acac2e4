package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// commentCreate posts a reply, then shows it in its thread.
func (h *Handler) commentCreate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	postID, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such post.")
		return
	}
	if err := h.parseUploadForm(w, r); err != nil {
		h.message(w, r, statusFor(err), "Comment not posted", errorText(err))
		return
	}
	var parent int64
	if s := r.PostForm.Get("parent"); s != "" && s != "0" {
		if parent, ok = idParam(s); !ok {
			h.message(w, r, http.StatusBadRequest, "Comment not posted", "The comment you replied to does not exist.")
			return
		}
	}
	typed := r.PostForm.Get("body")
	// A refusal comes back as the thread, with the text still in its form
	// and the reason beside it, so that nothing typed is lost.
	refuse := func(status int, msg string) {
		h.showThread(w, r, postID, status, &commentDraft{Parent: parent, Body: typed, Error: msg})
	}
	if !h.limits.post.Allow("u" + strconv.FormatInt(u.ID, 10)) {
		refuse(http.StatusTooManyRequests, "You are posting too fast. Wait a few seconds and send it again.")
		return
	}
	body, err := h.bodyWithImage(r, u, typed)
	if err != nil {
		if isInput(err) {
			refuse(statusFor(err), "The picture was not accepted: "+errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	c, err := h.forum.CreateComment(r.Context(), u, postID, parent, body)
	if err != nil {
		if isInput(err) && !errors.Is(err, forum.ErrNotFound) {
			refuse(statusFor(err), errorText(err))
			return
		}
		if isInput(err) {
			h.message(w, r, statusFor(err), "Comment not posted", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/post/"+strconv.FormatInt(postID, 10)+"#c"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
}

type editCommentPage struct {
	page
	Comment store.Comment
	Body    string
}

func (h *Handler) commentEdit(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, ok := h.ownCommentOr404(w, r, u)
	if !ok {
		return
	}
	h.render(w, r, http.StatusOK, "edit_comment", editCommentPage{page: h.newPage(r, "Edit comment"), Comment: c, Body: c.Body})
}

func (h *Handler) commentUpdate(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, ok := h.ownCommentOr404(w, r, u)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Comment not saved", errorText(err))
		return
	}
	body := r.PostForm.Get("body")
	if _, err := h.forum.EditComment(r.Context(), u, c.ID, body); err != nil {
		if isInput(err) {
			p := editCommentPage{page: h.newPage(r, "Edit comment"), Comment: c, Body: body}
			p.Error = errorText(err)
			h.render(w, r, statusFor(err), "edit_comment", p)
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/post/"+strconv.FormatInt(c.PostID, 10)+"#c"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
}

func (h *Handler) commentDelete(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	c, ok := h.ownCommentOr404(w, r, u)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	if err := h.forum.DeleteComment(r.Context(), u, c.ID, r.PostForm.Get("restore") != "1"); err != nil {
		if isInput(err) {
			h.message(w, r, statusFor(err), "Nothing changed", errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/post/"+strconv.FormatInt(c.PostID, 10)+"#c"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
}

// ownCommentOr404 finds the comment in the URL if the user wrote it.
func (h *Handler) ownCommentOr404(w http.ResponseWriter, r *http.Request, u store.LocalUser) (store.Comment, bool) {
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such comment.")
		return store.Comment{}, false
	}
	c, err := h.forum.Comment(r.Context(), id)
	if err != nil {
		if isInput(err) {
			h.notFoundMsg(w, r, "There is no such comment.")
			return c, false
		}
		h.serverError(w, r, err)
		return c, false
	}
	if c.CreatorID != u.ID {
		h.message(w, r, http.StatusForbidden, "Not yours", "Only the author may change this comment.")
		return c, false
	}
	return c, true
}
