package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// siteForm is what the site's settings form shows and sends.
type siteForm struct {
	Name, Description, Legal, RegistrationMode, ApplicationQuestion, FederationMode string
	// ModlogNames is "shown" or "hidden": whether the mod log names
	// moderators to readers who are not admins.
	ModlogNames string
	// EmailVerification is "required" or "optional" (see siteVerification).
	EmailVerification string
	ImageMode         string // store.ImageMode*
}

type siteEditPage struct {
	page
	Form  siteForm
	Saved bool
	// MailEnabled: the site can send mail, so it may require verification.
	MailEnabled bool
	// Limits, for the form's maxlength.
	MaxDescription, MaxLegal, MaxQuestion int
}

func (h *Handler) newSiteEditPage(r *http.Request, f siteForm) siteEditPage {
	return siteEditPage{page: h.newPage(r, "Site settings"), Form: f, MailEnabled: h.forum.MailEnabled(),
		MaxDescription: forum.MaxSiteDescription, MaxLegal: forum.MaxSiteLegal, MaxQuestion: forum.MaxSiteQuestion}
}

func (h *Handler) siteEdit(w http.ResponseWriter, r *http.Request) {
	legal, err := h.forum.Legal(r.Context())
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	s := h.site(r.Context())
	p := h.newSiteEditPage(r, siteForm{Name: s.Name, Description: s.Description, Legal: legal,
		RegistrationMode: s.RegistrationMode, ApplicationQuestion: s.ApplicationQuestion, FederationMode: s.FederationMode,
		ModlogNames: modlogNames(s.HideModlogModNames), EmailVerification: emailVerification(s.RequireEmailVerification),
		ImageMode: s.ImageMode})
	p.Saved = r.URL.Query().Get("saved") == "1"
	h.render(w, r, http.StatusOK, "admin_site", p)
}

func (h *Handler) siteSave(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Settings not saved", errorText(err))
		return
	}
	u, _ := currentUser(r)
	f := r.PostForm
	in := siteForm{Name: f.Get("name"), Description: f.Get("description"), Legal: f.Get("legal"),
		RegistrationMode: f.Get("registration_mode"), ApplicationQuestion: f.Get("application_question"),
		FederationMode: f.Get("federation_mode"), ModlogNames: f.Get("modlog_names"),
		EmailVerification: f.Get("email_verification"), ImageMode: f.Get("image_mode")}
	// A field the form did not send stays as it is; the page sends them all.
	field := func(name string, v *string) *string {
		if _, ok := f[name]; ok {
			return v
		}
		return nil
	}
	var hide *bool
	switch in.ModlogNames {
	case "":
	case "shown", "hidden":
		hide = new(bool)
		*hide = in.ModlogNames == "hidden"
	default:
		p := h.newSiteEditPage(r, in)
		p.Error = "Say whether the moderation log names moderators: shown or hidden."
		h.render(w, r, http.StatusUnprocessableEntity, "admin_site", p)
		return
	}
	verify, ok := siteVerification(in.EmailVerification)
	if !ok {
		p := h.newSiteEditPage(r, in)
		p.Error = "Say whether sign-ups must verify an email address: required or optional."
		h.render(w, r, http.StatusUnprocessableEntity, "admin_site", p)
		return
	}
	err := h.forum.UpdateSite(r.Context(), forum.AsUser(u), store.SiteSettings{
		Name: field("name", &in.Name), Description: field("description", &in.Description),
		Legal: field("legal", &in.Legal), RegistrationMode: field("registration_mode", &in.RegistrationMode),
		ApplicationQuestion: field("application_question", &in.ApplicationQuestion),
		FederationMode:      field("federation_mode", &in.FederationMode),
		HideModlogModNames:  hide, RequireEmailVerification: verify,
		ImageMode: field("image_mode", &in.ImageMode),
	})
	if err != nil {
		if isInput(err) {
			p := h.newSiteEditPage(r, in)
			p.Error = errorText(err)
			h.render(w, r, statusFor(err), "admin_site", p)
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/site?saved=1", http.StatusSeeOther)
}

func modlogNames(hidden bool) string {
	if hidden {
		return "hidden"
	}
	return "shown"
}
