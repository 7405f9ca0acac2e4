package store_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/store"
)

func TestInsertCommunityStoresWhatWasGiven(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	nc := localCommunity(f.local.ID, "golang")
	nc.Description, nc.DescriptionHTML, nc.NSFW = "**Go**", "<p><strong>Go</strong></p>", true
	c, err := f.st.InsertCommunity(f.ctx, nc)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "golang" || c.Title != nc.Title || c.Domain != localDomain || !c.Local || !c.NSFW ||
		c.DescriptionHTML != nc.DescriptionHTML || c.APID != nc.APID || c.Subscribers != 0 || c.Posts != 0 {
		t.Errorf("stored community = %+v", c)
	}
	if c.OutboxURL != "" || c.SharedInboxURL != "" {
		t.Errorf("unset URLs read back as %q, %q; want empty", c.OutboxURL, c.SharedInboxURL)
	}
	byName, err := f.st.LocalCommunityByName(f.ctx, "GoLang")
	if err != nil || byName.ID != c.ID {
		t.Errorf("LocalCommunityByName(GoLang) = %d, %v; want %d", byName.ID, err, c.ID)
	}
	byAPID, err := f.st.CommunityByAPID(f.ctx, nc.APID)
	if err != nil || byAPID.ID != c.ID {
		t.Errorf("CommunityByAPID = %d, %v; want %d", byAPID.ID, err, c.ID)
	}
}

func TestInsertCommunityConflictsOnNameInAnyCase(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.community("news")
	nc := localCommunity(f.local.ID, "NEWS")
	nc.APID += "-2"
	if _, err := f.st.InsertCommunity(f.ctx, nc); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second 'NEWS': err = %v, want ErrConflict", err)
	}
	// The same name on another instance is another community.
	remote := f.remoteCommunity("news")
	if remote.Local || remote.Domain != remoteDomain {
		t.Errorf("remote news: local %v, domain %q", remote.Local, remote.Domain)
	}
	all, err := f.st.ListCommunities(f.ctx, false, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || !all[0].Local || all[1].Local {
		t.Errorf("ListCommunities = %v, want local news then remote news", communityNames(all))
	}
}

func TestInsertCommunityRefusesBadTitle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, title := range []string{"", strings.Repeat("t", 256)} {
		nc := localCommunity(f.local.ID, "c")
		nc.Title = title
		if _, err := f.st.InsertCommunity(f.ctx, nc); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("title of %d characters: err = %v, want ErrInvalid", len(title), err)
		}
	}
	if got, _ := f.st.ListCommunities(f.ctx, false, true); len(got) != 0 {
		t.Errorf("refused communities were stored: %v", communityNames(got))
	}
}

func TestCommunityLookupsOfUnknownReturnErrNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.community("real")
	checks := map[string]error{}
	_, checks["CommunityByID"] = f.st.CommunityByID(f.ctx, c.ID+1000)
	_, checks["CommunityByAPID"] = f.st.CommunityByAPID(f.ctx, "https://nowhere.example/c/x")
	_, checks["LocalCommunityByName"] = f.st.LocalCommunityByName(f.ctx, "unreal")
	checks["SetCommunityDeleted"] = f.st.SetCommunityDeleted(f.ctx, c.ID+1000, true)
	checks["DeleteFollow"] = f.st.DeleteFollow(f.ctx, c.ID, 987654)
	_, checks["GetFollow"] = f.st.GetFollow(f.ctx, c.ID, 987654)
	checks["AddModerator(unknown person)"] = f.st.AddModerator(f.ctx, c.ID, 987654)
	checks["UpsertFollow(unknown community)"] = f.st.UpsertFollow(f.ctx, c.ID+1000, 1, store.FollowAccepted, "")
	for name, err := range checks {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", name, err)
		}
	}
}

func TestModeratorsInOrderAdded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.community("mods")
	zed, amy := f.person("zed"), f.remotePerson("amy")
	for _, p := range []store.Person{zed, amy, zed} { // adding twice is harmless
		if err := f.st.AddModerator(f.ctx, c.ID, p.ID); err != nil {
			t.Fatalf("add moderator %s: %v", p.Name, err)
		}
	}
	mods, err := f.st.Moderators(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) != 2 || mods[0].ID != zed.ID || mods[1].ID != amy.ID {
		t.Errorf("Moderators = %v, want [zed amy]", personNames(mods))
	}
	if ok, err := f.st.IsModerator(f.ctx, c.ID, amy.ID); err != nil || !ok {
		t.Errorf("IsModerator(amy) = %v, %v; want true", ok, err)
	}
	if err := f.st.RemoveModerator(f.ctx, c.ID, zed.ID); err != nil {
		t.Fatal(err)
	}
	if ok, err := f.st.IsModerator(f.ctx, c.ID, zed.ID); err != nil || ok {
		t.Errorf("IsModerator(zed) after removal = %v, %v; want false", ok, err)
	}
}

