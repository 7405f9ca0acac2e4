package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/store"
)

func TestUpsertRemotePersonInsertsThenUpdates(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	np := remotePerson(f.remote.ID, remoteDomain, "dana")
	np.DisplayName, np.BioHTML, np.AvatarURL = "Dana", "<p>hi</p>", "https://remote.example/a.png"
	np.SharedInboxURL = "https://remote.example/inbox"

	first, err := f.st.UpsertRemotePerson(f.ctx, np)
	if err != nil {
		t.Fatalf("first upsert: %v", err)
	}
	if first.Local || first.DisplayName != "Dana" || first.AvatarURL != np.AvatarURL ||
		first.SharedInboxURL != np.SharedInboxURL || first.Updated != nil {
		t.Errorf("first upsert = %+v", first)
	}

	// Age the row so that the refresh is visible.
	if _, err := f.pool.Exec(f.ctx, `UPDATE people SET last_refreshed_at = now() - interval '2 days' WHERE id = $1`,
		first.ID); err != nil {
		t.Fatal(err)
	}
	np.DisplayName, np.Bot, np.AvatarURL, np.PublicKeyPEM = "Dana D.", true, "", "-----BEGIN PUBLIC KEY-----\nBBBB\n-----END PUBLIC KEY-----\n"
	second, err := f.st.UpsertRemotePerson(f.ctx, np)
	if err != nil {
		t.Fatalf("second upsert: %v", err)
	}
	if second.ID != first.ID {
		t.Fatalf("second upsert made a new row %d, want %d", second.ID, first.ID)
	}
	if second.DisplayName != "Dana D." || !second.Bot || second.AvatarURL != "" || second.PublicKeyPEM != np.PublicKeyPEM {
		t.Errorf("second upsert = %+v", second)
	}
	if second.Updated == nil {
		t.Errorf("updated not set after a change")
	}
	if time.Since(second.LastRefreshedAt) > time.Minute {
		t.Errorf("last_refreshed_at = %v, want now", second.LastRefreshedAt)
	}

	// The same data again: refreshed, but updated stays.
	third, err := f.st.UpsertRemotePerson(f.ctx, np)
	if err != nil {
		t.Fatalf("third upsert: %v", err)
	}
	if third.Updated == nil || !third.Updated.Equal(*second.Updated) {
		t.Errorf("updated = %v after an unchanged upsert, want %v", third.Updated, second.Updated)
	}
}

func TestUpsertRemotePersonNeverTouchesLocal(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice := f.person("alice")

	np := remotePerson(f.remote.ID, remoteDomain, "alice")
	np.APID = alice.APID // a remote document claiming our id
	np.DisplayName = "Mallory"
	if _, err := f.st.UpsertRemotePerson(f.ctx, np); !errors.Is(err, store.ErrLocalActor) {
		t.Errorf("upsert over a local person: err = %v, want ErrLocalActor", err)
	}
	got, err := f.st.PersonByID(f.ctx, alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DisplayName != alice.DisplayName || got.InstanceID != alice.InstanceID || got.PrivateKeyPEM == "" {
		t.Errorf("local person changed: %+v", got)
	}

	local := localPerson(f.local.ID, "bob")
	if _, err := f.st.UpsertRemotePerson(f.ctx, local); !errors.Is(err, store.ErrLocalActor) {
		t.Errorf("upsert of a local NewPerson: err = %v, want ErrLocalActor", err)
	}
}

func TestUpsertRemoteCommunityKeepsActivity(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	id := "https://" + remoteDomain + "/c/news"
	nc := store.NewCommunity{
		APID: id, InstanceID: f.remote.ID, Name: "news", Title: "News", DescriptionHTML: "<p>all</p>",
		InboxURL: id + "/inbox", FollowersURL: id + "/followers", ModeratorsURL: id + "/moderators",
		PublicKeyPEM: dummyPublicPEM, NSFW: true,
	}
	first, err := f.st.UpsertRemoteCommunity(f.ctx, nc)
	if err != nil {
		t.Fatalf("first upsert: %v", err)
	}
	if first.Local || first.Title != "News" || !first.NSFW || first.ModeratorsURL != nc.ModeratorsURL {
		t.Errorf("first upsert = %+v", first)
	}
	if _, err := f.pool.Exec(f.ctx, `UPDATE communities SET users_active_month = 42 WHERE id = $1`, first.ID); err != nil {
		t.Fatal(err)
	}

	nc.Title, nc.NSFW, nc.PostingRestrictedToMods, nc.FeaturedURL = "World news", false, true, id+"/featured"
	second, err := f.st.UpsertRemoteCommunity(f.ctx, nc)
	if err != nil {
		t.Fatalf("second upsert: %v", err)
	}
	if second.ID != first.ID || second.Title != "World news" || second.NSFW || !second.PostingRestrictedToMods ||
		second.FeaturedURL != nc.FeaturedURL || second.UsersActiveMonth != 42 || second.Updated == nil {
		t.Errorf("second upsert = %+v", second)
	}

	local := f.community("home")
	nc.APID, nc.Name = local.APID, "home"
	if _, err := f.st.UpsertRemoteCommunity(f.ctx, nc); !errors.Is(err, store.ErrLocalActor) {
		t.Errorf("upsert over a local community: err = %v, want ErrLocalActor", err)
	}
}

func TestActorByAPID(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.remotePerson("erin")
	c := f.remoteCommunity("tech")

	got, err := f.st.ActorByAPID(f.ctx, p.APID)
	if err != nil || got.Kind != "person" || got.ID != p.ID || got.Domain != remoteDomain || got.InboxURL != p.InboxURL {
		t.Errorf("ActorByAPID(person) = %+v, %v", got, err)
	}
	got, err = f.st.ActorByAPID(f.ctx, c.APID)
	if err != nil || got.Kind != "community" || got.ID != c.ID || got.PublicKeyPEM != dummyPublicPEM {
		t.Errorf("ActorByAPID(community) = %+v, %v", got, err)
	}
	if err := f.st.SetInstanceBlocked(f.ctx, remoteDomain, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.st.ActorByAPID(f.ctx, c.APID); !got.InstanceBlocked {
		t.Errorf("InstanceBlocked = false after blocking the instance")
	}
	if _, err := f.st.ActorByAPID(f.ctx, "https://remote.example/u/nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ActorByAPID(unknown): err = %v, want ErrNotFound", err)
	}
}
