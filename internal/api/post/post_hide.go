package post

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// hide is Lemmy 0.19.4's hiding of posts from one's listings, which
// Tidings does not have (its pages hide read posts, and blocks hide
// people and communities): it answers couldnt_hide_post, so that an app
// says the post stays rather than dropping it from a list it will show
// again. The call is checked as any other first.
func (m *Module) hide(w http.ResponseWriter, r *http.Request) {
	if _, err := apiutil.RequireUser(r); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in HidePost
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	m.d.Fail(w, r, apiutil.NewError("couldnt_hide_post", http.StatusBadRequest).
		Because(errors.New("hiding posts is not a feature of this site")), nil, nil)
}
