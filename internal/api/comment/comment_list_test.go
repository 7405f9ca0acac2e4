package comment_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type commentView struct {
	Comment struct {
		ID      int64  `json:"id"`
		Content string `json:"content"`
		Path    string `json:"path"`
		Deleted bool   `json:"deleted"`
	} `json:"comment"`
	Counts struct {
		Score      int `json:"score"`
		ChildCount int `json:"child_count"`
	} `json:"counts"`
	MyVote         *int `json:"my_vote"`
	Saved          bool `json:"saved"`
	CreatorBlocked bool `json:"creator_blocked"`
}

type commentsResponse struct {
	Comments []commentView `json:"comments"`
}

// thread is a post with a tree:
//
//	a
//	  a1
//	    a1x
//	  a2
//	b
type thread struct {
	s                 *apitest.Server
	post              store.Post
	a, a1, a1x, a2, b store.Comment
	alice             store.LocalUser
}

func newThread(t *testing.T) thread {
	t.Helper()
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	news := s.Community("news")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Thread"})
	if err != nil {
		t.Fatal(err)
	}
	c := func(parent int64, body string) store.Comment {
		cm, err := s.Forum.CreateComment(ctx, alice, p.ID, parent, body)
		if err != nil {
			t.Fatal(err)
		}
		return cm
	}
	th := thread{s: s, post: p, alice: alice}
	th.a = c(0, "a")
	th.a1 = c(th.a.ID, "a1")
	th.a1x = c(th.a1.ID, "a1x")
	th.a2 = c(th.a.ID, "a2")
	th.b = c(0, "b")
	return th
}

func (th thread) list(t *testing.T, token string, q url.Values) (commentsResponse, apitest.Response) {
	t.Helper()
	var out commentsResponse
	resp := th.s.Do(http.MethodGet, "/comment/list?"+q.Encode(), token, nil)
	if resp.Status == http.StatusOK {
		resp.Decode(t, &out)
	}
	return out, resp
}

func contents(cs []commentView) string {
	var b []string
	for _, c := range cs {
		b = append(b, c.Comment.Content)
	}
	return strings.Join(b, " ")
}

func TestCommentListNesting(t *testing.T) {
	th := newThread(t)
	pid := fmt.Sprint(th.post.ID)
	for _, c := range []struct {
		name string
		q    url.Values
		want string
	}{
		{"whole tree, oldest first", url.Values{"post_id": {pid}, "sort": {"Old"}}, "a a1 a1x a2 b"},
		{"newest first", url.Values{"post_id": {pid}, "sort": {"New"}}, "b a a2 a1 a1x"},
		{"top level", url.Values{"post_id": {pid}, "sort": {"Old"}, "max_depth": {"1"}}, "a b"},
		{"two levels", url.Values{"post_id": {pid}, "sort": {"Old"}, "max_depth": {"2"}}, "a a1 a2 b"},
		{"under a", url.Values{"parent_id": {fmt.Sprint(th.a.ID)}, "sort": {"Old"}}, "a a1 a1x a2"},
		{"under a, one level", url.Values{"parent_id": {fmt.Sprint(th.a.ID)}, "sort": {"Old"}, "max_depth": {"1"}}, "a a1 a2"},
		{"first page of one thread", url.Values{"post_id": {pid}, "sort": {"Old"}, "limit": {"1"}}, "a a1 a1x a2"},
		{"second page", url.Values{"post_id": {pid}, "sort": {"Old"}, "limit": {"1"}, "page": {"2"}}, "b"},
		{"past the end", url.Values{"post_id": {pid}, "limit": {"1"}, "page": {"3"}}, ""},
	} {
		out, resp := th.list(t, "", c.q)
		if resp.Status != http.StatusOK || contents(out.Comments) != c.want {
			t.Errorf("%s: %d %q; want %q\n%s", c.name, resp.Status, contents(out.Comments), c.want, resp.Body)
		}
	}
	out, _ := th.list(t, "", url.Values{"post_id": {pid}, "sort": {"Old"}})
	want := map[string]struct {
		path     string
		children int
	}{
		"a": {fmt.Sprintf("0.%d", th.a.ID), 3}, "a1": {fmt.Sprintf("0.%d.%d", th.a.ID, th.a1.ID), 1},
		"a1x": {fmt.Sprintf("0.%d.%d.%d", th.a.ID, th.a1.ID, th.a1x.ID), 0}, "b": {fmt.Sprintf("0.%d", th.b.ID), 0},
	}
	for _, c := range out.Comments {
		if w, ok := want[c.Comment.Content]; ok && (c.Comment.Path != w.path || c.Counts.ChildCount != w.children) {
			t.Errorf("%s: path %s, %d children; want %s, %d", c.Comment.Content, c.Comment.Path, c.Counts.ChildCount, w.path, w.children)
		}
		if c.MyVote != nil {
			t.Errorf("anonymous my_vote = %v; want it absent", *c.MyVote)
		}
	}
	for _, sort := range []string{"Hot", "Top", "New", "Old", "Controversial"} {
		if out, resp := th.list(t, "", url.Values{"post_id": {pid}, "sort": {sort}}); resp.Status != http.StatusOK || len(out.Comments) != 5 {
			t.Errorf("sort %s: %d, %d comments", sort, resp.Status, len(out.Comments))
		}
	}
}

