package user_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

func TestPersonDetails(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	news := s.Community("news")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Mine"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Forum.CreateComment(ctx, alice, p.ID, 0, "top")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.CreateComment(ctx, alice, p.ID, c.ID, "under"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		PersonView struct {
			Person struct {
				Name string `json:"name"`
			} `json:"person"`
			Counts struct {
				PostCount    int `json:"post_count"`
				CommentCount int `json:"comment_count"`
			} `json:"counts"`
		} `json:"person_view"`
		Posts    []any `json:"posts"`
		Comments []struct {
			Comment struct {
				Content string `json:"content"`
			} `json:"comment"`
			Counts struct {
				ChildCount int `json:"child_count"`
			} `json:"counts"`
		} `json:"comments"`
		Moderates []any `json:"moderates"`
	}
	for _, q := range []string{"username=alice", "username=alice@" + s.Host, fmt.Sprint("person_id=", alice.ID)} {
		resp := s.Do(http.MethodGet, "/user?"+q, "", nil)
		resp.Decode(t, &got)
		if resp.Status != http.StatusOK || got.PersonView.Person.Name != "alice" || got.PersonView.Counts.PostCount != 1 ||
			got.PersonView.Counts.CommentCount != 2 || len(got.Posts) != 1 || len(got.Comments) != 2 || got.Moderates == nil {
			t.Errorf("%s: %d %s", q, resp.Status, resp.Body)
		}
		for _, c := range got.Comments {
			if c.Comment.Content == "top" && c.Counts.ChildCount != 1 {
				t.Errorf("%s: the top comment counts %d children; want 1", q, c.Counts.ChildCount)
			}
		}
	}
	for _, c := range []struct{ q, code string }{
		{"username=nobody", "couldnt_find_person"},
		{"username=nobody@far.example", "couldnt_find_person"},
		{"person_id=99999", "couldnt_find_person"},
		{"", "no_id_given"},
		{"person_id=x", "invalid_query"},
		{"username=alice&limit=1000", "too_many_items"},
	} {
		if resp := s.Do(http.MethodGet, "/user?"+c.q, "", nil); resp.Status != http.StatusBadRequest || resp.ErrorCode() != c.code {
			t.Errorf("%q: %d %s; want 400 %s", c.q, resp.Status, resp.Body, c.code)
		}
	}
}
