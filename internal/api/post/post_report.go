package post

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/store"
)

// report files a report of a post for its community's moderators, as the
// web's report form does, and answers it as Lemmy shows a report to its
// author.
func (m *Module) report(w http.ResponseWriter, r *http.Request) {
	var in CreatePostReport
	rp, ok := m.d.FileReport(w, r, &in, apiutil.ErrPostNotFound, func(u store.LocalUser) (int64, error) {
		return m.d.Forum.ReportPost(r.Context(), u, in.PostID, in.Reason)
	})
	if ok {
		m.respondReport(w, r, rp)
	}
}

// listReports is a page of the post reports the reader moderates.
func (m *Module) listReports(w http.ResponseWriter, r *http.Request) {
	rs, ok := m.d.ListReports(w, r, store.ReportOfPost)
	if !ok {
		return
	}
	views, err := apiutil.PostReportViews(r.Context(), m.d.Store, r, rs)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, ListPostReportsResponse{PostReports: views})
}

// resolveReport resolves a post report, or opens it again.
func (m *Module) resolveReport(w http.ResponseWriter, r *http.Request) {
	var in ResolveReport
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if rp, ok := m.d.ResolveReport(w, r, store.ReportOfPost, in.ReportID, in.Resolved); ok {
		m.respondReport(w, r, rp)
	}
}

func (m *Module) respondReport(w http.ResponseWriter, r *http.Request, rp store.Report) {
	views, err := apiutil.PostReportViews(r.Context(), m.d.Store, r, []store.Report{rp})
	if err == nil && len(views) == 0 {
		err = store.ErrNotFound
	}
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, nil)
		return
	}
	apiutil.WriteJSON(w, http.StatusOK, PostReportResponse{PostReportView: views[0]})
}
