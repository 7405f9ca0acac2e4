package modlog_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

type modlog struct {
	RemovedPosts []struct {
		ModRemovePost struct {
			ModPersonID int64   `json:"mod_person_id"`
			Removed     bool    `json:"removed"`
			Reason      *string `json:"reason"`
		} `json:"mod_remove_post"`
		Moderator *struct {
			Name string `json:"name"`
		} `json:"moderator"`
		Post struct {
			ID int64 `json:"id"`
		} `json:"post"`
	} `json:"removed_posts"`
	LockedPosts         []struct{} `json:"locked_posts"`
	BannedFromCommunity []struct {
		BannedPerson struct {
			Name string `json:"name"`
		} `json:"banned_person"`
	} `json:"banned_from_community"`
	AdminPurgedPosts  []struct{} `json:"admin_purged_posts"`
	HiddenCommunities []struct{} `json:"hidden_communities"`
}

func TestModlog(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	mod := s.User("mod")
	alice, bob := s.User("alice"), s.User("bob")
	c, err := s.Forum.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "mod"})
	if err != nil {
		t.Fatal(err)
	}
	var posts []store.Post
	for _, title := range []string{"One", "Two"} {
		p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		posts = append(posts, p)
	}
	for _, m := range []forum.Moderation{
		{Kind: forum.ModRemove, Target: forum.Target{PostID: posts[0].ID}, Reason: "spam"},
		{Kind: forum.ModLock, Target: forum.Target{PostID: posts[1].ID}},
		{Kind: forum.ModBan, CommunityID: c.ID, PersonID: bob.ID, Reason: "rude"},
		{Kind: forum.ModRemove, Target: forum.Target{PostID: posts[0].ID}, Undo: true},
	} {
		if err := s.Forum.Moderate(ctx, mod, m); err != nil {
			t.Fatal(err)
		}
	}

	var all modlog
	resp := s.Do(http.MethodGet, "/modlog", "", nil)
	resp.Decode(t, &all)
	if resp.Status != http.StatusOK || len(all.RemovedPosts) != 2 || len(all.LockedPosts) != 1 ||
		len(all.BannedFromCommunity) != 1 || all.BannedFromCommunity[0].BannedPerson.Name != "bob" ||
		all.HiddenCommunities == nil || all.AdminPurgedPosts == nil {
		t.Fatalf("the whole log: %d %s", resp.Status, resp.Body)
	}
	// Newest first: the restore, then the removal with its reason.
	if r := all.RemovedPosts; r[0].ModRemovePost.Removed || !r[1].ModRemovePost.Removed || r[1].ModRemovePost.Reason == nil ||
		r[1].Moderator == nil || r[1].Moderator.Name != "mod" || r[1].ModRemovePost.ModPersonID != mod.ID {
		t.Errorf("removals: %s", resp.Body)
	}

	for _, c := range []struct {
		query   string
		removed int
		banned  int
	}{
		{"type_=ModLockPost", 0, 0},
		{"type_=ModRemovePost&limit=1", 1, 0},
		{"type_=ModRemovePost&limit=1&page=2", 1, 0},
		{"other_person_id=" + strconv.FormatInt(bob.ID, 10), 0, 1},
		{"post_id=" + strconv.FormatInt(posts[0].ID, 10), 2, 0},
		{"mod_person_id=" + strconv.FormatInt(alice.ID, 10), 0, 0},
		{"community_id=" + strconv.FormatInt(c.ID, 10), 2, 1},
		{"type_=ModHideCommunity", 0, 0},
	} {
		var got modlog
		resp := s.Do(http.MethodGet, "/modlog?"+c.query, "", nil)
		resp.Decode(t, &got)
		if resp.Status != http.StatusOK || len(got.RemovedPosts) != c.removed || len(got.BannedFromCommunity) != c.banned {
			t.Errorf("%s: %d removals, %d bans; want %d, %d", c.query, len(got.RemovedPosts), len(got.BannedFromCommunity), c.removed, c.banned)
		}
	}

	// Where the site hides moderators, only admins and the community's
	// moderators see who did it, and no filter gives them away.
	hide := true
	if err := s.Forum.UpdateSite(ctx, forum.Operator, store.SiteSettings{HideModlogModNames: &hide}); err != nil {
		t.Fatal(err)
	}
	var hidden modlog
	s.Do(http.MethodGet, "/modlog?type_=ModRemovePost", s.Login("alice"), nil).Decode(t, &hidden)
	for _, r := range hidden.RemovedPosts {
		if r.Moderator != nil || r.ModRemovePost.ModPersonID != 0 {
			t.Errorf("a reader sees the moderator: %+v", r)
		}
	}
	var shown modlog
	s.Do(http.MethodGet, "/modlog?type_=ModRemovePost&community_id="+strconv.FormatInt(c.ID, 10), s.Login("mod"), nil).Decode(t, &shown)
	if len(shown.RemovedPosts) != 2 || shown.RemovedPosts[0].Moderator == nil {
		t.Errorf("the community's moderator does not see who: %+v", shown.RemovedPosts)
	}

	s.WantErrors(t, []apitest.Call{
		apitest.Refusal("an unknown type", http.MethodGet, "/modlog?type_=ModEverything", "", nil, "invalid_query"),
		apitest.Refusal("a malformed id", http.MethodGet, "/modlog?community_id=news", "", nil, "invalid_query"),
		apitest.Refusal("a huge limit", http.MethodGet, "/modlog?limit=1000", "", nil, "too_many_items"),
		apitest.Refusal("a forged token", http.MethodGet, "/modlog", "e30.e30.x", nil, "not_logged_in"),
	})
}
