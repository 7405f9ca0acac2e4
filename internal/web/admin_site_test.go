package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// siteForm is the site settings form as the page sends it, with changes.
func siteForm(kv ...string) url.Values {
	f := form("name", "Tidings", "description", "", "legal", "", "registration_mode", "open",
		"application_question", "", "federation_mode", "open")
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

func TestSiteSettingsPage(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	r := w.ac.Get("/admin/site")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, `<form method="post" action="/admin/site"`, `name="name" value="Tidings"`,
		`name="registration_mode" value="open" checked`, `name="federation_mode" value="open" checked`,
		`name="image_mode" value="store" checked`)

	// Without legal text, /legal says so and no footer links it.
	wantNotContains(t, w.anon.Get("/").Body, `href="/legal"`)
	r = w.anon.Get("/legal")
	wantStatus(t, r, http.StatusOK)
	wantContains(t, r.Body, "The admins of Tidings have not published rules or legal text yet.")

	r = w.ac.Post("/admin/site", siteForm("name", "  Harbour News ", "description", "News from the **harbour**. "+xss,
		"legal", "# House rules\n\n1. Be kind.\n2. No spam. "+xss, "registration_mode", "require_approval",
		"application_question", "Which boat is yours?", "federation_mode", "allow_list", "image_mode", "proxy"))
	wantRedirect(t, r, "/admin/site?saved=1")
	r = w.ac.Get(r.Location)
	wantContains(t, r.Body, "Saved.", `name="name" value="Harbour News"`, "News from the **harbour**. "+xssEscaped,
		`name="registration_mode" value="require_approval" checked`, "Which boat is yours?",
		`name="federation_mode" value="allow_list" checked`, `name="image_mode" value="proxy" checked`, "# House rules")
	wantSafe(t, r.Body)
	site, err := w.s.Forum.Site(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if site.Name != "Harbour News" || site.RegistrationMode != store.RegistrationRequireApproval ||
		site.FederationMode != store.FederationAllowList || !site.HasLegal || site.ImageMode != store.ImageModeProxy {
		t.Errorf("stored site: %+v", site)
	}

	// The description is the front page's sidebar, the rules are /legal,
	// linked from every page's footer; the sign-up form asks the question.
	home := w.anon.Get("/")
	wantContains(t, home.Body, `<aside class="sidebar site-sidebar" aria-label="About Harbour News">`,
		"<h2>Harbour News</h2>", "News from the <strong>harbour</strong>.", `<a href="/legal">Rules and legal</a>`,
		`<meta name="description" content="News from the harbour.`)
	wantSafe(t, home.Body)
	r = w.anon.Get("/legal")
	wantContains(t, r.Body, "<h1>House rules</h1>", "<li>Be kind.</li>")
	wantSafe(t, r.Body)
	wantContains(t, w.anon.Get("/signup").Body, "Which boat is yours?")
}

// Each refused change says why, shows the form as it was typed, and
// changes nothing.
func TestSiteSettingsRefused(t *testing.T) {
	t.Parallel()
	w := newAdminWorld(t)
	name := "Harbour News"
	if err := w.s.Forum.UpdateSite(t.Context(), forum.Operator, store.SiteSettings{Name: &name}); err != nil {
		t.Fatal(err)
	}
	site, err := w.s.Forum.Site(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
		msg    string
	}{
		{"bad registration mode", siteForm("registration_mode", "sometimes"), 422,
			`Registration mode "sometimes" must be open, closed or require_approval`},
		{"bad federation mode", siteForm("federation_mode", "friends"), 422, `Federation mode "friends" must be open or allow_list`},
		{"bad image mode", siteForm("image_mode", "hotlink"), 422, `Image mode "hotlink" must be store, proxy or link`},
		{"empty name", siteForm("name", "   "), 422, "The site name must be 1 to 100 characters"},
		{"long name", siteForm("name", repeat("n", 101)), 422, "The site name must be 1 to 100 characters"},
		{"long description", siteForm("description", repeat("d", 10001)), 422, "The description is too long: use at most 10000 characters"},
		{"long legal text", siteForm("legal", repeat("l", 50001)), 422, "The rules and legal text are too long: use at most 50000 characters"},
		{"long question", siteForm("application_question", repeat("q", 2001)), 422, "The application question is too long"},
		{"NUL byte", siteForm("description", "a\x00b"), 400, "cannot be stored"},
	} {
		r := w.ac.Post("/admin/site", tc.form)
		wantError(t, r, tc.status, tc.msg)
		if tc.status == 422 {
			wantContains(t, r.Body, `<form method="post" action="/admin/site"`)
		}
	}
	r := w.ac.Post("/admin/site", siteForm("registration_mode", "sometimes", "description", "Kept as typed"))
	wantContains(t, r.Body, ">Kept as typed</textarea>")

	wantError(t, w.bc.Post("/admin/site", siteForm("name", "Bob's")), http.StatusForbidden, "bob is not one of them")
	wantError(t, w.bc.Get("/admin/site"), http.StatusForbidden, "bob is not one of them")
	wantLoginRedirect(t, w.anon.Get("/admin/site"), "/admin/site")
	wantError(t, w.ac.PostWithHeaders("/admin/site", siteForm("name", "Evil"), crossSite()), http.StatusForbidden,
		"This form was sent from another site")

	after, _ := w.s.Forum.Site(t.Context())
	if after != site {
		t.Errorf("refusals changed the site:\nbefore %+v\nafter  %+v", site, after)
	}
}

// The front page's sidebar names the site's own communities, busiest
// first, with their counts.
func TestFrontPageSidebar(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.post(t, w.alice, "First", "")
	w.post(t, w.alice, "Second", "")
	if _, err := w.s.Forum.CreateCommunity(t.Context(), forumCommunity("quiet", "Quiet Corner")); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, w.c.Post("/c/news/subscribe", form()), http.StatusSeeOther)
	r := w.s.NewClient().Get("/")
	wantContains(t, r.Body, `<h3>Communities here</h3>`,
		`<li><a href="/c/news">World News</a><br><span class="muted">1 subscriber · 2 posts</span></li>`,
		`<li><a href="/c/quiet">Quiet Corner</a><br><span class="muted">0 subscribers · 0 posts</span></li>`,
		`<a href="/instances">Instances</a>`)
}
