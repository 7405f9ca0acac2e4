package web

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
)

// reportResolve resolves a report from the queue, removing what it
// reports when asked (remove=1), or takes a resolution back (reopen=1),
// and comes back to the queue where it was.
func (h *Handler) reportResolve(w http.ResponseWriter, r *http.Request) {
	u, _ := currentUser(r)
	id, ok := idParam(chi.URLParam(r, "id"))
	if !ok {
		h.notFoundMsg(w, r, "There is no such report.")
		return
	}
	if err := parseForm(w, r); err != nil {
		h.message(w, r, http.StatusBadRequest, "Nothing changed", errorText(err))
		return
	}
	res := forum.Resolution{Reopen: r.PostForm.Get("reopen") == "1", Remove: r.PostForm.Get("remove") == "1",
		Reason: r.PostForm.Get("reason")}
	if _, err := h.forum.ResolveReport(r.Context(), u, id, res); err != nil {
		h.refuseForm(w, r, "Nothing changed", err)
		return
	}
	back := safeReturn(r.PostForm.Get("return"), "/reports")
	http.Redirect(w, r, back+"#r"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
