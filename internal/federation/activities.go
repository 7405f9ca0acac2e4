package federation

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// maxActivityPath bounds the kind and id looked up: ours are a word and a
// UUID, and anything much longer is not one of them.
const maxActivityPath = 128

// sentActivity answers GET /activities/KIND/ID with an activity we sent,
// as it was sent, for as long as its deliveries may be retried
// (forum.SentActivityRetention). Microblog servers fetch the object of an
// Announce before they take it. Private messages are not served, as Lemmy
// serves none.
func (h *Handler) sentActivity(w http.ResponseWriter, r *http.Request) {
	kind, id := chi.URLParam(r, "kind"), chi.URLParam(r, "id")
	if len(kind)+len(id) > maxActivityPath || !utf8.ValidString(kind+id) || strings.ContainsRune(kind+id, 0) {
		jsonProblem(w, http.StatusNotFound, "there is no activity with this id here")
		return
	}
	a, err := h.store.SentActivityByAPID(r.Context(), h.iri.Base()+"/activities/"+kind+"/"+id,
		time.Now().Add(-forum.SentActivityRetention))
	if errors.Is(err, store.ErrNotFound) || (err == nil && a.Sensitive) {
		jsonProblem(w, http.StatusNotFound, "there is no activity with this id here, or it was sent too long ago "+
			"to be kept")
		return
	}
	if err != nil {
		h.log.Error("federation: read sent activity", "err", err)
		jsonProblem(w, http.StatusInternalServerError, "something went wrong on our side; try again later")
		return
	}
	w.Header().Set("Content-Type", activityJSON)
	w.Header().Set("Vary", "Accept")
	_, _ = w.Write(a.Activity)
}

// jsonProblem answers a refused request with {"error": msg}, for clients
// that read only JSON.
func jsonProblem(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(map[string]string{"error": msg})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
