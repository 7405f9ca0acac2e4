package privatemessage

import (
	"errors"
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// report is a report of a message received. Tidings' report queue has
// no place for private messages yet (its pages cannot report one), so a
// report that would be filed answers couldnt_create_report rather than
// success for a report no moderator would ever see; the message is found
// first, so that an app learns of a wrong id as from Lemmy.
func (m *Module) report(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreatePrivateMessageReport
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	pm, err := m.d.Forum.PrivateMessage(r.Context(), u, in.PrivateMessageID)
	if err != nil {
		m.d.Fail(w, r, err, errNotFound, nil)
		return
	}
	if pm.RecipientID != u.ID {
		m.d.Fail(w, r, errNotFound.Because(errors.New("a report of one's own message")), nil, nil)
		return
	}
	m.d.Fail(w, r, apiutil.NewError("couldnt_create_report", http.StatusBadRequest).
		Because(errors.New("reports of private messages are not kept here")), nil, nil)
}
