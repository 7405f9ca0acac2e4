package forum_test

import (
	"errors"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// A person blocked by another reaches them no more: their replies and
// mentions notify nothing, a notification from before the block leaves
// the inbox (and comes back with the undo), and a message is refused.
func TestBlockedPeopleDoNotReachTheirBlocker(t *testing.T) {
	t.Parallel()
	w := newModWorld(t) // bob's post, carl's top-level comment on it
	w.wantInbox(w.bob, 1, "reply by carl: A post")

	if _, err := w.svc.BlockPerson(w.ctx, w.bob, "carl", true); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.bob, 0)
	if _, err := w.svc.CreateComment(w.ctx, w.carl, w.post.ID, 0, "another one, @bob"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.CreatePost(w.ctx, w.carl, forum.PostInput{CommunityID: w.c.ID, Title: "Hey @bob"}); err != nil {
		t.Fatal(err)
	}
	_, err := w.svc.SendPrivateMessage(w.ctx, w.carl, w.bob.ID, "why block me?")
	if !errors.Is(err, forum.ErrForbidden) {
		t.Errorf("a message to someone who blocks the sender: %v, want a refusal", err)
	}
	var stored int
	if err := w.st.PgxPool().QueryRow(w.ctx, `SELECT count(*) FROM private_messages`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != 0 {
		t.Errorf("%d messages stored, want none", stored)
	}
	// Others still hear from carl, and bob's undo brings back the old one.
	if _, err := w.svc.CreateComment(w.ctx, w.carl, w.post.ID, 0, "@mia, look"); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.mia, 1, "mention by carl: A post")
	if _, err := w.svc.BlockPerson(w.ctx, w.bob, "carl", false); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.bob, 1, "reply by carl: A post")
}
