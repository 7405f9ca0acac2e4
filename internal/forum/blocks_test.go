package forum_test

import (
	"errors"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

func TestBlocksRefuseWhatCannotBeBlocked(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	alice, bob := e.createUser("alice"), e.createUser("bob")
	admin, err := e.svc.CreateUser(e.ctx, forum.NewUser{Name: "root", Password: "correct horse battery", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.UpsertInstance(e.ctx, "far.example"); err != nil {
		t.Fatal(err)
	}

	_, err = e.svc.BlockPerson(e.ctx, alice, "alice", true)
	inputError(t, "block oneself", err, "")
	_, err = e.svc.BlockPerson(e.ctx, alice, admin.Name, true)
	inputError(t, "block an admin", err, "")
	if _, err := e.svc.BlockPerson(e.ctx, alice, "nobody", true); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("block nobody: %v, want ErrNotFound", err)
	}
	if _, err := e.svc.BlockCommunity(e.ctx, alice, "nothing", true); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("block no community: %v, want ErrNotFound", err)
	}
	_, err = e.svc.BlockInstanceFor(e.ctx, alice, host, true)
	inputError(t, "block this instance", err, "host")
	_, err = e.svc.BlockInstanceFor(e.ctx, alice, "not a host", true)
	inputError(t, "block a malformed host", err, "host")
	if _, err := e.svc.BlockInstanceFor(e.ctx, alice, "never.example", true); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("block an unknown instance: %v, want ErrNotFound", err)
	}
	b, err := e.svc.BlocksOf(e.ctx, alice)
	if err != nil || len(b.People)+len(b.Communities)+len(b.Instances) != 0 {
		t.Fatalf("after refusals alice blocks %+v (%v), want nothing", b, err)
	}

	// What can be blocked is, once however often, and tells BlocksSender.
	for range 2 {
		if _, err := e.svc.BlockPerson(e.ctx, alice, "BOB", true); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.BlockInstanceFor(e.ctx, alice, "Far.Example", true); err != nil {
			t.Fatal(err)
		}
	}
	b, err = e.svc.BlocksOf(e.ctx, alice)
	if err != nil || len(b.People) != 1 || b.People[0].ID != bob.ID || len(b.Instances) != 1 || b.Instances[0].Domain != "far.example" {
		t.Errorf("alice's blocks: %+v, %v", b, err)
	}
	if blocked, err := e.svc.BlocksSender(e.ctx, alice.ID, bob.ID); err != nil || !blocked {
		t.Errorf("alice blocks bob: %v, %v", blocked, err)
	}
	if blocked, err := e.svc.BlocksSender(e.ctx, bob.ID, alice.ID); err != nil || blocked {
		t.Errorf("bob blocks alice: %v, %v", blocked, err)
	}
	u, err := e.st.LocalUserByID(e.ctx, alice.ID)
	if err != nil || !u.HasBlocks {
		t.Errorf("alice's account has no blocks: %v", err)
	}
}

func TestSaveAndReadingRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	alice := e.createUser("alice")
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "news", Title: "News"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.svc.CreatePost(e.ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "Soon gone"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.DeletePost(e.ctx, alice, p.ID, true); err != nil {
		t.Fatal(err)
	}
	inputError(t, "save a deleted post", e.svc.SavePost(e.ctx, alice, p.ID, true), "")
	if err := e.svc.SavePost(e.ctx, alice, 424242, true); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("save no post: %v, want ErrNotFound", err)
	}
	if err := e.svc.SaveComment(e.ctx, alice, 424242, true); !errors.Is(err, forum.ErrNotFound) {
		t.Errorf("save no comment: %v, want ErrNotFound", err)
	}
	page, err := e.st.ListSaved(e.ctx, alice.ID, store.SavedCursor{}, 20)
	if err != nil || len(page.Items) != 0 {
		t.Errorf("saved after refusals: %d, %v; want none", len(page.Items), err)
	}

	err = e.svc.UpdateReading(e.ctx, alice, forum.ReadingSettings{Languages: []string{"de", "xx"}})
	inputError(t, "an unknown language", err, "languages")
	u, _ := e.st.LocalUserByID(e.ctx, alice.ID)
	if !u.ShowScores || u.DiscussionLanguages != "" {
		t.Errorf("a refused change saved something: %+v", u.Reading)
	}
	if err := e.svc.UpdateReading(e.ctx, alice, forum.ReadingSettings{ShowScores: true, BotAccount: true,
		Languages: []string{"de", "und", "fr", "de"}}); err != nil {
		t.Fatal(err)
	}
	u, _ = e.st.LocalUserByID(e.ctx, alice.ID)
	if u.DiscussionLanguages != "de,fr" || !u.Bot || u.ShowReadPosts {
		t.Errorf("saved reading: languages %q, bot %v, show read %v", u.DiscussionLanguages, u.Bot, u.ShowReadPosts)
	}
}