func TestSubscribersCountOnlyAcceptedFollows(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.community("follows")
	ann, ben := f.person("ann"), f.remotePerson("ben")
	must(t, f.st.UpsertFollow(f.ctx, c.ID, ann.ID, store.FollowAccepted, ""))
	must(t, f.st.UpsertFollow(f.ctx, c.ID, ben.ID, store.FollowPending, "https://remote.example/activities/follow/1"))
	if got := f.subscribers(c.ID); got != 1 {
		t.Errorf("subscribers with one pending = %d, want 1", got)
	}
	// Accept keeps the Follow's id, which an Undo refers to.
	must(t, f.st.UpsertFollow(f.ctx, c.ID, ben.ID, store.FollowAccepted, ""))
	if got := f.subscribers(c.ID); got != 2 {
		t.Errorf("subscribers after accept = %d, want 2", got)
	}
	fo, err := f.st.GetFollow(f.ctx, c.ID, ben.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fo.State != store.FollowAccepted || fo.FollowAPID != "https://remote.example/activities/follow/1" {
		t.Errorf("ben's follow = %+v", fo)
	}
	inboxes, err := f.st.FollowerInboxes(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(inboxes, []string{ben.InboxURL}) {
		t.Errorf("FollowerInboxes = %v, want only the remote follower's %q", inboxes, ben.InboxURL)
	}
	// Nothing goes to an instance we do not federate with.
	must(t, f.st.SetInstanceBlocked(f.ctx, ben.Domain, true))
	if inboxes, err := f.st.FollowerInboxes(f.ctx, c.ID); err != nil || len(inboxes) != 0 {
		t.Errorf("FollowerInboxes with the follower's instance blocked = %v, %v", inboxes, err)
	}
	must(t, f.st.SetInstanceBlocked(f.ctx, ben.Domain, false))
	must(t, f.st.DeleteFollow(f.ctx, c.ID, ann.ID))
	if got := f.subscribers(c.ID); got != 1 {
		t.Errorf("subscribers after unfollow = %d, want 1", got)
	}
}

func TestDeletedCommunityHiddenFromListUntilRestored(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a := f.community("alpha")
	f.community("beta")
	f.remoteCommunity("gamma")
	must(t, f.st.SetCommunityDeleted(f.ctx, a.ID, true))

	visible, err := f.st.ListCommunities(f.ctx, false, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := communityNames(visible); !slices.Equal(got, []string{"beta", "gamma"}) {
		t.Errorf("visible = %v, want [beta gamma]", got)
	}
	all, _ := f.st.ListCommunities(f.ctx, false, true)
	if got := communityNames(all); !slices.Equal(got, []string{"alpha", "beta", "gamma"}) {
		t.Errorf("with deleted = %v, want [alpha beta gamma]", got)
	}
	local, _ := f.st.ListCommunities(f.ctx, true, true)
	if got := communityNames(local); !slices.Equal(got, []string{"alpha", "beta"}) {
		t.Errorf("local only = %v, want [alpha beta]", got)
	}
	must(t, f.st.SetCommunityDeleted(f.ctx, a.ID, false))
	visible, _ = f.st.ListCommunities(f.ctx, false, false)
	if len(visible) != 3 {
		t.Errorf("after restore %v, want all three", communityNames(visible))
	}
}

func TestCommunityPostsCountsVisiblePosts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.community("counted")
	p := f.person("poster")
	first := f.post(p, c, postOpts{})
	f.post(p, c, postOpts{})
	must(t, f.st.SetPostFlags(f.ctx, first.ID, store.PostFlags{Removed: ptr(true)}))
	got, err := f.st.CommunityByID(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, err = f.st.WithCounts(f.ctx, got); err != nil {
		t.Fatal(err)
	}
	if got.Posts != 1 {
		t.Errorf("posts = %d, want 1 (one of two removed)", got.Posts)
	}
}

func (f *fixture) subscribers(communityID int64) int64 {
	f.t.Helper()
	c, err := f.st.CommunityByID(f.ctx, communityID)
	if err != nil {
		f.t.Fatalf("CommunityByID: %v", err)
	}
	if c, err = f.st.WithCounts(f.ctx, c); err != nil {
		f.t.Fatalf("WithCounts: %v", err)
	}
	return c.Subscribers
}

func communityNames(cs []store.Community) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

func personNames(ps []store.Person) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
