package reports

import (
	"net/http"

	"github.com/tidings/tidings/internal/api/apiutil"
)

// count is how many reports of posts and comments wait for the reader, in
// one community when community_id is given: none for someone who
// moderates nothing. Admins are told of private messages' too, which are
// never reported here.
func (m *Module) count(w http.ResponseWriter, r *http.Request) {
	u, err := apiutil.RequireUser(r)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	qs := apiutil.NewQuery(r.URL.Query())
	communityID := qs.Int64("community_id")
	if err := qs.Err(); err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	posts, comments, err := m.d.Forum.OpenReportCounts(r.Context(), u, communityID)
	if err != nil {
		m.d.Fail(w, r, err, nil, nil)
		return
	}
	out := GetReportCountResponse{PostReports: posts, CommentReports: comments}
	if communityID != 0 {
		out.CommunityID = &communityID
	}
	if u.Admin {
		none := 0
		out.PrivateMessageReports = &none
	}
	apiutil.WriteJSON(w, http.StatusOK, out)
}
