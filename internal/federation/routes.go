package federation

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
)

// Routes registers what only other servers ask for: discovery, the
// collections and the activities we sent, which have no HTML page.
func (h *Handler) Routes(r chi.Router) {
	r.Get("/.well-known/webfinger", h.webfinger)
	r.Get("/.well-known/nodeinfo", h.nodeinfoIndex)
	r.Get("/nodeinfo/2.1", h.nodeinfo)
	r.Get("/c/{name}/outbox", h.communityOutbox)
	r.Get("/c/{name}/followers", h.communityFollowers)
	r.Get("/c/{name}/moderators", h.communityModerators)
	r.Get("/c/{name}/featured", h.communityFeatured)
	r.Get("/u/{name}/outbox", h.personOutbox)
	r.Get("/outbox", h.instanceOutbox)
	r.Get("/activities/{kind}/{id}", h.sentActivity)
	r.Post("/inbox", h.inbox)
	r.Post("/c/{name}/inbox", h.inbox)
	r.Post("/u/{name}/inbox", h.inbox)
}

// Negotiate serves ActivityStreams JSON for the addresses that are also
// pages (/, /u/NAME, /c/NAME, /post/ID, /comment/ID) when the request asks
// for it, and passes every other request on to the pages.
func (h *Handler) Negotiate(next http.Handler) http.Handler {
	objects := chi.NewRouter()
	objects.Get("/", h.applicationJSON)
	objects.Get("/u/{name}", h.personJSON)
	objects.Get("/c/{name}", h.groupJSON)
	objects.Get("/post/{id}", h.pageJSON)
	objects.Get("/comment/{id}", h.noteJSON)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && WantsActivityJSON(r) &&
			objects.Match(chi.NewRouteContext(), http.MethodGet, r.URL.Path) {
			objects.ServeHTTP(w, r)
			return
		}
		w.Header().Add("Vary", "Accept")
		next.ServeHTTP(w, r)
	})
}

func idParam(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}
