package community_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
)

func TestCommunityModeration(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	s.User("mod")
	alice, bob := s.User("alice"), s.User("bob")
	mod, aliceToken, bobToken := s.Login("mod"), s.Login("alice"), s.Login("bob")

	// Created through the API, with its creator as first moderator.
	var created struct {
		CommunityView struct {
			Community struct {
				ID                      int64  `json:"id"`
				Title                   string `json:"title"`
				PostingRestrictedToMods bool   `json:"posting_restricted_to_mods"`
			} `json:"community"`
		} `json:"community_view"`
	}
	resp := s.Do(http.MethodPost, "/community", mod, map[string]any{"name": "news", "title": "News"})
	resp.Decode(t, &created)
	id := created.CommunityView.Community.ID
	if resp.Status != http.StatusOK || id == 0 {
		t.Fatalf("create: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPut, "/community", mod, map[string]any{"community_id": id, "title": "World news",
		"posting_restricted_to_mods": true})
	resp.Decode(t, &created)
	if c := created.CommunityView.Community; resp.Status != http.StatusOK || c.Title != "World news" || !c.PostingRestrictedToMods {
		t.Fatalf("edit: %d %s", resp.Status, resp.Body)
	}
	if _, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: id, Title: "Hello"}); err == nil {
		t.Error("a restricted community took a stranger's post")
	}

	s.WantErrors(t, []apitest.Call{
		apitest.Refusal("a stranger edits", http.MethodPut, "/community", bobToken, map[string]any{"community_id": id, "title": "Mine"}, "not_a_mod_or_admin"),
		apitest.Refusal("an unknown community", http.MethodPut, "/community", mod, map[string]any{"community_id": 99999, "title": "X"}, "couldnt_find_community"),
		apitest.Refusal("an empty title", http.MethodPut, "/community", mod, map[string]any{"community_id": id, "title": " "}, "invalid_display_name"),
		apitest.Refusal("a taken name", http.MethodPost, "/community", aliceToken, map[string]any{"name": "news", "title": "News"}, "invalid_name"),
		apitest.Refusal("a bad name", http.MethodPost, "/community", aliceToken, map[string]any{"name": "no spaces", "title": "X"}, "invalid_name"),
		apitest.Refusal("a stranger bans", http.MethodPost, "/community/ban_user", bobToken, map[string]any{"community_id": id, "person_id": alice.ID, "ban": true}, "not_a_mod_or_admin"),
		apitest.Refusal("a ban that ended", http.MethodPost, "/community/ban_user", mod, map[string]any{"community_id": id, "person_id": alice.ID, "ban": true, "expires": time.Now().Add(-time.Hour).Unix()}, "ban_expiration_in_past"),
		apitest.Refusal("banning nobody", http.MethodPost, "/community/ban_user", mod, map[string]any{"community_id": id, "person_id": 99999, "ban": true}, "couldnt_find_community"),
		apitest.Refusal("a stranger appoints", http.MethodPost, "/community/mod", bobToken, map[string]any{"community_id": id, "person_id": bob.ID, "added": true}, "not_a_mod_or_admin"),
		apitest.Refusal("a stranger hands over", http.MethodPost, "/community/transfer", bobToken, map[string]any{"community_id": id, "person_id": bob.ID}, "not_a_mod_or_admin"),
		apitest.Refusal("handing to a non-moderator", http.MethodPost, "/community/transfer", mod, map[string]any{"community_id": id, "person_id": bob.ID}, "couldnt_update_community"),
		// The pages delete and remove no community: an operator does.
		apitest.Refusal("delete", http.MethodPost, "/community/delete", mod, map[string]any{"community_id": id, "deleted": true}, "couldnt_update_community"),
		apitest.Refusal("remove", http.MethodPost, "/community/remove", mod, map[string]any{"community_id": id, "removed": true}, "couldnt_update_community"),
		apitest.Refusal("not JSON", http.MethodPost, "/community/ban_user", mod, "]", "invalid_query"),
		apitest.Refusal("a forged token", http.MethodPost, "/community/ban_user", mod+"x", map[string]any{"community_id": id, "person_id": alice.ID, "ban": true}, "not_logged_in"),
	})
	if banned, err := s.Store.IsBannedFromCommunity(ctx, id, alice.ID); err != nil || banned {
		t.Fatalf("a refused ban banned: %v %v", banned, err)
	}
	if mods, err := s.Store.Moderators(ctx, id); err != nil || len(mods) != 1 {
		t.Fatalf("a refusal changed the moderators: %v %v", mods, err)
	}

	var ban struct {
		PersonView struct {
			Person struct {
				Name string `json:"name"`
			} `json:"person"`
		} `json:"person_view"`
		Banned bool `json:"banned"`
	}
	resp = s.Do(http.MethodPost, "/community/ban_user", mod, map[string]any{"community_id": id, "person_id": alice.ID,
		"ban": true, "reason": "spam", "expires": time.Now().Add(time.Hour).Unix(), "remove_data": true})
	resp.Decode(t, &ban)
	if resp.Status != http.StatusOK || !ban.Banned || ban.PersonView.Person.Name != "alice" {
		t.Fatalf("ban: %d %s", resp.Status, resp.Body)
	}
	if banned, err := s.Store.IsBannedFromCommunity(ctx, id, alice.ID); err != nil || !banned {
		t.Errorf("alice is not banned: %v %v", banned, err)
	}

	var mods struct {
		Moderators []struct {
			Moderator struct {
				Name string `json:"name"`
			} `json:"moderator"`
		} `json:"moderators"`
	}
	resp = s.Do(http.MethodPost, "/community/mod", mod, map[string]any{"community_id": id, "person_id": bob.ID, "added": true})
	resp.Decode(t, &mods)
	if resp.Status != http.StatusOK || len(mods.Moderators) != 2 || mods.Moderators[1].Moderator.Name != "bob" {
		t.Fatalf("add mod: %d %s", resp.Status, resp.Body)
	}
	s.Do(http.MethodPost, "/community/mod", bobToken, map[string]any{"community_id": id, "person_id": s.Login("mod"),
		"added": false}).WantError(t, "text for an id", "invalid_query")
	modPerson, err := s.Forum.User(ctx, "mod")
	if err != nil {
		t.Fatal(err)
	}
	s.Do(http.MethodPost, "/community/mod", bobToken, map[string]any{"community_id": id, "person_id": modPerson.ID,
		"added": false}).WantError(t, "a later moderator dismisses the first", "not_higher_mod")
	s.Do(http.MethodPost, "/community/transfer", bobToken, map[string]any{"community_id": id, "person_id": bob.ID}).
		WantError(t, "a later moderator takes the community", "not_top_mod")
	resp = s.Do(http.MethodPost, "/community/transfer", mod, map[string]any{"community_id": id, "person_id": bob.ID})
	resp.Decode(t, &mods)
	if resp.Status != http.StatusOK || len(mods.Moderators) < 2 || mods.Moderators[0].Moderator.Name != "bob" {
		t.Fatalf("transfer: %d %s", resp.Status, resp.Body)
	}
}
