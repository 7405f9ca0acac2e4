package apiutil

import (
	"fmt"
	"net/http"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// What the report endpoints of posts and comments share: filing one
// through the forum, a moderator's page of the queue, and a resolution.
// Each answers the report as read afterwards, for its handler to shape;
// false when the refusal has been written.

// FileReport decodes the body into in and files the report with file, as
// the web's report forms do.
func (d Deps) FileReport(w http.ResponseWriter, r *http.Request, in any, notFound *Error,
	file func(store.LocalUser) (int64, error)) (store.Report, bool) {
	u, err := RequireUser(r)
	if err == nil {
		err = DecodeJSON(w, r, in)
	}
	if err == nil {
		err = d.AllowWrite(u)
	}
	if err != nil {
		d.Fail(w, r, err, nil, nil)
		return store.Report{}, false
	}
	id, err := file(u)
	if err != nil {
		d.Fail(w, r, ReportError(err), notFound, nil)
		return store.Report{}, false
	}
	rp, err := d.Store.ReportByID(r.Context(), id)
	if err != nil {
		d.Fail(w, r, fmt.Errorf("read the report filed: %w", err), nil, nil)
		return store.Report{}, false
	}
	return rp, true
}

// ListReports is a page of the reports of one kind that the reader may
// see, as the reports queue shows them: community_id, unresolved_only,
// page and limit, and the kind's own filter (post_id, comment_id).
func (d Deps) ListReports(w http.ResponseWriter, r *http.Request, kind string) ([]store.Report, bool) {
	u, err := RequireUser(r)
	if err != nil {
		d.Fail(w, r, err, nil, nil)
		return nil, false
	}
	qs := NewQuery(r.URL.Query())
	q := forum.ReportQuery{Kind: kind, CommunityID: qs.Int64("community_id"), All: !qs.Bool("unresolved_only")}
	if kind == store.ReportOfPost {
		q.PostID = qs.Int64("post_id")
	} else {
		q.CommentID = qs.Int64("comment_id")
	}
	q.Offset, q.Limit = qs.Page()
	if err := qs.Err(); err != nil {
		d.Fail(w, r, err, nil, nil)
		return nil, false
	}
	rs, _, err := d.Forum.Reports(r.Context(), u, q)
	if err != nil {
		d.Fail(w, r, Refusal(err, ErrNotAllowed), ErrCommunityNotFound, nil)
		return nil, false
	}
	return rs, true
}

// ResolveReport resolves a report of the kind, or opens it again, as the
// queue's buttons do; a report of another kind is not found.
func (d Deps) ResolveReport(w http.ResponseWriter, r *http.Request, kind string, id int64, resolved bool) (store.Report, bool) {
	notFound := NewError("couldnt_find_"+kind+"_report", http.StatusBadRequest)
	fail := func(err error) (store.Report, bool) {
		d.Fail(w, r, Refusal(err, NewError("couldnt_resolve_report", http.StatusBadRequest)), notFound, nil)
		return store.Report{}, false
	}
	u, err := RequireUser(r)
	if err != nil {
		return fail(err)
	}
	rp, err := d.Forum.Report(r.Context(), u, id)
	if err != nil {
		return fail(err)
	}
	if rp.Kind != kind {
		return fail(notFound)
	}
	if rp.Resolved != resolved {
		if rp, err = d.Forum.ResolveReport(r.Context(), u, id, forum.Resolution{Reopen: !resolved}); err != nil {
			return fail(err)
		}
	}
	return rp, true
}
