package web

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type accountDeletePage struct {
	page
	// Content is the choice made: "keep" or "remove" ("" before one).
	Content string
}

func (h *Handler) accountDeleteForm(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "account_delete", accountDeletePage{page: h.newPage(r, "Delete your account")})
}

// accountDelete deletes the logged-in person's account, once they give
// its password and say what becomes of their posts and comments.
func (h *Handler) accountDelete(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	p := accountDeletePage{page: h.newPage(r, "Delete your account")}
	if err := parseForm(w, r); err != nil {
		p.Error = errorText(err)
		h.render(w, r, http.StatusBadRequest, "account_delete", p)
		return
	}
	p.Content = r.PostForm.Get("content")
	if p.Content != "keep" && p.Content != "remove" {
		p.Error = "Choose whether your posts and comments stay or go with the account."
		h.render(w, r, http.StatusUnprocessableEntity, "account_delete", p)
		return
	}
	if !h.limits.login.Allow(clientIP(r) + "|" + u.Name) {
		p.Error = "Too many attempts. Wait a minute and try again."
		h.render(w, r, http.StatusTooManyRequests, "account_delete", p)
		return
	}
	err := h.forum.DeleteAccount(r.Context(), u, forum.AccountDeletion{Password: r.PostForm.Get("password"),
		RemoveContent: p.Content == "remove"})
	if err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		p.Error = errorText(err)
		h.render(w, r, statusFor(err), "account_delete", p)
		return
	}
	h.clearSessionCookie(w)
	http.Redirect(w, r, "/login?done=deleted", http.StatusSeeOther)
}

// deletedAccount answers the profile of an account its owner deleted:
// 410, saying so, rather than a 404 that would suggest the name is free.
func (h *Handler) deletedAccount(w http.ResponseWriter, r *http.Request, name string) bool {
	p, err := h.store.LocalPersonByName(r.Context(), name)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !p.Deleted) {
		return false
	}
	if err != nil {
		h.serverError(w, r, err)
		return true
	}
	h.message(w, r, http.StatusGone, "Deleted account", p.Name+" deleted their account.")
	return true
}
