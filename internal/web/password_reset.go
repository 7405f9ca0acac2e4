package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
)

// loginNotices are what ?done= may say on the log-in page after a mailed
// link was followed: a fixed list, so a crafted link cannot put words on
// the page.
var loginNotices = map[string]string{
	"reset":    "Your password is changed, and every session of your account was ended. Log in with the new password.",
	"verified": "Your email address is confirmed. You can log in now.",
	"deleted":  "Your account is deleted. Goodbye.",
	"resent":   "We mailed you a new link. It works for two days; the older ones no longer count once you follow it.",
}

type passwordResetPage struct {
	page
	Mail  bool
	Email string
	Sent  bool
	// Token is the link's, for the new password form; TokenOK tells
	// whether the link still works.
	Token   string
	TokenOK bool
}

func (h *Handler) passwordResetForm(w http.ResponseWriter, r *http.Request) {
	p := passwordResetPage{page: h.newPage(r, "Forgot your password?"), Mail: h.forum.MailEnabled()}
	h.render(w, r, http.StatusOK, "password_reset", p)
}

// passwordResetRequest mails a link to the address, if an account has it.
// The answer is the same whether one does or not, so the page cannot be
// used to learn who has an account here.
func (h *Handler) passwordResetRequest(w http.ResponseWriter, r *http.Request) {
	p := passwordResetPage{page: h.newPage(r, "Forgot your password?"), Mail: h.forum.MailEnabled()}
	if err := parseForm(w, r); err != nil {
		p.Error = errorText(err)
		h.render(w, r, http.StatusBadRequest, "password_reset", p)
		return
	}
	p.Email = strings.TrimSpace(r.PostForm.Get("email"))
	if !h.acct.resetIP.Allow(clientIP(r)) || !h.acct.resetEmail.Allow(strings.ToLower(p.Email)) {
		p.Error = "Too many requests. Wait a few minutes and try again."
		h.render(w, r, http.StatusTooManyRequests, "password_reset", p)
		return
	}
	if err := h.forum.RequestPasswordReset(r.Context(), p.Email); err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		p.Error = errorText(err)
		h.render(w, r, statusFor(err), "password_reset", p)
		return
	}
	p.Sent = true
	h.render(w, r, http.StatusOK, "password_reset", p)
}

// passwordResetLink shows the new password form of a mailed link, or why
// the link no longer works.
func (h *Handler) passwordResetLink(w http.ResponseWriter, r *http.Request) {
	p := passwordResetPage{page: h.newPage(r, "Choose a new password"), Mail: h.forum.MailEnabled(),
		Token: chi.URLParam(r, "token"), TokenOK: true}
	p.Canonical = ""
	status := http.StatusOK
	if err := h.forum.CheckResetLink(r.Context(), p.Token); err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		status, p.TokenOK, p.Error = linkStatus(err)
	}
	h.render(w, r, status, "password_reset_link", p)
}

// passwordResetSet sets the new password, uses the link up and sends the
// person to log in.
func (h *Handler) passwordResetSet(w http.ResponseWriter, r *http.Request) {
	p := passwordResetPage{page: h.newPage(r, "Choose a new password"), Mail: h.forum.MailEnabled(),
		Token: chi.URLParam(r, "token"), TokenOK: true}
	p.Canonical = ""
	if err := parseForm(w, r); err != nil {
		p.Error = errorText(err)
		h.render(w, r, http.StatusBadRequest, "password_reset_link", p)
		return
	}
	f := r.PostForm
	if err := h.forum.ResetPasswordByLink(r.Context(), p.Token, f.Get("password"), f.Get("password_again")); err != nil {
		if !isInput(err) {
			h.serverError(w, r, err)
			return
		}
		var status int
		status, p.TokenOK, p.Error = linkStatus(err)
		h.render(w, r, status, "password_reset_link", p)
		return
	}
	// The person's own session ended with the others.
	h.clearSessionCookie(w)
	http.Redirect(w, r, "/login?done=reset", http.StatusSeeOther)
}

// linkStatus is how a refusal of a mailed link answers: 404 for a link
// never made, 410 for one used or expired (neither works again: ok is
// false), 422 for anything else wrong with the form.
func linkStatus(err error) (status int, ok bool, msg string) {
	var ie *forum.InputError
	if errors.As(err, &ie) {
		switch ie.Field {
		case forum.LinkInvalid:
			return http.StatusNotFound, false, ie.Msg
		case forum.LinkGone:
			return http.StatusGone, false, ie.Msg
		}
	}
	return statusFor(err), true, errorText(err)
}
