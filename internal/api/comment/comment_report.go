package comment

import (
	"net/http"
	"strings"
	"time"

	"github.com/tidings/tidings/internal/api/apiutil"
	"github.com/tidings/tidings/internal/api/model"
	"github.com/tidings/tidings/internal/store"
)

// report files a report of a comment for its community's moderators, as
// the web's report form does.
func (m *Module) report(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	var in CreateCommentReport
	if err := apiutil.DecodeJSON(w, r, &in); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	if err := m.d.AllowWrite(u); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	id, err := m.d.Forum.ReportComment(r.Context(), u, in.CommentID, in.Reason)
	if err != nil {
		m.d.Fail(w, r, apiutil.ReportError(err), apiutil.ErrCommentNotFound, nil)
		return
	}
	c, err := m.d.Forum.Comment(r.Context(), in.CommentID)
	if err != nil {
		m.d.Fail(w, r, err, apiutil.ErrCommentNotFound, nil)
		return
	}
	views, err := apiutil.CommentViews(r.Context(), m.d.Store, r, []store.Comment{c})
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	v := views[0]
	apiutil.WriteJSON(w, http.StatusOK, CommentReportResponse{CommentReportView: model.CommentReportView{
		CommentReport: model.CommentReport{ID: id, CreatorID: u.ID, CommentID: c.ID, OriginalCommentText: c.Body,
			Reason: strings.TrimSpace(in.Reason), Published: model.Time(time.Now())},
		Comment: v.Comment, Post: v.Post, Community: v.Community, Creator: model.NewPerson(u.Person),
		CommentCreator: v.Creator, Counts: v.Counts, CreatorBannedFromCommunity: v.CreatorBannedFromCommunity,
		CreatorIsModerator: v.CreatorIsModerator, CreatorIsAdmin: v.CreatorIsAdmin, Subscribed: v.Subscribed,
		MyVote: v.MyVote,
	}})
}
