package comment_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

type commentResponse struct {
	CommentView  commentView `json:"comment_view"`
	RecipientIDs []int64     `json:"recipient_ids"`
}

func TestCommentWriteReplyEditDeleteLike(t *testing.T) {
	th := newThread(t)
	s := th.s
	s.User("bob")
	alice, bob := s.Login("alice"), s.Login("bob")

	var c commentResponse
	resp := s.Do(http.MethodPost, "/comment", bob, map[string]any{"post_id": th.post.ID, "parent_id": th.b.ID, "content": "reply"})
	resp.Decode(t, &c)
	if resp.Status != http.StatusOK || c.CommentView.Comment.Content != "reply" || c.RecipientIDs == nil ||
		c.CommentView.Comment.Path != fmt.Sprintf("0.%d.%d", th.b.ID, c.CommentView.Comment.ID) || *c.CommentView.MyVote != 1 {
		t.Fatalf("reply: %d %s", resp.Status, resp.Body)
	}
	id := c.CommentView.Comment.ID

	resp = s.Do(http.MethodGet, "/comment?id="+fmt.Sprint(th.b.ID), "", nil)
	c = commentResponse{}
	resp.Decode(t, &c)
	if c.CommentView.Counts.ChildCount != 1 {
		t.Errorf("b after the reply: %s; want child_count 1", resp.Body)
	}

	resp = s.Do(http.MethodPut, "/comment", bob, map[string]any{"comment_id": id, "content": "better reply"})
	c = commentResponse{}
	resp.Decode(t, &c)
	if resp.Status != http.StatusOK || c.CommentView.Comment.Content != "better reply" {
		t.Errorf("edit: %d %s", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodPut, "/comment", alice, map[string]any{"comment_id": id, "content": "mine"}); resp.ErrorCode() != "no_comment_edit_allowed" {
		t.Errorf("alice edits bob's: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPost, "/comment/like", alice, map[string]any{"comment_id": id, "score": 1})
	c = commentResponse{}
	resp.Decode(t, &c)
	if c.CommentView.Counts.Score != 2 || *c.CommentView.MyVote != 1 {
		t.Errorf("alice's upvote: %s", resp.Body)
	}
	resp = s.Do(http.MethodPost, "/comment/delete", bob, map[string]any{"comment_id": id, "deleted": true})
	c = commentResponse{}
	resp.Decode(t, &c)
	if resp.Status != http.StatusOK || !c.CommentView.Comment.Deleted || c.CommentView.Comment.Content != "" {
		t.Errorf("delete: %d %s", resp.Status, resp.Body)
	}
}

func TestCommentRefusals(t *testing.T) {
	th := newThread(t)
	s := th.s
	alice := s.Login("alice")
	for _, c := range []struct {
		name, method, path, token string
		body                      any
		status                    int
		code                      string
	}{
		{"anonymous", "POST", "/comment", "", map[string]any{"post_id": th.post.ID, "content": "x"}, 401, "not_logged_in"},
		{"empty", "POST", "/comment", alice, map[string]any{"post_id": th.post.ID, "content": "  "}, 400, "couldnt_create_comment"},
		{"no post", "POST", "/comment", alice, map[string]any{"post_id": 99999, "content": "x"}, 400, "couldnt_find_post"},
		{"no parent", "POST", "/comment", alice, map[string]any{"post_id": th.post.ID, "parent_id": 99999, "content": "x"}, 400, "couldnt_find_comment"},
		{"not json", "POST", "/comment", alice, "{", 400, "invalid_query"},
		{"like 5", "POST", "/comment/like", alice, map[string]any{"comment_id": th.a.ID, "score": 5}, 400, "invalid_vote_value"},
		{"like missing", "POST", "/comment/like", alice, map[string]any{"comment_id": 99999, "score": 1}, 400, "couldnt_find_comment"},
		{"edit missing", "PUT", "/comment", alice, map[string]any{"comment_id": 99999, "content": "x"}, 400, "couldnt_find_comment"},
		{"delete missing", "POST", "/comment/delete", alice, map[string]any{"comment_id": 99999, "deleted": true}, 400, "couldnt_find_comment"},
		{"get missing", "GET", "/comment?id=99999", "", nil, 400, "couldnt_find_comment"},
	} {
		resp := s.Do(c.method, c.path, c.token, c.body)
		if resp.Status != c.status || resp.ErrorCode() != c.code {
			t.Errorf("%s: %d %s; want %d %s", c.name, resp.Status, resp.Body, c.status, c.code)
		}
	}
}

// TestCommentRateLimit: an app writes no faster than the web's forms.
func TestCommentRateLimit(t *testing.T) {
	th := newThread(t)
	alice := th.s.Login("alice")
	var last apitest.Response
	for i := range 21 {
		last = th.s.Do(http.MethodPost, "/comment", alice, map[string]any{"post_id": th.post.ID, "content": fmt.Sprint("c", i)})
	}
	if last.Status != http.StatusTooManyRequests || last.ErrorCode() != "rate_limit_error" {
		t.Errorf("the 21st comment: %d %s; want 429 rate_limit_error", last.Status, last.Body)
	}
}
