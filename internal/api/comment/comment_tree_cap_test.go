package comment_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

// A tree asked for whole stops at 300 comments, as Lemmy's and the thread
// page do, and every comment in it comes after its parent.
func TestCommentTreeStopsAt300(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: s.Community("news").ID, Title: "Busy"})
	if err != nil {
		t.Fatal(err)
	}
	var parent int64
	for i := range 320 {
		if i%4 == 0 {
			parent = 0 // a new top-level thread of four
		}
		c, err := s.Forum.CreateComment(ctx, alice, p.ID, parent, "comment")
		if err != nil {
			t.Fatal(err)
		}
		parent = c.ID
	}
	var out commentsResponse
	resp := s.Do(http.MethodGet, "/comment/list?"+url.Values{"post_id": {itoa(p.ID)}, "max_depth": {"8"}}.Encode(), "", nil)
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || len(out.Comments) != 300 {
		t.Fatalf("the tree: %d, %d comments; want 300", resp.Status, len(out.Comments))
	}
	seen := map[string]bool{"0": true}
	for _, c := range out.Comments {
		if up := c.Comment.Path[:strings.LastIndex(c.Comment.Path, ".")]; !seen[up] {
			t.Fatalf("comment %s comes before its parent", c.Comment.Path)
		}
		seen[c.Comment.Path] = true
	}
	resp = s.Do(http.MethodGet, "/comment/list?"+url.Values{"post_id": {itoa(p.ID)}, "limit": {"100"}}.Encode(), "", nil)
	out = commentsResponse{}
	resp.Decode(t, &out)
	if len(out.Comments) != 320 {
		t.Errorf("100 threads with limit: %d comments; want all 320", len(out.Comments))
	}
}
