package pictrs

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

// delete deletes an upload given its delete token, for its uploader (or
// an admin), as the web's uploads page does: the record and, once nothing
// else names it, the file. lemmy-js-client's deleteImage sends the
// person's JWT along and reads only the status: 204 when it is gone.
func (m *Module) delete(w http.ResponseWriter, r *http.Request) {
	r, u, ok := m.user(w, r)
	if !ok {
		return
	}
	errToken := apiutil.NewError("the delete token does not belong to this image", http.StatusForbidden)
	file := chi.URLParam(r, "file")
	idText, seal, _ := strings.Cut(chi.URLParam(r, "token"), ".")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		m.fail(w, r, errToken.Because(err))
		return
	}
	if ok, err := m.d.Tokens.Unseal(r.Context(), deletePurpose, deleteMessage(id, file), seal); err != nil || !ok {
		if err == nil {
			err = errToken
		}
		m.fail(w, r, err)
		return
	}
	if err := m.d.Forum.DeleteImage(r.Context(), u, id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			err = apiutil.NewError("no such image", http.StatusNotFound).Because(err)
		}
		m.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
