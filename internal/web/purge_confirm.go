package web

import (
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/forum"
)

type purgePage struct {
	page
	Kinds        []string
	Kind, Target string
	// Confirm is what the purge would delete, once the target is found.
	Confirm *forum.PurgeTarget
	Reason  string
	// Images are the newest pictures, uploaded or fetched, each purgeable.
	Images []forum.ListedImage
	Purged string // the picture just purged
}

// purgeConfirm is /admin/purge: choose what to purge, then see what goes
// with it and confirm. Nothing changes on a GET.
func (h *Handler) purgeConfirm(w http.ResponseWriter, r *http.Request) {
	qs := r.URL.Query()
	p := purgePage{page: h.newPage(r, "Purge"), Kinds: forum.PurgeKinds, Kind: qs.Get("kind"),
		Target: strings.TrimSpace(qs.Get("target"))}
	u, _ := currentUser(r)
	if p.Kind == "" && p.Target == "" {
		ims, err := h.forum.RecentImages(r.Context(), forum.AsUser(u), 50)
		if err != nil {
			h.purgePage(w, r, p, err)
			return
		}
		p.Images, p.Purged = ims, qs.Get("purged")
		h.render(w, r, http.StatusOK, "admin_purge", p)
		return
	}
	ctx := r.Context()
	id, err := h.forum.FindPurgeTarget(ctx, p.Kind, p.Target)
	if err == nil {
		var t forum.PurgeTarget
		if t, err = h.forum.PurgePreview(ctx, forum.AsUser(u), p.Kind, id); err == nil {
			p.Confirm = &t
		}
	}
	h.purgePage(w, r, p, err)
}

// purgePage shows the page, or what was wrong with what was asked.
func (h *Handler) purgePage(w http.ResponseWriter, r *http.Request, p purgePage, err error) {
	if err != nil && !isInput(err) {
		h.serverError(w, r, err)
		return
	}
	status := http.StatusOK
	if err != nil {
		status, p.Error, p.Confirm = statusFor(err), errorText(err), nil
	}
	h.render(w, r, status, "admin_purge", p)
}
