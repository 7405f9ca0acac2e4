package user_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

// The reading settings an app changes are the web's: hiding read posts
// takes them out of post/list, and my_user says what was saved.
func TestSaveReadingSettings(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	news := s.Community("news")
	var ids []int64
	for i := range 2 {
		p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: fmt.Sprint("Post ", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	token := s.Login("alice")
	if resp := s.Do(http.MethodPost, "/post/mark_as_read", token, map[string]any{"post_ids": []int64{ids[0]}, "read": true}); resp.Status != http.StatusOK {
		t.Fatalf("mark read: %d %s", resp.Status, resp.Body)
	}
	resp := s.Do(http.MethodPut, "/user/save_user_settings", token, map[string]any{"show_read_posts": false,
		"show_scores": false, "discussion_languages": []int{0, 1}})
	if resp.Status != http.StatusOK {
		t.Fatalf("save: %d %s", resp.Status, resp.Body)
	}
	var list struct {
		Posts []struct {
			Post struct {
				ID int64 `json:"id"`
			} `json:"post"`
		} `json:"posts"`
	}
	s.Do(http.MethodGet, "/post/list", token, nil).Decode(t, &list)
	if len(list.Posts) != 1 || list.Posts[0].Post.ID != ids[1] {
		t.Errorf("post/list hiding read posts: %+v; want the unread post alone", list.Posts)
	}
	s.Do(http.MethodGet, "/post/list?show_read=true", token, nil).Decode(t, &list)
	if len(list.Posts) != 2 {
		t.Errorf("post/list with show_read: %d posts; want both", len(list.Posts))
	}
	var site struct {
		MyUser struct {
			LocalUserView struct {
				LocalUser struct {
					ShowReadPosts bool `json:"show_read_posts"`
					ShowScores    bool `json:"show_scores"`
				} `json:"local_user"`
			} `json:"local_user_view"`
			DiscussionLanguages []int `json:"discussion_languages"`
		} `json:"my_user"`
	}
	s.Do(http.MethodGet, "/site", token, nil).Decode(t, &site)
	my := site.MyUser
	if my.LocalUserView.LocalUser.ShowReadPosts || my.LocalUserView.LocalUser.ShowScores ||
		fmt.Sprint(my.DiscussionLanguages) != "[0 1]" {
		t.Errorf("my_user after saving: %+v", my)
	}
	s.Refused(t, "no such language", http.MethodPut, "/user/save_user_settings", token,
		map[string]any{"display_name": "Changed", "discussion_languages": []int{1, 99999}}, 400, "invalid_query")
	if u, _ := s.Store.LocalUserByName(ctx, "alice"); u.DisplayName == "Changed" || len(u.Languages()) != 1 {
		t.Errorf("a refused call changed settings: %q %v", u.DisplayName, u.Languages())
	}
}
