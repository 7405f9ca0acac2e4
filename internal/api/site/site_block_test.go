package site_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
)

type myBlocks struct {
	MyUser struct {
		LocalUserView struct {
			LocalUser struct {
				ShowReadPosts bool `json:"show_read_posts"`
			} `json:"local_user"`
		} `json:"local_user_view"`
		CommunityBlocks []struct {
			Community struct {
				Name string `json:"name"`
			} `json:"community"`
		} `json:"community_blocks"`
		PersonBlocks []struct {
			Target struct {
				Name string `json:"name"`
			} `json:"target"`
		} `json:"person_blocks"`
		InstanceBlocks []struct {
			Instance struct {
				Domain string `json:"domain"`
			} `json:"instance"`
		} `json:"instance_blocks"`
	} `json:"my_user"`
}

func TestBlocksInMyUser(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	s.User("alice")
	carol := s.User("carol")
	news := s.Community("news")
	lemmy, err := s.Store.AddInstance(ctx, "lemmy.example")
	if err != nil {
		t.Fatal(err)
	}
	alice := s.Login("alice")
	for _, c := range []struct {
		path string
		body map[string]any
	}{
		{"/user/block", map[string]any{"person_id": carol.ID, "block": true}},
		{"/community/block", map[string]any{"community_id": news.ID, "block": true}},
		{"/site/block", map[string]any{"instance_id": lemmy.ID, "block": true}},
	} {
		if resp := s.Do(http.MethodPost, c.path, alice, c.body); resp.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", c.path, resp.Status, resp.Body)
		}
	}
	var got myBlocks
	resp := s.Do(http.MethodGet, "/site", alice, nil)
	resp.Decode(t, &got)
	my := got.MyUser
	if len(my.PersonBlocks) != 1 || my.PersonBlocks[0].Target.Name != "carol" ||
		len(my.CommunityBlocks) != 1 || my.CommunityBlocks[0].Community.Name != "news" ||
		len(my.InstanceBlocks) != 1 || my.InstanceBlocks[0].Instance.Domain != "lemmy.example" {
		t.Errorf("my_user's blocks: %s", resp.Body)
	}
	if !my.LocalUserView.LocalUser.ShowReadPosts {
		t.Errorf("show_read_posts is not the account's (true by default): %s", resp.Body)
	}

	resp = s.Do(http.MethodPost, "/site/block", alice, map[string]any{"instance_id": lemmy.ID, "block": false})
	if resp.Status != http.StatusOK || string(resp.Body) != "{\"blocked\":false}\n" {
		t.Errorf("unblock: %d %s", resp.Status, resp.Body)
	}
	ours, err := s.Store.InstanceByDomain(ctx, s.Host)
	if err != nil {
		t.Fatal(err)
	}
	block := func(id int64) map[string]any { return map[string]any{"instance_id": id, "block": true} }
	s.Refused(t, "no token", http.MethodPost, "/site/block", "", block(lemmy.ID), 401, "not_logged_in")
	s.Refused(t, "a forged token", http.MethodPost, "/site/block", s.ForgedToken(), block(lemmy.ID), 401, "not_logged_in")
	s.Refused(t, "not JSON", http.MethodPost, "/site/block", alice, "{", 400, "invalid_query")
	s.Refused(t, "no such instance", http.MethodPost, "/site/block", alice, block(999999), 404, "couldnt_find_object")
	s.Refused(t, "this instance", http.MethodPost, "/site/block", alice, block(ours.ID), 400, "cant_block_local_instance")
	got = myBlocks{}
	s.Do(http.MethodGet, "/site", alice, nil).Decode(t, &got)
	if len(got.MyUser.InstanceBlocks) != 0 {
		t.Errorf("a refused block blocked: %+v", got.MyUser.InstanceBlocks)
	}
}
