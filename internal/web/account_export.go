package web

import (
	"encoding/json"
	"net/http"
	"time"
)

// accountExport downloads the logged-in person's data as one JSON file.
func (h *Handler) accountExport(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	data, err := h.forum.ExportAccount(r.Context(), u)
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	b, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		h.serverError(w, r, err)
		return
	}
	name := "tidings-" + u.Name + "-" + time.Now().UTC().Format("2006-01-02") + ".json"
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	// It holds the person's address: no cache may keep it.
	hd.Set("Cache-Control", "no-store")
	_, _ = w.Write(append(b, '\n'))
}
