package community_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

type communityView struct {
	Community struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"community"`
	Subscribed string `json:"subscribed"`
	Blocked    bool   `json:"blocked"`
	Counts     struct {
		Subscribers int64 `json:"subscribers"`
		Posts       int64 `json:"posts"`
		Comments    int64 `json:"comments"`
	} `json:"counts"`
}

func TestCommunityGetListFollow(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	news := s.Community("news")
	s.Community("tech")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.CreateComment(ctx, alice, p.ID, 0, "y"); err != nil {
		t.Fatal(err)
	}
	token := s.Login("alice")

	var got struct {
		CommunityView communityView `json:"community_view"`
		Moderators    []any         `json:"moderators"`
	}
	resp := s.Do(http.MethodGet, "/community?name=news@"+s.Host, token, nil)
	resp.Decode(t, &got)
	if resp.Status != http.StatusOK || got.CommunityView.Community.Name != "news" || got.CommunityView.Subscribed != "NotSubscribed" ||
		got.CommunityView.Counts.Posts != 1 || got.CommunityView.Counts.Comments != 1 || got.Moderators == nil {
		t.Fatalf("get: %d %s", resp.Status, resp.Body)
	}

	var f struct {
		CommunityView communityView `json:"community_view"`
	}
	resp = s.Do(http.MethodPost, "/community/follow", token, map[string]any{"community_id": news.ID, "follow": true})
	resp.Decode(t, &f)
	if resp.Status != http.StatusOK || f.CommunityView.Subscribed != "Subscribed" || f.CommunityView.Counts.Subscribers != 1 {
		t.Errorf("follow: %d %s", resp.Status, resp.Body)
	}

	var l struct {
		Communities []communityView `json:"communities"`
	}
	resp = s.Do(http.MethodGet, "/community/list?type_=Subscribed", token, nil)
	resp.Decode(t, &l)
	if len(l.Communities) != 1 || l.Communities[0].Community.Name != "news" {
		t.Errorf("subscribed list: %s", resp.Body)
	}
	l.Communities = nil
	resp = s.Do(http.MethodGet, "/community/list?type_=All&sort=TopAll", "", nil)
	resp.Decode(t, &l)
	if len(l.Communities) != 2 || l.Communities[0].Community.Name != "news" {
		t.Errorf("all, busiest first: %s", resp.Body)
	}

	resp = s.Do(http.MethodPost, "/community/follow", token, map[string]any{"community_id": news.ID, "follow": false})
	f = struct {
		CommunityView communityView `json:"community_view"`
	}{}
	resp.Decode(t, &f)
	if f.CommunityView.Subscribed != "NotSubscribed" {
		t.Errorf("unfollow: %s", resp.Body)
	}

	for _, c := range []struct {
		name, method, path, token string
		body                      any
		status                    int
		code                      string
	}{
		{"get missing", "GET", "/community?name=nowhere", "", nil, 400, "couldnt_find_community"},
		{"get remote missing", "GET", "/community?name=news@far.example", "", nil, 400, "couldnt_find_community"},
		{"get nothing", "GET", "/community", "", nil, 400, "no_id_given"},
		{"list bad sort", "GET", "/community/list?sort=Biggest", "", nil, 400, "invalid_query"},
		{"list subscribed anonymous", "GET", "/community/list?type_=Subscribed", "", nil, 401, "not_logged_in"},
		{"list huge", "GET", "/community/list?limit=5000", "", nil, 400, "too_many_items"},
		{"follow anonymous", "POST", "/community/follow", "", map[string]any{"community_id": news.ID, "follow": true}, 401, "not_logged_in"},
		{"follow missing", "POST", "/community/follow", token, map[string]any{"community_id": 99999, "follow": true}, 400, "couldnt_find_community"},
	} {
		resp := s.Do(c.method, c.path, c.token, c.body)
		if resp.Status != c.status || resp.ErrorCode() != c.code {
			t.Errorf("%s: %d %s; want %d %s", c.name, resp.Status, resp.Body, c.status, c.code)
		}
	}
}
