package site_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/api/apitest"
	"github.com/tidings/tidings/internal/api/model"
)

func TestSiteAnonymousAndLoggedIn(t *testing.T) {
	s := apitest.Start(t)
	ctx := context.Background()
	alice := s.User("alice")
	if _, err := s.Forum.PromoteUser(ctx, "alice"); err != nil {
		t.Fatal(err)
	}
	news := s.Community("news")
	if err := s.Forum.Subscribe(ctx, alice, news.ID); err != nil {
		t.Fatal(err)
	}

	var anon model.GetSiteResponse
	resp := s.Do(http.MethodGet, "/site", "", nil)
	resp.Decode(t, &anon)
	if resp.Status != http.StatusOK || anon.MyUser != nil || anon.Version == "" {
		t.Fatalf("anonymous: %d %s", resp.Status, resp.Body)
	}
	if len(anon.Admins) != 1 || anon.Admins[0].Person.Name != "alice" || !anon.Admins[0].IsAdmin {
		t.Errorf("admins = %+v; want alice", anon.Admins)
	}
	if anon.SiteView.LocalSite.RegistrationMode != "Open" || anon.SiteView.LocalSite.CaptchaEnabled {
		t.Errorf("local_site = %+v; want open registration without captcha", anon.SiteView.LocalSite)
	}
	if anon.SiteView.Counts.Communities != 1 || anon.SiteView.Counts.Users != 1 {
		t.Errorf("counts = %+v; want 1 community, 1 user", anon.SiteView.Counts)
	}
	if len(anon.AllLanguages) == 0 || anon.AllLanguages[0].Code != "und" || anon.AllLanguages[0].ID != 0 {
		t.Errorf("all_languages starts %+v; want und as 0", anon.AllLanguages[:1])
	}

	var mine model.GetSiteResponse
	resp = s.Do(http.MethodGet, "/site", s.Login("alice"), nil)
	resp.Decode(t, &mine)
	if mine.MyUser == nil {
		t.Fatalf("logged in: no my_user in %s", resp.Body)
	}
	my := mine.MyUser
	if my.LocalUserView.Person.Name != "alice" || !my.LocalUserView.LocalUser.Admin {
		t.Errorf("my_user is %+v", my.LocalUserView)
	}
	if len(my.Follows) != 1 || my.Follows[0].Community.Name != "news" || my.Follows[0].Follower.ID != alice.ID {
		t.Errorf("follows = %+v; want news", my.Follows)
	}
	if my.CommunityBlocks == nil || my.PersonBlocks == nil || my.InstanceBlocks == nil || my.Moderates == nil {
		t.Errorf("lists must be [] rather than null: %s", resp.Body)
	}
}
