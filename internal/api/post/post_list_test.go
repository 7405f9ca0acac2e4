package post_test

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

type postsResponse struct {
	Posts []struct {
		Post struct {
			ID    int64  `json:"id"`
			Name  string `json:"name"`
			Local bool   `json:"local"`
		} `json:"post"`
		Creator struct {
			Name string `json:"name"`
		} `json:"creator"`
		Community struct {
			Name string `json:"name"`
		} `json:"community"`
		Counts struct {
			Score    int `json:"score"`
			Comments int `json:"comments"`
		} `json:"counts"`
		Subscribed         string `json:"subscribed"`
		MyVote             *int   `json:"my_vote"`
		CreatorIsModerator bool   `json:"creator_is_moderator"`
	} `json:"posts"`
	NextPage *string `json:"next_page"`
}

func newPosts(t *testing.T, s *apitest.Server, by store.LocalUser, c store.Community, n int) []store.Post {
	t.Helper()
	var out []store.Post
	for i := range n {
		p, err := s.Forum.CreatePost(context.Background(), by, forum.PostInput{CommunityID: c.ID,
			Title: fmt.Sprintf("Post %d in %s", i, c.Name), Body: "text"})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func list(t *testing.T, s *apitest.Server, token string, q url.Values) (postsResponse, apitest.Response) {
	t.Helper()
	var out postsResponse
	resp := s.Do(http.MethodGet, "/post/list?"+q.Encode(), token, nil)
	if resp.Status == http.StatusOK {
		resp.Decode(t, &out)
	}
	return out, resp
}

func TestPostListSortsTypesAndPages(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	news, tech := s.Community("news"), s.Community("tech")
	newPosts(t, s, alice, news, 3)
	newPosts(t, s, alice, tech, 2)
	token := s.Login("alice")
	if err := s.Forum.Subscribe(ctx, alice, tech.ID); err != nil {
		t.Fatal(err)
	}

	for _, sort := range []string{"Active", "Hot", "New", "Old", "TopDay", "TopWeek", "TopMonth", "TopYear", "TopAll",
		"MostComments", "NewComments", "TopHour", "TopSixHour", "TopTwelveHour", "TopThreeMonths", "TopSixMonths",
		"TopNineMonths", "Controversial", "Scaled"} {
		for _, typ := range []string{"All", "Local"} {
			out, resp := list(t, s, "", url.Values{"sort": {sort}, "type_": {typ}})
			if resp.Status != http.StatusOK || len(out.Posts) != 5 {
				t.Errorf("sort %s type %s: %d, %d posts; want 5\n%s", sort, typ, resp.Status, len(out.Posts), resp.Body)
			}
		}
	}
	out, _ := list(t, s, token, url.Values{"type_": {"Subscribed"}})
	if len(out.Posts) != 2 || out.Posts[0].Community.Name != "tech" || out.Posts[0].Subscribed != "Subscribed" {
		t.Errorf("Subscribed: %+v; want tech's 2 posts", out.Posts)
	}
	if out.Posts[0].MyVote == nil || *out.Posts[0].MyVote != 1 {
		t.Errorf("my_vote of one's own post = %v; want 1 (authors upvote their own)", out.Posts[0].MyVote)
	}

	out, _ = list(t, s, "", url.Values{"community_name": {"news@" + s.Host}, "sort": {"New"}})
	if len(out.Posts) != 3 || out.Posts[0].Post.Name != "Post 2 in news" {
		t.Errorf("community_name news@host: %+v", out.Posts)
	}
	out, _ = list(t, s, "", url.Values{"community_name": {"tech"}})
	if len(out.Posts) != 2 {
		t.Errorf("community_name tech: %d posts", len(out.Posts))
	}

	// Two at a time by cursor, then by page number: the same five, once each.
	seen := map[int64]bool{}
	q := url.Values{"sort": {"New"}, "limit": {"2"}}
	for range 5 {
		out, resp := list(t, s, "", q)
		if resp.Status != http.StatusOK {
			t.Fatalf("page: %d %s", resp.Status, resp.Body)
		}
		for _, p := range out.Posts {
			if seen[p.Post.ID] {
				t.Errorf("post %d twice", p.Post.ID)
			}
			seen[p.Post.ID] = true
		}
		if out.NextPage == nil {
			break
		}
		q.Set("page_cursor", *out.NextPage)
	}
	if len(seen) != 5 {
		t.Errorf("walked %d posts by cursor; want 5", len(seen))
	}
	for page, want := range map[string]int{"1": 2, "2": 2, "3": 1, "4": 0, "9": 0} {
		out, resp := list(t, s, "", url.Values{"sort": {"New"}, "limit": {"2"}, "page": {page}})
		if resp.Status != http.StatusOK || len(out.Posts) != want {
			t.Errorf("page %s: %d, %d posts; want %d", page, resp.Status, len(out.Posts), want)
		}
	}
}

func TestPostListRefusals(t *testing.T) {
	s := apitest.Start(t)
	alice := s.User("alice")
	newPosts(t, s, alice, s.Community("news"), 1)
	for _, c := range []struct {
		name   string
		q      url.Values
		status int
		code   string
	}{
		{"unknown sort", url.Values{"sort": {"Best"}}, 400, "invalid_query"},
		{"our sort's name, not Lemmy's", url.Values{"sort": {"hot"}}, 400, "invalid_query"},
		{"unknown type", url.Values{"type_": {"Everything"}}, 400, "invalid_query"},
		{"ModeratorView", url.Values{"type_": {"ModeratorView"}}, 400, "invalid_query"},
		{"Subscribed, anonymous", url.Values{"type_": {"Subscribed"}}, 401, "not_logged_in"},
		{"huge limit", url.Values{"limit": {"1000000"}}, 400, "couldnt_get_posts"},
		{"negative limit", url.Values{"limit": {"-1"}}, 400, "couldnt_get_posts"},
		{"limit not a number", url.Values{"limit": {"ten"}}, 400, "invalid_query"},
		{"page too far", url.Values{"page": {"100000"}}, 400, "couldnt_get_posts"},
		{"page zero-padded overflow", url.Values{"page": {"99999999999999999999"}}, 400, "invalid_query"},
		{"bad cursor", url.Values{"page_cursor": {"not a cursor"}}, 400, "invalid_query"},
		{"no such community", url.Values{"community_name": {"nowhere"}}, 400, "couldnt_find_community"},
		{"no such remote community", url.Values{"community_name": {"news@elsewhere.example"}}, 400, "couldnt_find_community"},
		{"no such community id", url.Values{"community_id": {"999999"}}, 400, "couldnt_find_community"},
		{"saved_only, anonymous", url.Values{"saved_only": {"true"}}, 401, "not_logged_in"},
		{"bool not a bool", url.Values{"show_nsfw": {"maybe"}}, 400, "invalid_query"},
	} {
		_, resp := list(t, s, "", c.q)
		if resp.Status != c.status || resp.ErrorCode() != c.code {
			t.Errorf("%s: %d %s; want %d %s", c.name, resp.Status, resp.Body, c.status, c.code)
		}
	}
}

func TestPostListLikedOnly(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	alice, bob := s.User("alice"), s.User("bob")
	posts := newPosts(t, s, alice, s.Community("news"), 3)
	if _, err := s.Forum.VotePost(ctx, bob, posts[0].ID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Forum.VotePost(ctx, bob, posts[1].ID, -1); err != nil {
		t.Fatal(err)
	}
	token := s.Login("bob")
	for q, want := range map[string]int64{"liked_only": posts[0].ID, "disliked_only": posts[1].ID} {
		out, resp := list(t, s, token, url.Values{q: {"true"}})
		if resp.Status != http.StatusOK || len(out.Posts) != 1 || out.Posts[0].Post.ID != want {
			t.Errorf("%s: %d %s; want post %d alone", q, resp.Status, resp.Body, want)
		}
	}
	if _, resp := list(t, s, token, url.Values{"liked_only": {"true"}, "disliked_only": {"true"}}); resp.ErrorCode() != "contradicting_filters" {
		t.Errorf("both: %d %s", resp.Status, resp.Body)
	}
	if _, resp := list(t, s, "", url.Values{"liked_only": {"true"}}); resp.ErrorCode() != "not_logged_in" {
		t.Errorf("anonymous liked_only: %d %s", resp.Status, resp.Body)
	}
}
