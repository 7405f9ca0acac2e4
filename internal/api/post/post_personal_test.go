package post_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

type personalView struct {
	Post struct {
		ID int64 `json:"id"`
	} `json:"post"`
	Saved          bool `json:"saved"`
	Read           bool `json:"read"`
	CreatorBlocked bool `json:"creator_blocked"`
	UnreadComments int  `json:"unread_comments"`
}

func personal(t *testing.T, s *apitest.Server, token string, q url.Values) []personalView {
	t.Helper()
	var out struct {
		Posts []personalView `json:"posts"`
	}
	resp := s.Do(http.MethodGet, "/post/list?"+q.Encode(), token, nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("post/list %s: %d %s", q.Encode(), resp.Status, resp.Body)
	}
	resp.Decode(t, &out)
	return out.Posts
}

func TestPostSaveAndSavedOnly(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	alice, bobUser := s.User("alice"), s.User("bob")
	posts := newPosts(t, s, alice, s.Community("news"), 3)
	bob := s.Login("bob")

	var saved struct {
		PostView personalView `json:"post_view"`
	}
	resp := s.Do(http.MethodPut, "/post/save", bob, map[string]any{"post_id": posts[1].ID, "save": true})
	resp.Decode(t, &saved)
	if resp.Status != http.StatusOK || !saved.PostView.Saved {
		t.Fatalf("save: %d %s", resp.Status, resp.Body)
	}
	list := personal(t, s, bob, url.Values{"saved_only": {"true"}})
	if len(list) != 1 || list[0].Post.ID != posts[1].ID || !list[0].Saved {
		t.Errorf("saved_only lists %+v; want the saved post alone", list)
	}
	if all := personal(t, s, bob, url.Values{"sort": {"New"}}); len(all) != 3 || all[1].Saved == all[0].Saved {
		t.Errorf("the front page: %+v; want three posts, the middle one saved", all)
	}
	if others := personal(t, s, s.Login("alice"), url.Values{"saved_only": {"true"}}); len(others) != 0 {
		t.Errorf("alice sees bob's saved posts: %+v", others)
	}
	resp = s.Do(http.MethodPut, "/post/save", bob, map[string]any{"post_id": posts[1].ID, "save": false})
	if resp.Status != http.StatusOK || len(personal(t, s, bob, url.Values{"saved_only": {"true"}})) != 0 {
		t.Errorf("unsave: %d %s", resp.Status, resp.Body)
	}

	if err := s.Forum.DeletePost(context.Background(), alice, posts[2].ID, true); err != nil {
		t.Fatal(err)
	}
	s.Refused(t, "no token", http.MethodPut, "/post/save", "", map[string]any{"post_id": posts[0].ID, "save": true}, 401, "not_logged_in")
	s.Refused(t, "a forged token", http.MethodPut, "/post/save", s.ForgedToken(), map[string]any{"post_id": posts[0].ID, "save": true}, 401, "not_logged_in")
	s.Refused(t, "not JSON", http.MethodPut, "/post/save", bob, "post_id=1", 400, "invalid_query")
	s.Refused(t, "a string for an id", http.MethodPut, "/post/save", bob, `{"post_id": "one", "save": true}`, 400, "invalid_query")
	s.Refused(t, "no such post", http.MethodPut, "/post/save", bob, map[string]any{"post_id": 999999, "save": true}, 400, "couldnt_find_post")
	s.Refused(t, "a deleted post", http.MethodPut, "/post/save", bob, map[string]any{"post_id": posts[2].ID, "save": true}, 400, "couldnt_save_post")
	s.Refused(t, "POST, not PUT", http.MethodPost, "/post/save", bob, map[string]any{"post_id": posts[0].ID, "save": true}, 405, "couldnt_find_object")
	if ids, err := s.Store.SavedPostIDs(context.Background(), bobUser.ID, []int64{posts[0].ID, posts[2].ID}); err != nil || len(ids) != 0 {
		t.Errorf("a refused save saved: %v %v", ids, err)
	}
}

