package post_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// moderated is a community moderated by mod, with a post by alice.
func moderated(t *testing.T, s *apitest.Server) (store.Community, store.Post) {
	t.Helper()
	ctx := context.Background()
	s.User("mod")
	alice := s.User("alice")
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "mod"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "A post", Body: "text"})
	if err != nil {
		t.Fatal(err)
	}
	return c, p
}

func TestModeratePost(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	_, p := moderated(t, s)
	mod := s.Login("mod")
	var out struct {
		PostView struct {
			Post struct {
				Removed           bool `json:"removed"`
				Locked            bool `json:"locked"`
				FeaturedCommunity bool `json:"featured_community"`
			} `json:"post"`
		} `json:"post_view"`
	}
	for _, c := range []struct {
		path string
		body map[string]any
	}{
		{"/post/lock", map[string]any{"post_id": p.ID, "locked": true}},
		{"/post/feature", map[string]any{"post_id": p.ID, "featured": true, "feature_type": "Community"}},
		{"/post/remove", map[string]any{"post_id": p.ID, "removed": true, "reason": "off topic"}},
		{"/post/remove", map[string]any{"post_id": p.ID, "removed": true}}, // again: nothing to do, no error
	} {
		resp := s.Do(http.MethodPost, c.path, mod, c.body)
		if resp.Status != http.StatusOK {
			t.Fatalf("%s %v: %d %s", c.path, c.body, resp.Status, resp.Body)
		}
		resp.Decode(t, &out)
	}
	if v := out.PostView.Post; !v.Removed || !v.Locked || !v.FeaturedCommunity {
		t.Errorf("the post after removal, lock and pin: %+v", v)
	}
	got, err := s.Store.PostByID(ctx, p.ID)
	if err != nil || !got.Removed || !got.Locked || !got.FeaturedCommunity {
		t.Errorf("stored post: %+v %v", got, err)
	}
	var logged int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM mod_actions WHERE post_id = $1`, p.ID).Scan(&logged); err != nil || logged != 3 {
		t.Errorf("the moderation log has %d entries of the post (%v), want 3", logged, err)
	}
}

func TestModeratePostRefusals(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	c, p := moderated(t, s)
	s.User("bob")
	alice, bob, mod := s.Login("alice"), s.Login("bob"), s.Login("mod")
	banned := s.User("banned")
	if err := s.Store.AddModerator(ctx, c.ID, banned.ID); err != nil {
		t.Fatal(err)
	}
	bannedToken := s.Login("banned")
	if err := s.Store.BanFromCommunityUntil(ctx, c.ID, banned.ID, "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	s.WantErrors(t, []apitest.Call{
		apitest.Refusal("the author is no moderator", http.MethodPost, "/post/remove", alice, map[string]any{"post_id": p.ID, "removed": true}, "not_a_mod_or_admin"),
		apitest.Refusal("a stranger locks", http.MethodPost, "/post/lock", bob, map[string]any{"post_id": p.ID, "locked": true}, "not_a_mod_or_admin"),
		apitest.Refusal("a stranger pins", http.MethodPost, "/post/feature", bob, map[string]any{"post_id": p.ID, "featured": true, "feature_type": "Community"}, "not_a_mod_or_admin"),
		apitest.Refusal("a moderator pins on the front page", http.MethodPost, "/post/feature", mod, map[string]any{"post_id": p.ID, "featured": true, "feature_type": "Local"}, "not_an_admin"),
		apitest.Refusal("a banned moderator", http.MethodPost, "/post/remove", bannedToken, map[string]any{"post_id": p.ID, "removed": true}, "banned_from_community"),
		apitest.Refusal("an unknown post", http.MethodPost, "/post/remove", mod, map[string]any{"post_id": 99999, "removed": true}, "couldnt_find_post"),
		apitest.Refusal("an unknown feature type", http.MethodPost, "/post/feature", mod, map[string]any{"post_id": p.ID, "featured": true, "feature_type": "Everywhere"}, "invalid_query"),
		apitest.Refusal("a body that is not JSON", http.MethodPost, "/post/lock", mod, "{locked", "invalid_query"),
		apitest.Refusal("a wrong type", http.MethodPost, "/post/lock", mod, map[string]any{"post_id": "one", "locked": true}, "invalid_query"),
		apitest.Refusal("logged out", http.MethodPost, "/post/remove", "", map[string]any{"post_id": p.ID, "removed": true}, "not_logged_in"),
		apitest.Refusal("a forged token", http.MethodPost, "/post/remove", mod+"x", map[string]any{"post_id": p.ID, "removed": true}, "not_logged_in"),
	})
	got, err := s.Store.PostByID(ctx, p.ID)
	if err != nil || got.Removed || got.Locked || got.FeaturedCommunity || got.FeaturedLocal {
		t.Errorf("a refusal changed the post: %+v %v", got, err)
	}
}
