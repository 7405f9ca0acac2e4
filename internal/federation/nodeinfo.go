package federation

import (
	"net/http"

	"github.com/tidings/tidings/internal/store"
)

const nodeinfoSchema = "http://nodeinfo.diaspora.software/ns/schema/2.1"

// nodeinfoIndex points to the nodeinfo document, which other software reads
// to know what runs here.
func (h *Handler) nodeinfoIndex(w http.ResponseWriter, _ *http.Request) {
	h.writeJSON(w, http.StatusOK, "application/json", map[string]any{
		"links": []map[string]string{{"rel": nodeinfoSchema, "href": h.iri.Base() + "/nodeinfo/2.1"}},
	})
}

func (h *Handler) nodeinfo(w http.ResponseWriter, r *http.Request) {
	u, err := h.store.LocalUsage(r.Context())
	if err != nil {
		h.log.Error("nodeinfo usage", "err", err)
		problem(w, http.StatusInternalServerError, "could not count usage")
		return
	}
	site, err := h.store.GetSite(r.Context())
	if err != nil {
		h.log.Error("nodeinfo site", "err", err)
		problem(w, http.StatusInternalServerError, "could not read the site")
		return
	}
	h.writeJSON(w, http.StatusOK, `application/json; profile="`+nodeinfoSchema+`#"`, map[string]any{
		"version": "2.1",
		"software": map[string]string{
			"name": "tidings", "version": h.version,
			"homepage": h.iri.Base() + "/",
		},
		"protocols": []string{"activitypub"},
		"services":  map[string][]string{"inbound": {}, "outbound": {"rss2.0"}},
		"usage": map[string]any{
			"users":      map[string]int64{"total": u.Users, "activeMonth": u.ActiveMonth, "activeHalfyear": u.ActiveHalfyear},
			"localPosts": u.LocalPosts, "localComments": u.LocalComments,
		},
		// As Lemmy says it: open only when anyone may join without an
		// admin's approval.
		"openRegistrations": site.RegistrationMode == store.RegistrationOpen,
		"metadata":          map[string]string{"nodeName": site.Name},
	})
}