func TestPostMarkAsReadAndUnreadComments(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	s.User("bob")
	posts := newPosts(t, s, alice, s.Community("news"), 2)
	bob := s.Login("bob")
	for range 2 {
		if _, err := s.Forum.CreateComment(ctx, alice, posts[0].ID, 0, "a comment"); err != nil {
			t.Fatal(err)
		}
	}
	byID := func(token string) map[int64]personalView {
		out := map[int64]personalView{}
		for _, v := range personal(t, s, token, url.Values{"sort": {"New"}}) {
			out[v.Post.ID] = v
		}
		return out
	}
	if v := byID(bob)[posts[0].ID]; v.Read || v.UnreadComments != 2 {
		t.Errorf("before reading: %+v; want unread with 2 unread comments", v)
	}

	// post_id as Lemmy 0.19.0 sends it, post_ids as later clients do.
	resp := s.Do(http.MethodPost, "/post/mark_as_read", bob, map[string]any{"post_id": posts[0].ID, "read": true})
	if resp.Status != http.StatusOK || string(resp.Body) != "{\"success\":true}\n" {
		t.Fatalf("mark_as_read: %d %s", resp.Status, resp.Body)
	}
	if v := byID(bob)[posts[0].ID]; !v.Read || v.UnreadComments != 0 {
		t.Errorf("after reading: %+v; want read with no unread comments", v)
	}
	if _, err := s.Forum.CreateComment(ctx, alice, posts[0].ID, 0, "a new one"); err != nil {
		t.Fatal(err)
	}
	if v := byID(bob)[posts[0].ID]; v.UnreadComments != 1 {
		t.Errorf("after a new comment: %+v; want 1 unread comment", v)
	}
	// Opening the post reads it, its new comment too.
	if resp := s.Do(http.MethodGet, "/post?id="+itoa(posts[0].ID), bob, nil); resp.Status != http.StatusOK {
		t.Fatalf("GET post: %d %s", resp.Status, resp.Body)
	}
	if v := byID(bob)[posts[0].ID]; v.UnreadComments != 0 {
		t.Errorf("after opening the post: %+v; want no unread comment", v)
	}
	if v := byID(s.Login("alice"))[posts[0].ID]; v.Read || v.UnreadComments != 3 {
		t.Errorf("alice sees bob's reading: %+v", v)
	}
	resp = s.Do(http.MethodPost, "/post/mark_as_read", bob, map[string]any{"post_ids": []int64{posts[0].ID, posts[1].ID}, "read": false})
	if got := byID(bob); resp.Status != http.StatusOK || got[posts[0].ID].Read || got[posts[1].ID].Read {
		t.Errorf("mark unread: %d %s; %+v", resp.Status, resp.Body, got)
	}

	s.Refused(t, "no token", http.MethodPost, "/post/mark_as_read", "", map[string]any{"post_ids": []int64{posts[1].ID}, "read": true}, 401, "not_logged_in")
	s.Refused(t, "no id", http.MethodPost, "/post/mark_as_read", bob, map[string]any{"post_ids": []int64{}, "read": true}, 400, "no_id_given")
	s.Refused(t, "one id of no post", http.MethodPost, "/post/mark_as_read", bob, map[string]any{"post_ids": []int64{posts[1].ID, 999999}, "read": true}, 400, "couldnt_find_post")
	s.Refused(t, "ids not numbers", http.MethodPost, "/post/mark_as_read", bob, `{"post_ids": ["a"], "read": true}`, 400, "invalid_query")
	s.Refused(t, "too many ids", http.MethodPost, "/post/mark_as_read", bob, map[string]any{"post_ids": manyIDs(1001), "read": true}, 400, "too_many_items")
	if v := byID(bob)[posts[1].ID]; v.Read {
		t.Errorf("a refused call marked a post read: %+v", v)
	}
}

func manyIDs(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i + 1)
	}
	return out
}

func TestPostHideIsOff(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	alice := s.User("alice")
	posts := newPosts(t, s, alice, s.Community("news"), 1)
	token := s.Login("alice")
	s.Refused(t, "hiding", http.MethodPost, "/post/hide", token, map[string]any{"post_ids": []int64{posts[0].ID}, "hide": true}, 400, "couldnt_hide_post")
	s.Refused(t, "no token", http.MethodPost, "/post/hide", "", map[string]any{"post_ids": []int64{posts[0].ID}, "hide": true}, 401, "not_logged_in")
	s.Refused(t, "not JSON", http.MethodPost, "/post/hide", token, "hide", 400, "invalid_query")
	if got := personal(t, s, token, url.Values{}); len(got) != 1 {
		t.Errorf("the listing after a refused hide: %+v", got)
	}
}

func TestPostListLeavesOutBlocked(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	alice, carol := s.User("alice"), s.User("carol")
	s.User("bob")
	news, tech := s.Community("news"), s.Community("tech")
	newPosts(t, s, alice, news, 1)
	newPosts(t, s, carol, news, 1)
	newPosts(t, s, alice, tech, 1)
	bob := s.Login("bob")
	if got := personal(t, s, bob, url.Values{}); len(got) != 3 {
		t.Fatalf("before blocking: %d posts", len(got))
	}
	if resp := s.Do(http.MethodPost, "/user/block", bob, map[string]any{"person_id": carol.ID, "block": true}); resp.Status != http.StatusOK {
		t.Fatalf("block carol: %d %s", resp.Status, resp.Body)
	}
	if resp := s.Do(http.MethodPost, "/community/block", bob, map[string]any{"community_id": tech.ID, "block": true}); resp.Status != http.StatusOK {
		t.Fatalf("block tech: %d %s", resp.Status, resp.Body)
	}
	if got := personal(t, s, bob, url.Values{}); len(got) != 1 {
		t.Errorf("after blocking carol and tech: %+v; want alice's post in news alone", got)
	}
	// A blocked community's own page still lists it, as the web's does.
	if got := personal(t, s, bob, url.Values{"community_id": {itoa(tech.ID)}}); len(got) != 1 {
		t.Errorf("tech's own listing: %d posts; want 1", len(got))
	}
	if got := personal(t, s, s.Login("alice"), url.Values{}); len(got) != 3 {
		t.Errorf("bob's blocks reach alice: %d posts", len(got))
	}
}
