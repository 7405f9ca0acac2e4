package pictrs

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/media"
	"github.com/tidings/tidings/internal/store"
)

// fail answers a refusal as pict-rs does, {"msg": ...} with a 4xx, so that
// lemmy-js-client hands the app the msg (and, for 413, its own
// "too_large"): a Lemmy code where the app may branch on it, else the
// forum's sentence, meant for the person.
func (m *Module) fail(w http.ResponseWriter, r *http.Request, err error) {
	var e *apiutil.Error
	var tooBig *http.MaxBytesError
	status, msg := http.StatusBadRequest, ""
	switch {
	case errors.As(err, &tooBig), errors.Is(err, media.ErrTooLarge):
		status, msg = http.StatusRequestEntityTooLarge, "too_large"
	case errors.As(err, &e):
		status, msg = e.Status, e.Code
	case errors.Is(err, forum.ErrSiteBanned):
		msg = apiutil.ErrSiteBan.Code
	case errors.Is(err, forum.ErrNoMedia):
		msg = err.Error()
	case errors.Is(err, forum.ErrNotFound):
		status, msg = http.StatusNotFound, "no such image"
	case errors.Is(err, forum.ErrForbidden):
		status, msg = http.StatusForbidden, strings.TrimSuffix(err.Error(), ": "+forum.ErrForbidden.Error())
	case forum.IsInputError(err):
		msg = err.Error()
	default:
		m.d.Log.ErrorContext(r.Context(), "pictrs", "method", r.Method, "path", r.URL.Path, "err", err)
		status, msg = http.StatusInternalServerError, "unknown"
	}
	apiutil.WriteJSON(w, status, UploadResponse{Msg: msg})
}

// user is the person the request's JWT (header or cookie) stands for,
// with the request carrying them; false when the refusal has been
// written, as these handlers sit outside the API's router.
func (m *Module) user(w http.ResponseWriter, r *http.Request) (*http.Request, store.LocalUser, bool) {
	r, err := m.d.Tokens.Authenticate(r)
	if err != nil {
		m.fail(w, r, err)
		return r, store.LocalUser{}, false
	}
	u, ok := apiutil.User(r)
	if !ok {
		m.fail(w, r, apiutil.ErrNotLoggedIn)
	}
	return r, u, ok
}
