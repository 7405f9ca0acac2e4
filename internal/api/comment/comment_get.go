package comment

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

func (m *Module) get(w http.ResponseWriter, r *http.Request) {
	qs := apiutil.NewQuery(r.URL.Query())
	id := qs.Int64("id")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if id <= 0 {
		m.d.Fail(w, r, apiutil.ErrCommentNotFound, nil, nil)
		return
	}
	m.respond(w, r, id)
}
