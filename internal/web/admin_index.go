package web

import (
	"net/http"
)

// adminSection is one page of the admin area, as its index lists it.
type adminSection struct {
	Path, Title, Summary string
}

// adminSections are the admin area's pages: a new one adds its line here
// and its routes to the /admin group in routes.go.
var adminSections = []adminSection{
	{"/admin/site", "Site", "Name, description, rules and legal text, sign-ups and federation."},
	{"/admin/applications", "Applications", "Sign-ups that wait for an admin: approve or deny them."},
	{"/admin/instances", "Instances", "Block, unblock, allow and disallow other instances."},
	{"/admin/bans", "Site bans", "Ban people, here or elsewhere, from the whole site, with an end; lift bans."},
	{"/admin/purge", "Purge", "Delete a post, comment, person or community for good, with what it owns."},
}

type adminIndexPage struct {
	page
	Sections []adminSection
}

func (h *Handler) adminIndex(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "admin", adminIndexPage{page: h.newPage(r, "Admin"), Sections: adminSections})
}

// requireAdmin answers anyone but an admin with a 403 page. The forum
// checks the right again with every change; this keeps the pages
// themselves (applicants' answers and addresses) to the admins.
func (h *Handler) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, _ := currentUser(r); !u.Admin {
			h.message(w, r, http.StatusForbidden, "Admins only",
				"These pages are for the site's admins, and "+u.Name+" is not one of them.")
			return
		}
		next.ServeHTTP(w, r)
	})
}
