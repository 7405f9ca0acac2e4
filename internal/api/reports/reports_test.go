package reports_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

type queue struct {
	PostReports []struct {
		PostReport struct {
			ID       int64  `json:"id"`
			Reason   string `json:"reason"`
			Resolved bool   `json:"resolved"`
		} `json:"post_report"`
		Creator struct {
			Name string `json:"name"`
		} `json:"creator"`
		Resolver *struct {
			Name string `json:"name"`
		} `json:"resolver"`
	} `json:"post_reports"`
	CommentReports []struct {
		CommentReport struct {
			ID       int64 `json:"id"`
			Resolved bool  `json:"resolved"`
		} `json:"comment_report"`
	} `json:"comment_reports"`
}

type counts struct {
	PostReports    int  `json:"post_reports"`
	CommentReports int  `json:"comment_reports"`
	Messages       *int `json:"private_message_reports"`
}

func TestReportQueue(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	s.User("mod")
	alice, bob := s.User("alice"), s.User("bob")
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "mod"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "Spam"})
	if err != nil {
		t.Fatal(err)
	}
	cm, err := s.Forum.CreateComment(ctx, alice, p.ID, 0, "more spam")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.ReportPost(ctx, bob, p.ID, "spam"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.ReportComment(ctx, bob, cm.ID, "spam too"); err != nil {
		t.Fatal(err)
	}
	mod, bobToken := s.Login("mod"), s.Login("bob")

	var n counts
	s.Do(http.MethodGet, "/user/report_count", mod, nil).Decode(t, &n)
	if n.PostReports != 1 || n.CommentReports != 1 || n.Messages != nil {
		t.Errorf("the moderator's count: %+v", n)
	}
	n = counts{}
	s.Do(http.MethodGet, "/user/report_count", bobToken, nil).Decode(t, &n)
	if n.PostReports != 0 || n.CommentReports != 0 {
		t.Errorf("someone who moderates nothing is told of %+v", n)
	}

	var q queue
	resp := s.Do(http.MethodGet, "/post/report/list?unresolved_only=true", mod, nil)
	resp.Decode(t, &q)
	if resp.Status != http.StatusOK || len(q.PostReports) != 1 || q.PostReports[0].PostReport.Reason != "spam" ||
		q.PostReports[0].Creator.Name != "bob" {
		t.Fatalf("post reports: %d %s", resp.Status, resp.Body)
	}
	postReport := q.PostReports[0].PostReport.ID
	resp = s.Do(http.MethodGet, "/comment/report/list?community_id="+itoa(c.ID), mod, nil)
	resp.Decode(t, &q)
	if resp.Status != http.StatusOK || len(q.CommentReports) != 1 {
		t.Fatalf("comment reports: %d %s", resp.Status, resp.Body)
	}
	commentReport := q.CommentReports[0].CommentReport.ID

	s.WantErrors(t, []apitest.Call{
		apitest.Refusal("a stranger lists", http.MethodGet, "/post/report/list", bobToken, nil, "not_a_mod_or_admin"),
		apitest.Refusal("a stranger lists a community's", http.MethodGet, "/comment/report/list?community_id="+itoa(c.ID), bobToken, nil, "not_a_mod_or_admin"),
		apitest.Refusal("a huge limit", http.MethodGet, "/post/report/list?limit=100000", mod, nil, "too_many_items"),
		apitest.Refusal("a malformed page", http.MethodGet, "/post/report/list?page=two", mod, nil, "invalid_query"),
		apitest.Refusal("logged out", http.MethodGet, "/post/report/list", "", nil, "not_logged_in"),
		apitest.Refusal("a stranger resolves", http.MethodPut, "/post/report/resolve", bobToken, map[string]any{"report_id": postReport, "resolved": true}, "not_a_mod_or_admin"),
		apitest.Refusal("a comment report as a post's", http.MethodPut, "/post/report/resolve", mod, map[string]any{"report_id": commentReport, "resolved": true}, "couldnt_find_post_report"),
		apitest.Refusal("an unknown report", http.MethodPut, "/comment/report/resolve", mod, map[string]any{"report_id": 99999, "resolved": true}, "couldnt_find_comment_report"),
		apitest.Refusal("not JSON", http.MethodPut, "/comment/report/resolve", mod, "nope", "invalid_query"),
		apitest.Refusal("a message report", http.MethodPut, "/private_message/report/resolve", mod, map[string]any{"report_id": 1, "resolved": true}, "couldnt_find_private_message_report"),
	})
	r, err := s.Store.ReportByID(ctx, postReport)
	if err != nil || r.Resolved {
		t.Fatalf("a refusal resolved the report: %+v %v", r, err)
	}

	var one struct {
		PostReportView struct {
			PostReport struct {
				Resolved bool `json:"resolved"`
			} `json:"post_report"`
			Resolver struct {
				Name string `json:"name"`
			} `json:"resolver"`
		} `json:"post_report_view"`
	}
	resp = s.Do(http.MethodPut, "/post/report/resolve", mod, map[string]any{"report_id": postReport, "resolved": true})
	resp.Decode(t, &one)
	if resp.Status != http.StatusOK || !one.PostReportView.PostReport.Resolved || one.PostReportView.Resolver.Name != "mod" {
		t.Fatalf("resolve: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPut, "/comment/report/resolve", mod, map[string]any{"report_id": commentReport, "resolved": true})
	if resp.Status != http.StatusOK {
		t.Fatalf("resolve a comment report: %d %s", resp.Status, resp.Body)
	}
	n = counts{}
	s.Do(http.MethodGet, "/user/report_count", mod, nil).Decode(t, &n)
	if n.PostReports != 0 || n.CommentReports != 0 {
		t.Errorf("after resolving both: %+v", n)
	}
	q = queue{}
	s.Do(http.MethodGet, "/post/report/list?unresolved_only=true", mod, nil).Decode(t, &q)
	if len(q.PostReports) != 0 {
		t.Errorf("the open queue still lists %d", len(q.PostReports))
	}
	var pm struct {
		Reports []any `json:"private_message_reports"`
	}
	resp = s.Do(http.MethodGet, "/private_message/report/list", mod, nil)
	resp.Decode(t, &pm)
	if resp.Status != http.StatusOK || pm.Reports == nil || len(pm.Reports) != 0 {
		t.Errorf("message reports: %d %s", resp.Status, resp.Body)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
