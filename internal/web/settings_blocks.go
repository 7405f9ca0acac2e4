package web

import (
	"net/http"

	"github.com/tidings/tidings/internal/forum"
)

type blocksPage struct {
	page
	forum.Blocks
	Host string // what was typed into the instance form, shown again on a refusal
}

// settingsBlocks lists the reader's blocks of people, communities and
// instances, each with its undo, and the form to block an instance.
func (h *Handler) settingsBlocks(w http.ResponseWriter, r *http.Request) {
	h.renderBlocks(w, r, http.StatusOK, "", "")
}

func (h *Handler) renderBlocks(w http.ResponseWriter, r *http.Request, status int, host, msg string) {
	u, _ := currentUser(r)
	b, err := h.forum.BlocksOf(r.Context(), u)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	p := blocksPage{page: h.newPage(r, "Blocks"), Blocks: b, Host: host}
	p.Error = msg
	p.Canonical = ""
	h.render(w, r, status, "settings_blocks", p)
}

// settingsBlockInstance blocks an instance by host for the reader, or with
// undo=1 unblocks it; a refusal shows the page again with the reason.
func (h *Handler) settingsBlockInstance(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	host := r.PostForm.Get("host")
	block := r.PostForm.Get("undo") != "1"
	if _, err := h.forum.BlockInstanceFor(r.Context(), u, host, block); err != nil {
		if isInput(err) {
			h.renderBlocks(w, r, statusFor(err), host, errorText(err))
			return
		}
		h.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, safeReturn(r.PostForm.Get("return"), "/settings/blocks"), http.StatusSeeOther)
}
