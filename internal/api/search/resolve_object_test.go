package search_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func TestResolveObjectHere(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	news := s.Community("news")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Found by its address"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Forum.CreateComment(ctx, alice, p.ID, 0, "A comment")
	if err != nil {
		t.Fatal(err)
	}
	type named struct {
		Name string `json:"name"`
	}
	var got struct {
		Post *struct {
			Post named `json:"post"`
		} `json:"post"`
		Comment *struct {
			Comment struct {
				Content string `json:"content"`
			} `json:"comment"`
		} `json:"comment"`
		Community *struct {
			Community named `json:"community"`
		} `json:"community"`
		Person *struct {
			Person named `json:"person"`
		} `json:"person"`
	}
	resolve := func(q string) apitest.Response {
		got.Post, got.Comment, got.Community, got.Person = nil, nil, nil, nil
		resp := s.Do(http.MethodGet, "/resolve_object?"+url.Values{"q": {q}}.Encode(), "", nil)
		if resp.Status == http.StatusOK {
			resp.Decode(t, &got)
		}
		return resp
	}
	base := "http://" + s.Host
	if resp := resolve(fmt.Sprintf("%s/post/%d", base, p.ID)); got.Post == nil || got.Post.Post.Name != p.Title {
		t.Errorf("the post's URL: %d %s", resp.Status, resp.Body)
	}
	if resp := resolve(fmt.Sprintf("%s/comment/%d", base, c.ID)); got.Comment == nil || got.Comment.Comment.Content != "A comment" {
		t.Errorf("the comment's URL: %d %s", resp.Status, resp.Body)
	}
	for _, q := range []string{base + "/c/news", "!news@" + s.Host} {
		if resp := resolve(q); got.Community == nil || got.Community.Community.Name != "news" || got.Post != nil {
			t.Errorf("%s: %d %s", q, resp.Status, resp.Body)
		}
	}
	for _, q := range []string{base + "/u/alice", "@alice@" + s.Host} {
		if resp := resolve(q); got.Person == nil || got.Person.Person.Name != "alice" {
			t.Errorf("%s: %d %s", q, resp.Status, resp.Body)
		}
	}
	// Another server's community, known here, by its id: for anyone.
	remote, err := s.Store.AddInstance(ctx, "lemmy.example")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Store.InsertCommunity(ctx, store.NewCommunity{APID: "https://lemmy.example/c/faraway", InstanceID: remote.ID,
		Name: "faraway", Title: "Far away", InboxURL: "https://lemmy.example/c/faraway/inbox",
		FollowersURL: "https://lemmy.example/c/faraway/followers", PublicKeyPEM: "k"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"https://lemmy.example/c/faraway", "!faraway@lemmy.example"} {
		if resp := resolve(q); got.Community == nil || got.Community.Community.Name != "faraway" {
			t.Errorf("%s: %d %s", q, resp.Status, resp.Body)
		}
	}
	token := s.Login("alice")
	for _, c := range []struct{ name, q, token string }{
		{"nothing", "", ""},
		{"no such post", base + "/post/999999", ""},
		{"no such community", "!nowhere@" + s.Host, ""},
		{"a page that is no object", base + "/settings", ""},
		{"a remote handle, not logged in", "!news@lemmy.example", ""},
		{"a remote person unknown here", "@nobody@lemmy.example", ""},
		{"a remote URL, not logged in", "https://lemmy.example/post/1", ""},
		{"plain words", "news today", token},
	} {
		want, status := "couldnt_find_object", http.StatusBadRequest
		if c.q == "" {
			want = "invalid_query"
		}
		s.Refused(t, c.name, http.MethodGet, "/resolve_object?"+url.Values{"q": {c.q}}.Encode(), c.token, nil, status, want)
	}
}
