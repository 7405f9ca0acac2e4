package forum_test

import (
	"errors"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// A refusal is both its kind, for the API's codes, and the sentence and
// type the pages show, unchanged.
func TestRefusalKinds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	alice, bob := e.createUser("alice"), e.createUser("bob")
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.svc.CreatePost(e.ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "A post"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Moderate(e.ctx, alice, forum.Moderation{Kind: forum.ModLock, Target: forum.Target{PostID: p.ID}}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.CreateComment(e.ctx, bob, p.ID, 0, "hello")
	if !errors.Is(err, forum.ErrLocked) || err.Error() != "this post is locked; it takes no more replies" {
		t.Errorf("a reply to a locked post: %v", err)
	}
	inputError(t, "a reply to a locked post", err, "")

	_, err = e.svc.EditPost(e.ctx, bob, p.ID, forum.PostInput{Title: "Mine now"})
	if !errors.Is(err, forum.ErrNotAuthor) || errors.Is(err, forum.ErrLocked) {
		t.Errorf("someone else's edit: %v", err)
	}

	err = e.svc.Moderate(e.ctx, bob, forum.Moderation{Kind: forum.ModRemove, Target: forum.Target{PostID: p.ID}})
	if !errors.Is(err, forum.ErrNotModerator) || !errors.Is(err, forum.ErrForbidden) ||
		err.Error() != "only the moderators of News and the site's admins may do this: not permitted" {
		t.Errorf("a stranger's removal: %v", err)
	}

	err = e.svc.Moderate(e.ctx, alice, forum.Moderation{Kind: forum.ModLock, Target: forum.Target{PostID: p.ID}})
	if !errors.Is(err, forum.ErrUnchanged) {
		t.Errorf("locking a locked post: %v", err)
	}
}
