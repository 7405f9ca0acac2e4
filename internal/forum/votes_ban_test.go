package forum_test

import (
	"context"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// A person banned from a community may not vote or change their content
// there, though they may elsewhere.
func TestCommunityBanStopsVotesAndEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	alice := e.createUser("alice")
	c, err := e.svc.CreateCommunity(ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	bob := e.createUser("bob")
	p, err := e.svc.CreatePost(ctx, bob, forum.PostInput{CommunityID: c.ID, Title: "Before the ban"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.BanFromCommunity(ctx, c.ID, bob.ID, "spam"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.VotePost(ctx, bob, p.ID, -1); !forum.IsInputError(err) {
		t.Errorf("banned vote: %v", err)
	}
	if _, err := e.svc.EditPost(ctx, bob, p.ID, forum.PostInput{Title: "After the ban"}); !forum.IsInputError(err) {
		t.Errorf("banned edit: %v", err)
	}
	if _, err := e.svc.VotePost(ctx, alice, p.ID, 1); err != nil {
		t.Errorf("alice's vote: %v", err)
	}
	got, _ := e.st.PostByID(ctx, p.ID)
	if got.Title != "Before the ban" || got.Score != 2 {
		t.Errorf("post now %q with score %d, want the old title and 2", got.Title, got.Score)
	}
}
