package post_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

type postResponse struct {
	PostView struct {
		Post struct {
			ID      int64   `json:"id"`
			Name    string  `json:"name"`
			Body    *string `json:"body"`
			URL     *string `json:"url"`
			Deleted bool    `json:"deleted"`
			NSFW    bool    `json:"nsfw"`
			Updated *string `json:"updated"`
		} `json:"post"`
		Counts struct {
			Score     int `json:"score"`
			Upvotes   int `json:"upvotes"`
			Downvotes int `json:"downvotes"`
		} `json:"counts"`
		MyVote *int `json:"my_vote"`
	} `json:"post_view"`
}

func TestPostWriteEditDeleteLike(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	s.User("bob")
	news := s.Community("news")
	alice, bob := s.Login("alice"), s.Login("bob")

	var p postResponse
	resp := s.Do(http.MethodPost, "/post", alice, map[string]any{"name": "Hello", "community_id": news.ID,
		"body": "First *post*", "url": "https://example.org/a", "language_id": 1})
	resp.Decode(t, &p)
	if resp.Status != http.StatusOK || p.PostView.Post.Name != "Hello" || p.PostView.Counts.Score != 1 ||
		p.PostView.MyVote == nil || *p.PostView.MyVote != 1 {
		t.Fatalf("create: %d %s", resp.Status, resp.Body)
	}
	id := p.PostView.Post.ID

	resp = s.Do(http.MethodPut, "/post", alice, map[string]any{"post_id": id, "body": "Edited"})
	p = postResponse{}
	resp.Decode(t, &p)
	if resp.Status != http.StatusOK || *p.PostView.Post.Body != "Edited" || p.PostView.Post.Name != "Hello" ||
		p.PostView.Post.URL == nil || p.PostView.Post.Updated == nil {
		t.Errorf("edit of the body alone: %d %s; want title and link kept", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodPut, "/post", bob, map[string]any{"post_id": id, "name": "Mine now"}); resp.ErrorCode() != "no_post_edit_allowed" {
		t.Errorf("bob edits alice's post: %d %s", resp.Status, resp.Body)
	}

	resp = s.Do(http.MethodPost, "/post/like", bob, map[string]any{"post_id": id, "score": -1})
	p = postResponse{}
	resp.Decode(t, &p)
	if resp.Status != http.StatusOK || p.PostView.Counts.Score != 0 || p.PostView.Counts.Downvotes != 1 || *p.PostView.MyVote != -1 {
		t.Errorf("bob's downvote: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPost, "/post/like", bob, map[string]any{"post_id": id, "score": 0})
	p = postResponse{}
	resp.Decode(t, &p)
	if p.PostView.Counts.Score != 1 || *p.PostView.MyVote != 0 {
		t.Errorf("bob takes it back: %s", resp.Body)
	}

	var got struct {
		PostView      postResponse `json:"-"`
		CommunityView struct {
			Community struct {
				Name string `json:"name"`
			} `json:"community"`
		} `json:"community_view"`
		Moderators []any `json:"moderators"`
		CrossPosts []any `json:"cross_posts"`
	}
	resp = s.Do(http.MethodGet, "/post?id="+itoa(id), "", nil)
	resp.Decode(t, &got)
	if resp.Status != http.StatusOK || got.CommunityView.Community.Name != "news" || got.Moderators == nil || got.CrossPosts == nil {
		t.Errorf("get: %d %s", resp.Status, resp.Body)
	}

	if resp := s.Do(http.MethodPost, "/post/delete", bob, map[string]any{"post_id": id, "deleted": true}); resp.ErrorCode() != "no_post_edit_allowed" {
		t.Errorf("bob deletes alice's post: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPost, "/post/delete", alice, map[string]any{"post_id": id, "deleted": true})
	p = postResponse{}
	resp.Decode(t, &p)
	if resp.Status != http.StatusOK || !p.PostView.Post.Deleted || p.PostView.Post.Body != nil {
		t.Errorf("delete: %d %s; want deleted, its text withheld", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodPost, "/post/like", bob, map[string]any{"post_id": id, "score": 1}); resp.ErrorCode() != "couldnt_find_post" {
		t.Errorf("vote on a deleted post: %d %s", resp.Status, resp.Body)
	}
}

func TestPostRefusals(t *testing.T) {
	s := apitest.Start(t)
	u := s.User("alice")
	s.User("banned")
	news := s.Community("news")
	alice, banned := s.Login("alice"), s.Login("banned")
	p, err := s.Forum.CreatePost(context.Background(), u, forum.PostInput{CommunityID: news.ID, Title: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.BanUser(context.Background(), "banned", "spam"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, method, path, token string
		body                      any
		status                    int
		code                      string
	}{
		{"create anonymous", "POST", "/post", "", map[string]any{"name": "x", "community_id": news.ID}, 401, "not_logged_in"},
		{"create banned", "POST", "/post", banned, map[string]any{"name": "x", "community_id": news.ID}, 400, "site_ban"},
		{"create no title", "POST", "/post", alice, map[string]any{"name": " ", "community_id": news.ID}, 400, "invalid_post_title"},
		{"create bad url", "POST", "/post", alice, map[string]any{"name": "x", "community_id": news.ID, "url": "javascript:x"}, 400, "invalid_url"},
		{"create no community", "POST", "/post", alice, map[string]any{"name": "x", "community_id": 99999}, 400, "couldnt_find_community"},
		{"create bad language", "POST", "/post", alice, map[string]any{"name": "x", "community_id": news.ID, "language_id": 9999}, 400, "language_not_allowed"},
		{"create not json", "POST", "/post", alice, "name=x", 400, "invalid_query"},
		{"edit missing", "PUT", "/post", alice, map[string]any{"post_id": 99999, "name": "y"}, 400, "couldnt_find_post"},
		{"like anonymous", "POST", "/post/like", "", map[string]any{"post_id": p.ID, "score": 1}, 401, "not_logged_in"},
		{"like 2", "POST", "/post/like", alice, map[string]any{"post_id": p.ID, "score": 2}, 400, "invalid_vote_value"},
		{"like missing", "POST", "/post/like", alice, map[string]any{"post_id": 99999, "score": 1}, 400, "couldnt_find_post"},
		{"delete missing", "POST", "/post/delete", alice, map[string]any{"post_id": 99999, "deleted": true}, 400, "couldnt_find_post"},
		{"get missing", "GET", "/post?id=99999", "", nil, 400, "couldnt_find_post"},
		{"get no id", "GET", "/post", "", nil, 400, "no_id_given"},
		{"get bad id", "GET", "/post?id=x", "", nil, 400, "invalid_query"},
	} {
		resp := s.Do(c.method, c.path, c.token, c.body)
		if resp.Status != c.status || resp.ErrorCode() != c.code {
			t.Errorf("%s: %d %s; want %d %s", c.name, resp.Status, resp.Body, c.status, c.code)
		}
	}
	after, err := s.Forum.Post(context.Background(), p.ID)
	if err != nil || after.Score != 1 {
		t.Errorf("after the refusals the post scores %d (%v); want 1, unchanged", after.Score, err)
	}
}
