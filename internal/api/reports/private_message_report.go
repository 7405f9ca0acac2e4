package reports

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// Private messages are not reported on Tidings, so these answer as a Lemmy
// site whose queue holds none: an empty list, and no such report to
// resolve.

var errNoMessageReport = apiutil.NewError("couldnt_find_private_message_report", http.StatusBadRequest)

func (m *Module) listMessageReports(w http.ResponseWriter, r *http.Request) {
	if _, err := apiutil.RequireUser(r); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	qs := apiutil.NewQuery(r.URL.Query())
	qs.Bool("unresolved_only")
	qs.Page()
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, ListPrivateMessageReportsResponse{PrivateMessageReports: []struct{}{}})
}

func (m *Module) resolveMessageReport(w http.ResponseWriter, r *http.Request) {
	if _, err := apiutil.RequireUser(r); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in ResolvePrivateMessageReport
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	m.d.Fail(w, r, errNoMessageReport, nil, nil)
}
