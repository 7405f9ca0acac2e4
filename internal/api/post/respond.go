package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

// respond answers PostResponse with the post as it now stands.
func (m *Module) respond(w http.ResponseWriter, r *http.Request, p store.Post) {
	views, err := apiutil.PostViews(r.Context(), m.d.Store, r, []store.Post{p})
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, PostResponse{PostView: views[0]})
}
