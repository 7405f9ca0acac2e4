package post_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

func TestReports(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	s.User("bob")
	news := s.Community("news")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Spam", Body: "buy now"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Forum.CreateComment(ctx, alice, p.ID, 0, "more spam")
	if err != nil {
		t.Fatal(err)
	}
	bob := s.Login("bob")
	var pr struct {
		PostReportView struct {
			PostReport struct {
				ID               int64  `json:"id"`
				Reason           string `json:"reason"`
				OriginalPostName string `json:"original_post_name"`
			} `json:"post_report"`
			Creator struct {
				Name string `json:"name"`
			} `json:"creator"`
			PostCreator struct {
				Name string `json:"name"`
			} `json:"post_creator"`
		} `json:"post_report_view"`
	}
	resp := s.Do(http.MethodPost, "/post/report", bob, map[string]any{"post_id": p.ID, "reason": "spam"})
	resp.Decode(t, &pr)
	v := pr.PostReportView
	if resp.Status != http.StatusOK || v.PostReport.ID == 0 || v.PostReport.Reason != "spam" ||
		v.PostReport.OriginalPostName != "Spam" || v.Creator.Name != "bob" || v.PostCreator.Name != "alice" {
		t.Errorf("post report: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPost, "/comment/report", bob, map[string]any{"comment_id": c.ID, "reason": "spam too"})
	if resp.Status != http.StatusOK || !strings.Contains(string(resp.Body), `"original_comment_text":"more spam"`) {
		t.Errorf("comment report: %d %s", resp.Status, resp.Body)
	}
	for _, c := range []struct {
		path, token string
		body        map[string]any
		code        string
	}{
		{"/post/report", "", map[string]any{"post_id": p.ID, "reason": "x"}, "not_logged_in"},
		{"/post/report", bob, map[string]any{"post_id": p.ID, "reason": " "}, "report_reason_required"},
		{"/post/report", bob, map[string]any{"post_id": p.ID, "reason": strings.Repeat("x", 1001)}, "report_too_long"},
		{"/post/report", bob, map[string]any{"post_id": 99999, "reason": "x"}, "couldnt_find_post"},
		{"/comment/report", bob, map[string]any{"comment_id": 99999, "reason": "x"}, "couldnt_find_comment"},
	} {
		if resp := s.Do(http.MethodPost, c.path, c.token, c.body); resp.ErrorCode() != c.code {
			t.Errorf("%s %v: %d %s; want %s", c.path, c.body, resp.Status, resp.Body, c.code)
		}
	}
}
