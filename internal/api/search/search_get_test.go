package search_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

func TestSearch(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	s.User("zebrafan")
	news := s.Community("zebras")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Zebras crossing the river"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.CreateComment(ctx, alice, p.ID, 0, "Those zebras are fast"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Type        string `json:"type_"`
		Posts       []any  `json:"posts"`
		Comments    []any  `json:"comments"`
		Communities []any  `json:"communities"`
		Users       []any  `json:"users"`
	}
	resp := s.Do(http.MethodGet, "/search?"+url.Values{"q": {"zebras"}, "type_": {"All"}}.Encode(), "", nil)
	resp.Decode(t, &got)
	if resp.Status != http.StatusOK || got.Type != "All" || len(got.Posts) != 1 || len(got.Comments) != 1 || len(got.Communities) != 1 {
		t.Errorf("all: %d %s", resp.Status, resp.Body)
	}
	got = struct {
		Type        string `json:"type_"`
		Posts       []any  `json:"posts"`
		Comments    []any  `json:"comments"`
		Communities []any  `json:"communities"`
		Users       []any  `json:"users"`
	}{}
	resp = s.Do(http.MethodGet, "/search?"+url.Values{"q": {"zebra"}, "type_": {"Users"}}.Encode(), "", nil)
	resp.Decode(t, &got)
	if len(got.Users) != 1 || len(got.Posts) != 0 || got.Posts == nil {
		t.Errorf("users: %s", resp.Body)
	}
	for _, c := range []struct{ q url.Values }{
		{url.Values{"q": {"x"}, "type_": {"Everything"}}},
		{url.Values{"q": {"x"}, "sort": {"Best"}}},
		{url.Values{"q": {strings.Repeat("a", 201)}}},
		{url.Values{"q": {"x"}, "page": {"two"}}},
	} {
		if resp := s.Do(http.MethodGet, "/search?"+c.q.Encode(), "", nil); resp.Status != http.StatusBadRequest || resp.ErrorCode() != "invalid_query" {
			t.Errorf("%v: %d %s; want 400 invalid_query", c.q, resp.Status, resp.Body)
		}
	}
	if resp := s.Do(http.MethodGet, "/search?q=x&limit=999", "", nil); resp.ErrorCode() != "too_many_items" {
		t.Errorf("huge limit: %d %s", resp.Status, resp.Body)
	}
}
