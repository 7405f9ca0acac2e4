package comment_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

func TestModerateComment(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	s.User("mod")
	alice := s.User("alice")
	s.User("bob")
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "mod"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "A post"})
	if err != nil {
		t.Fatal(err)
	}
	cm, err := s.Forum.CreateComment(ctx, alice, p.ID, 0, "a comment")
	if err != nil {
		t.Fatal(err)
	}
	mod, bob := s.Login("mod"), s.Login("bob")
	s.WantErrors(t, []apitest.Call{
		apitest.Refusal("a stranger", http.MethodPost, "/comment/remove", bob, map[string]any{"comment_id": cm.ID, "removed": true}, "not_a_mod_or_admin"),
		apitest.Refusal("an unknown comment", http.MethodPost, "/comment/remove", mod, map[string]any{"comment_id": 99999, "removed": true}, "couldnt_find_comment"),
		apitest.Refusal("not JSON", http.MethodPost, "/comment/remove", mod, "[", "invalid_query"),
		apitest.Refusal("a forged token", http.MethodPost, "/comment/remove", mod+"x", map[string]any{"comment_id": cm.ID, "removed": true}, "not_logged_in"),
		apitest.Refusal("a stranger distinguishes", http.MethodPost, "/comment/distinguish", bob, map[string]any{"comment_id": cm.ID, "distinguished": false}, "not_a_mod_or_admin"),
		// The pages distinguish no comment, so neither does the API.
		apitest.Refusal("distinguishing", http.MethodPost, "/comment/distinguish", mod, map[string]any{"comment_id": cm.ID, "distinguished": true}, "couldnt_update_comment"),
	})
	if got, err := s.Store.CommentByID(ctx, cm.ID); err != nil || got.Removed {
		t.Fatalf("a refusal changed the comment: %+v %v", got, err)
	}
	if resp := s.Do(http.MethodPost, "/comment/distinguish", mod, map[string]any{"comment_id": cm.ID, "distinguished": false}); resp.Status != http.StatusOK {
		t.Errorf("undistinguishing: %d %s", resp.Status, resp.Body)
	}
	var out struct {
		CommentView struct {
			Comment struct {
				Removed bool `json:"removed"`
			} `json:"comment"`
		} `json:"comment_view"`
	}
	resp := s.Do(http.MethodPost, "/comment/remove", mod, map[string]any{"comment_id": cm.ID, "removed": true, "reason": "rude"})
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || !out.CommentView.Comment.Removed {
		t.Fatalf("remove: %d %s", resp.Status, resp.Body)
	}
	if got, err := s.Store.CommentByID(ctx, cm.ID); err != nil || !got.Removed {
		t.Errorf("the stored comment is not removed: %+v %v", got, err)
	}
}
