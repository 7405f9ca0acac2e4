package user_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/store"
)

func TestSaveUserSettings(t *testing.T) {
	s := apitest.Start(t)
	s.User("alice")
	token := s.Login("alice")
	resp := s.Do(http.MethodPut, "/user/save_user_settings", token, map[string]any{"display_name": "Alice A.",
		"default_sort_type": "New", "default_listing_type": "Local", "show_nsfw": true, "theme": "darkly", "blur_nsfw": false})
	if resp.Status != http.StatusOK {
		t.Fatalf("save: %d %s", resp.Status, resp.Body)
	}
	u, err := s.Store.LocalUserByName(context.Background(), "alice")
	if err != nil {
		t.Fatal(err)
	}
	if u.DisplayName != "Alice A." || u.DefaultSort != store.SortNew || u.DefaultListing != store.ListingLocal || !u.ShowNSFW {
		t.Errorf("saved %+v", u)
	}
	resp = s.Do(http.MethodPut, "/user/save_user_settings", token, map[string]any{"bio": "Hello"})
	if u, _ = s.Store.LocalUserByName(context.Background(), "alice"); resp.Status != http.StatusOK || u.DisplayName != "Alice A." || u.Bio != "Hello" {
		t.Errorf("a bio alone changed the rest: %+v", u)
	}
	for _, c := range []struct {
		body  map[string]any
		token string
		code  string
	}{
		{map[string]any{"display_name": strings.Repeat("a", 51)}, token, "invalid_display_name"},
		{map[string]any{"bio": strings.Repeat("a", 10001)}, token, "bio_length_overflow"},
		{map[string]any{"default_sort_type": "Best"}, token, "invalid_query"},
		{map[string]any{"default_listing_type": "ModeratorView"}, token, "invalid_default_post_listing_type"},
		{map[string]any{"show_nsfw": false}, "", "not_logged_in"},
	} {
		if resp := s.Do(http.MethodPut, "/user/save_user_settings", c.token, c.body); resp.ErrorCode() != c.code {
			t.Errorf("%v: %d %s; want %s", c.body, resp.Status, resp.Body, c.code)
		}
	}
	if u, _ = s.Store.LocalUserByName(context.Background(), "alice"); !u.ShowNSFW || u.DefaultSort != store.SortNew {
		t.Errorf("refused settings changed something: %+v", u)
	}
}