func TestCommentListRefusals(t *testing.T) {
	th := newThread(t)
	pid := fmt.Sprint(th.post.ID)
	for _, c := range []struct {
		name   string
		q      url.Values
		status int
		code   string
	}{
		{"unknown sort", url.Values{"post_id": {pid}, "sort": {"Active"}}, 400, "invalid_query"},
		{"unknown type", url.Values{"post_id": {pid}, "type_": {"Mine"}}, 400, "invalid_query"},
		{"huge limit", url.Values{"post_id": {pid}, "limit": {"100000"}}, 400, "couldnt_get_comments"},
		{"page too far", url.Values{"post_id": {pid}, "page": {"100000"}}, 400, "couldnt_get_comments"},
		{"negative depth", url.Values{"post_id": {pid}, "max_depth": {"-1"}}, 400, "couldnt_get_comments"},
		{"no post", url.Values{"post_id": {"99999"}}, 400, "couldnt_find_post"},
		{"no parent", url.Values{"parent_id": {"99999"}}, 400, "couldnt_find_comment"},
		{"neither", url.Values{}, 400, "couldnt_get_comments"},
		{"bad number", url.Values{"post_id": {"one"}}, 400, "invalid_query"},
	} {
		_, resp := th.list(t, "", c.q)
		if resp.Status != c.status || resp.ErrorCode() != c.code {
			t.Errorf("%s: %d %s; want %d %s", c.name, resp.Status, resp.Body, c.status, c.code)
		}
	}
}

func TestCommentListLikedOnly(t *testing.T) {
	th := newThread(t)
	bob := th.s.User("bob")
	if _, err := th.s.Forum.VoteComment(context.Background(), bob, th.a1.ID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := th.s.Forum.VoteComment(context.Background(), bob, th.b.ID, -1); err != nil {
		t.Fatal(err)
	}
	token := th.s.Login("bob")
	pid := fmt.Sprint(th.post.ID)
	for q, want := range map[string]string{"liked_only": "a1", "disliked_only": "b"} {
		out, resp := th.list(t, token, url.Values{"post_id": {pid}, q: {"true"}})
		if resp.Status != http.StatusOK || contents(out.Comments) != want {
			t.Errorf("%s: %d %q; want %q", q, resp.Status, contents(out.Comments), want)
		}
	}
	if _, resp := th.list(t, "", url.Values{"post_id": {pid}, "liked_only": {"true"}}); resp.ErrorCode() != "not_logged_in" {
		t.Errorf("anonymous liked_only: %d %s", resp.Status, resp.Body)
	}
	if _, resp := th.list(t, token, url.Values{"post_id": {pid}, "liked_only": {"true"}, "disliked_only": {"true"}}); resp.ErrorCode() != "contradicting_filters" {
		t.Errorf("both: %d %s", resp.Status, resp.Body)
	}
}
