package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
)

type verifyEmailPage struct {
	page
	Token   string
	TokenOK bool
}

// verifyEmailLink shows a button that confirms the address: a GET changes
// nothing, since mail scanners open links before people do.
func (h *Handler) verifyEmailLink(w http.ResponseWriter, r *http.Request) {
	p := verifyEmailPage{page: h.newPage(r, "Confirm your email address"), Token: chi.URLParam(r, "token"), TokenOK: true}
	p.Canonical = ""
	status := http.StatusOK
	if err := h.forum.CheckVerifyLink(r.Context(), p.Token); err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		status, p.TokenOK, p.Error = linkStatus(err)
	}
	h.render(w, r, status, "verify_email", p)
}

func (h *Handler) verifyEmail(w http.ResponseWriter, r *http.Request) {
	p := verifyEmailPage{page: h.newPage(r, "Confirm your email address"), Token: chi.URLParam(r, "token"), TokenOK: true}
	p.Canonical = ""
	if err := h.forum.VerifyEmail(r.Context(), p.Token); err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		var status int
		status, p.TokenOK, p.Error = linkStatus(err)
		h.render(w, r, status, "verify_email", p)
		return
	}
	if _, ok := currentUser(r); ok {
		http.Redirect(w, r, "/settings?done=email#account", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/login?done=verified", http.StatusSeeOther)
}

// verifyEmailResend mails the link again to an account that waits for it,
// from the log-in page, once the password is given again.
func (h *Handler) verifyEmailResend(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Not sent", errorText(err))
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	p := loginPage{page: h.newPage(r, "Log in"), Name: name, Return: "/", Unverified: true}
	if len(name) > 64 || !h.limits.loginIP.Allow(clientIP(r)) || !h.limits.login.Allow(clientIP(r)+"|"+strings.ToLower(name)) ||
		!h.acct.resend.Allow(strings.ToLower(name)) {
		p.Error = "Too many attempts. Wait a few minutes and try again."
		h.render(w, r, http.StatusTooManyRequests, "login", p)
		return
	}
	err := h.forum.ResendVerification(r.Context(), name, r.PostForm.Get("password"))
	if err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		p.Error = errorText(err)
		status := http.StatusUnauthorized
		if errors.Is(err, forum.ErrNoMail) {
			status = http.StatusUnprocessableEntity
		}
		h.render(w, r, status, "login", p)
		return
	}
	http.Redirect(w, r, "/login?done=resent", http.StatusSeeOther)
}
