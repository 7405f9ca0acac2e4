package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type loginPage struct {
	page
	Name   string
	Return string
	// Application is how the application of an account that may not log
	// in yet stands, shown to whoever gave its password.
	Application *forum.ApplicationError
	// Unverified: the password was right, but the address waits for
	// verification; the page offers to mail the link again.
	Unverified bool
	Notice     string // what the last link did (see loginNotices)
}

func (h *Handler) loginForm(w http.ResponseWriter, r *http.Request) {
	p := loginPage{page: h.newPage(r, "Log in"), Return: safeReturn(r.URL.Query().Get("return"), "/"),
		Notice: loginNotices[r.URL.Query().Get("done")]}
	h.render(w, r, http.StatusOK, "login", p)
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Not logged in", errorText(err))
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	p := loginPage{page: h.newPage(r, "Log in"), Name: name, Return: safeReturn(r.PostForm.Get("return"), "/")}
	if len(name) > 64 {
		p.Name = ""
		p.Error = forum.ErrBadLogin.Msg
		h.render(w, r, http.StatusUnauthorized, "login", p)
		return
	}
	if !h.limits.loginIP.Allow(clientIP(r)) || !h.limits.login.Allow(clientIP(r)+"|"+strings.ToLower(name)) {
		p.Error = "Too many attempts. Wait a minute and try again."
		h.render(w, r, http.StatusTooManyRequests, "login", p)
		return
	}
	u, err := h.forum.Authenticate(r.Context(), name, r.PostForm.Get("password"))
	if err != nil {
		if errors.Is(err, forum.ErrUnverified) {
			p.Unverified = true
			p.Error = errorText(err)
			h.render(w, r, http.StatusForbidden, "login", p)
			return
		}
		if errors.As(err, &p.Application) {
			h.render(w, r, http.StatusForbidden, "login", p)
			return
		}
		if isInput(err) {
			p.Error = errorText(err)
			h.render(w, r, http.StatusUnauthorized, "login", p)
			return
		}
		h.serverError(w, r, err)
		return
	}
	h.startSession(w, r, u, p.Return)
}

func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, u store.LocalUser, back string) {
	token, expires, err := h.forum.StartSession(r.Context(), u.ID, r.UserAgent())
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	h.setSessionCookie(w, token, expires)
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := h.forum.EndSession(r.Context(), c.Value); err != nil {
			h.serverError(w, r, err)
			return
		}
	}
	h.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

type signupPage struct {
	page
	Name    string
	Answer  string
	Email   string
	Pending bool
	// Mail: the site sends mail, so the form asks for an address;
	// MailSent is the address a verification link went to.
	Mail     bool
	MailSent string
}

func (h *Handler) signupForm(w http.ResponseWriter, r *http.Request) {
	p := signupPage{page: h.newPage(r, "Sign up"), Mail: h.forum.MailEnabled()}
	status := http.StatusOK
	if p.Site.RegistrationMode == store.RegistrationClosed {
		status = http.StatusForbidden
	}
	h.render(w, r, status, "signup", p)
}

func (h *Handler) signup(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Not signed up", errorText(err))
		return
	}
	f := r.PostForm
	p := signupPage{page: h.newPage(r, "Sign up"), Name: strings.TrimSpace(f.Get("name")), Answer: f.Get("answer"),
		Email: strings.TrimSpace(f.Get("email")), Mail: h.forum.MailEnabled()}
	if f.Get("password") != f.Get("password_again") {
		p.Error = "The two passwords differ. Type the same password twice."
		h.render(w, r, http.StatusUnprocessableEntity, "signup", p)
		return
	}
	if !h.limits.signup.Allow(clientIP(r)) {
		p.Error = "Too many sign-ups from your address. Wait a minute and try again."
		h.render(w, r, http.StatusTooManyRequests, "signup", p)
		return
	}
	u, err := h.forum.Register(r.Context(), forum.SignUp{Name: p.Name, Password: f.Get("password"), Answer: p.Answer,
		Email: p.Email})
	if err != nil {
		if isInput(err) {
			p.Error = errorText(err)
			status := statusFor(err)
			if p.Site.RegistrationMode == store.RegistrationClosed {
				status = http.StatusForbidden
			}
			h.render(w, r, status, "signup", p)
			return
		}
		h.serverError(w, r, err)
		return
	}
	if u.AwaitingVerification {
		p.MailSent, p.Pending = u.Email, !u.Accepted
		h.render(w, r, http.StatusOK, "signup", p)
		return
	}
	if !u.Accepted {
		p.Pending = true
		h.render(w, r, http.StatusOK, "signup", p)
		return
	}
	h.startSession(w, r, u, "/")
}
