package admin_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// admin makes a first admin, as `tidings admin` does.
func admin(t *testing.T, s *apitest.Server, name string) store.LocalUser {
	t.Helper()
	u, err := s.Forum.CreateUser(context.Background(), forum.NewUser{Name: name, Password: apitest.Password, Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSiteBan(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	root := admin(t, s, "root")
	alice := s.User("alice")
	s.User("bob")
	rootToken, aliceToken, bobToken := s.Login("root"), s.Login("alice"), s.Login("bob")
	s.WantErrors(t, []apitest.Call{
		apitest.Refusal("not an admin", http.MethodPost, "/user/ban", bobToken, map[string]any{"person_id": alice.ID, "ban": true}, "not_an_admin"),
		apitest.Refusal("an admin", http.MethodPost, "/user/ban", rootToken, map[string]any{"person_id": root.ID, "ban": true}, "couldnt_update_user"),
		apitest.Refusal("nobody", http.MethodPost, "/user/ban", rootToken, map[string]any{"person_id": 99999, "ban": true}, "couldnt_find_person"),
		apitest.Refusal("a ban that ended", http.MethodPost, "/user/ban", rootToken, map[string]any{"person_id": alice.ID, "ban": true, "expires": time.Now().Add(-time.Minute).Unix()}, "ban_expiration_in_past"),
		apitest.Refusal("not JSON", http.MethodPost, "/user/ban", rootToken, "{", "invalid_query"),
		apitest.Refusal("logged out", http.MethodPost, "/user/ban", "", map[string]any{"person_id": alice.ID, "ban": true}, "not_logged_in"),
	})
	if p, err := s.Store.PersonByID(ctx, alice.ID); err != nil || p.Banned {
		t.Fatalf("a refused ban banned: %+v %v", p, err)
	}
	var out struct {
		PersonView struct {
			Person struct {
				Banned     bool    `json:"banned"`
				BanExpires *string `json:"ban_expires"`
			} `json:"person"`
		} `json:"person_view"`
		Banned bool `json:"banned"`
	}
	resp := s.Do(http.MethodPost, "/user/ban", rootToken, map[string]any{"person_id": alice.ID, "ban": true,
		"reason": "spam", "remove_data": true, "expires": time.Now().Add(24 * time.Hour).Unix()})
	resp.Decode(t, &out)
	if resp.Status != http.StatusOK || !out.Banned || !out.PersonView.Person.Banned || out.PersonView.Person.BanExpires == nil {
		t.Fatalf("ban: %d %s", resp.Status, resp.Body)
	}
	// Her session ended with the ban, and she is told why.
	s.Do(http.MethodGet, "/user/unread_count", aliceToken, nil).WantError(t, "the banned person's token", "site_ban")
	resp = s.Do(http.MethodPost, "/user/ban", rootToken, map[string]any{"person_id": alice.ID, "ban": false})
	if resp.Status != http.StatusOK {
		t.Fatalf("unban: %d %s", resp.Status, resp.Body)
	}
	if p, err := s.Store.PersonByID(ctx, alice.ID); err != nil || p.Banned {
		t.Errorf("alice is still banned: %+v %v", p, err)
	}
}

func TestAddAdminAndPurge(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	root := admin(t, s, "root")
	alice := s.User("alice")
	rootToken, aliceToken := s.Login("root"), s.Login("alice")
	news := s.Community("news")
	p, err := s.Forum.CreatePost(ctx, alice, forum.PostInput{CommunityID: news.ID, Title: "Gone soon"})
	if err != nil {
		t.Fatal(err)
	}
	s.WantErrors(t, []apitest.Call{
		apitest.Refusal("not an admin appoints", http.MethodPost, "/admin/add", aliceToken, map[string]any{"person_id": alice.ID, "added": true}, "not_an_admin"),
		apitest.Refusal("the only admin steps down", http.MethodPost, "/admin/add", rootToken, map[string]any{"person_id": root.ID, "added": false}, "couldnt_update_user"),
		apitest.Refusal("nobody", http.MethodPost, "/admin/add", rootToken, map[string]any{"person_id": 99999, "added": true}, "couldnt_find_local_user"),
		apitest.Refusal("not an admin purges", http.MethodPost, "/admin/purge/post", aliceToken, map[string]any{"post_id": p.ID}, "not_an_admin"),
		apitest.Refusal("an unknown post", http.MethodPost, "/admin/purge/post", rootToken, map[string]any{"post_id": 99999}, "couldnt_find_post"),
		apitest.Refusal("an unknown person", http.MethodPost, "/admin/purge/person", rootToken, map[string]any{"person_id": 99999}, "couldnt_find_person"),
		apitest.Refusal("an unknown community", http.MethodPost, "/admin/purge/community", rootToken, map[string]any{"community_id": 99999}, "couldnt_find_community"),
		apitest.Refusal("an unknown comment", http.MethodPost, "/admin/purge/comment", rootToken, map[string]any{"comment_id": 99999}, "couldnt_find_comment"),
	})
	if _, err := s.Store.PostByID(ctx, p.ID); err != nil {
		t.Fatalf("a refused purge purged: %v", err)
	}
	var admins struct {
		Admins []struct {
			Person struct {
				Name string `json:"name"`
			} `json:"person"`
		} `json:"admins"`
	}
	resp := s.Do(http.MethodPost, "/admin/add", rootToken, map[string]any{"person_id": alice.ID, "added": true})
	resp.Decode(t, &admins)
	if resp.Status != http.StatusOK || len(admins.Admins) != 2 {
		t.Fatalf("add admin: %d %s", resp.Status, resp.Body)
	}
	resp = s.Do(http.MethodPost, "/admin/purge/post", aliceToken, map[string]any{"post_id": p.ID, "reason": "illegal"})
	if resp.Status != http.StatusOK || string(resp.Body) != "{\"success\":true}\n" {
		t.Fatalf("purge by the new admin: %d %s", resp.Status, resp.Body)
	}
	if _, err := s.Store.PostByID(ctx, p.ID); err == nil {
		t.Error("the purged post is still there")
	}
}

func TestRegistrationApplications(t *testing.T) {
	t.Parallel()
	s := apitest.Start(t)
	ctx := context.Background()
	admin(t, s, "root")
	s.User("alice")
	rootToken, aliceToken := s.Login("root"), s.Login("alice")
	mode, question := store.RegistrationRequireApproval, "Why?"
	if err := s.Forum.UpdateSite(ctx, forum.Operator, store.SiteSettings{RegistrationMode: &mode, ApplicationQuestion: &question}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"dora", "eve"} {
		if _, err := s.Forum.Register(ctx, forum.SignUp{Name: name, Password: apitest.Password, Answer: "to read " + name}); err != nil {
			t.Fatal(err)
		}
	}
	var count struct {
		N int `json:"registration_applications"`
	}
	s.Do(http.MethodGet, "/admin/registration_application/count", rootToken, nil).Decode(t, &count)
	if count.N != 2 {
		t.Errorf("pending applications: %d", count.N)
	}
	type view struct {
		RegistrationApplication struct {
			ID          int64   `json:"id"`
			LocalUserID int64   `json:"local_user_id"`
			Answer      string  `json:"answer"`
			DenyReason  *string `json:"deny_reason"`
		} `json:"registration_application"`
		CreatorLocalUser struct {
			AcceptedApplication bool `json:"accepted_application"`
		} `json:"creator_local_user"`
		Creator struct {
			Name string `json:"name"`
		} `json:"creator"`
	}
	var list struct {
		Apps []view `json:"registration_applications"`
	}
	resp := s.Do(http.MethodGet, "/admin/registration_application/list?unread_only=true&limit=1&page=2", rootToken, nil)
	resp.Decode(t, &list)
	if resp.Status != http.StatusOK || len(list.Apps) != 1 || list.Apps[0].Creator.Name != "eve" ||
		list.Apps[0].RegistrationApplication.Answer != "to read eve" {
		t.Fatalf("the second page of one: %d %s", resp.Status, resp.Body)
	}
	eve := list.Apps[0].RegistrationApplication
	s.WantErrors(t, []apitest.Call{
		apitest.Refusal("not an admin lists", http.MethodGet, "/admin/registration_application/list", aliceToken, nil, "not_an_admin"),
		apitest.Refusal("not an admin counts", http.MethodGet, "/admin/registration_application/count", aliceToken, nil, "not_an_admin"),
		apitest.Refusal("not an admin reads one", http.MethodGet, "/admin/registration_application?person_id="+itoa(eve.LocalUserID), aliceToken, nil, "not_an_admin"),
		apitest.Refusal("not an admin approves", http.MethodPut, "/admin/registration_application/approve", aliceToken, map[string]any{"id": eve.ID, "approve": true}, "not_an_admin"),
		apitest.Refusal("an unknown application", http.MethodPut, "/admin/registration_application/approve", rootToken, map[string]any{"id": 99999, "approve": true}, "couldnt_find_registration_application"),
		apitest.Refusal("a denial without a reason", http.MethodPut, "/admin/registration_application/approve", rootToken, map[string]any{"id": eve.ID, "approve": false}, "couldnt_update_user"),
		apitest.Refusal("a huge limit", http.MethodGet, "/admin/registration_application/list?limit=51", rootToken, nil, "too_many_items"),
		apitest.Refusal("nobody's application", http.MethodGet, "/admin/registration_application?person_id=99999", rootToken, nil, "couldnt_find_registration_application"),
	})
	var one struct {
		App view `json:"registration_application"`
	}
	resp = s.Do(http.MethodPut, "/admin/registration_application/approve", rootToken, map[string]any{"id": eve.ID, "approve": true})
	resp.Decode(t, &one)
	if resp.Status != http.StatusOK || !one.App.CreatorLocalUser.AcceptedApplication {
		t.Fatalf("approve: %d %s", resp.Status, resp.Body)
	}
	s.Login("eve")
	resp = s.Do(http.MethodGet, "/admin/registration_application?person_id="+itoa(eve.LocalUserID), rootToken, nil)
	resp.Decode(t, &one)
	if resp.Status != http.StatusOK || one.App.Creator.Name != "eve" {
		t.Fatalf("read one: %d %s", resp.Status, resp.Body)
	}
	s.Do(http.MethodGet, "/admin/registration_application/count", rootToken, nil).Decode(t, &count)
	if count.N != 1 {
		t.Errorf("pending after one approval: %d", count.N)
	}
}
