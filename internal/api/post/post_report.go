package post

import (
	"net/http"
	"strings"
	"time"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// report files a report of a post for its community's moderators, as the
// web's report form does, and answers it as Lemmy shows a report to its
// author.
func (m *Module) report(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreatePostReport
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	id, err := m.d.Forum.ReportPost(r.Context(), u, in.PostID, in.Reason)
	if err != nil {
		m.d.Fail(w, r, apiutil.ReportError(err), apiutil.ErrPostNotFound, nil)
		return
	}
	p, err := m.d.Forum.Post(r.Context(), in.PostID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrPostNotFound, nil)
		return
	}
	views, err := apiutil.PostViews(r.Context(), m.d.Store, r, []store.Post{p})
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	v := views[0]
	apiutil.WriteJSON(w, http.StatusOK, PostReportResponse{PostReportView: model.PostReportView{
		PostReport: model.PostReport{ID: id, CreatorID: u.ID, PostID: p.ID, OriginalPostName: p.Title,
			OriginalPostURL: model.Opt(p.URL), OriginalPostBody: model.Opt(p.Body), Reason: strings.TrimSpace(in.Reason),
			Published: model.Time(time.Now())},
		Post: v.Post, Community: v.Community, Creator: model.NewPerson(u.Person), PostCreator: v.Creator,
		CreatorBannedFromCommunity: v.CreatorBannedFromCommunity, CreatorIsModerator: v.CreatorIsModerator,
		CreatorIsAdmin: v.CreatorIsAdmin, Subscribed: v.Subscribed, MyVote: v.MyVote, Counts: v.Counts,
	}})
}
