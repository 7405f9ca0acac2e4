package forum_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// inbox is what a person's inbox lists, newest first, as "kind by actor:
// post title", and the unread count in their header.
func (e *env) inbox(u store.LocalUser) ([]string, int) {
	e.t.Helper()
	ns, _, err := e.svc.Notifications(e.ctx, u, forum.NotificationQuery{})
	if err != nil {
		e.t.Fatalf("Notifications(%s): %v", u.Name, err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, fmt.Sprintf("%s by %s: %s", n.Kind, n.ActorName, n.PostTitle))
	}
	unread, err := e.svc.UnreadCount(e.ctx, u)
	if err != nil {
		e.t.Fatalf("UnreadCount(%s): %v", u.Name, err)
	}
	return out, unread
}

func (e *env) wantInbox(u store.LocalUser, unread int, want ...string) {
	e.t.Helper()
	got, n := e.inbox(u)
	if !slices.Equal(got, want) {
		e.t.Errorf("%s's inbox = %q, want %q", u.Name, got, want)
	}
	if n != unread {
		e.t.Errorf("%s's unread count = %d, want %d", u.Name, n, unread)
	}
}

// A reply notifies the author of what it replies to, the post's for a
// top-level comment and the parent comment's otherwise; nobody is told of
// their own reply.
func TestReplyNotifiesTheParentsAuthor(t *testing.T) {
	t.Parallel()
	w := newModWorld(t) // bob's post, carl's top-level comment on it
	w.wantInbox(w.bob, 1, "reply by carl: A post")

	if _, err := w.svc.CreateComment(w.ctx, w.bob, w.post.ID, w.comment.ID, "thanks, carl"); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.carl, 1, "reply by bob: A post")
	w.wantInbox(w.bob, 1, "reply by carl: A post") // not of his own reply

	if _, err := w.svc.CreateComment(w.ctx, w.carl, w.post.ID, w.comment.ID, "talking to myself"); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.carl, 1, "reply by bob: A post")
	w.wantInbox(w.mia, 0)
}

// Mentions, bare (@mia) or with our host in any spelling, notify the
// local person named in a post or a comment, once however often named;
// a mention of someone on another server, or of nobody, notifies nobody
// here, and one in code does not count.
func TestMentionsNotifyLocalPeople(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	dora := w.createUser("dora")
	if _, err := w.svc.CreatePost(w.ctx, w.carl, forum.PostInput{CommunityID: w.c.ID, Title: "Asking",
		Body: "@mia and @Dora@TEST.example., also @mia again, `@bob` and @bob@elsewhere.example, @nobody"}); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.mia, 1, "mention by carl: Asking")
	w.wantInbox(dora, 1, "mention by carl: Asking")
	w.wantInbox(w.bob, 1, "reply by carl: A post") // only the reply of newModWorld

	if _, err := w.svc.CreateComment(w.ctx, w.mia, w.post.ID, w.comment.ID, "@dora@test.example see this, and @mia"); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(dora, 2, "mention by mia: A post", "mention by carl: Asking")
	w.wantInbox(w.mia, 1, "mention by carl: Asking") // not by her own mention
}

// A reply that also names the person it replies to notifies them once, as
// a reply; an edit that adds a mention notifies once, and editing again
// notifies nobody twice.
func TestNotificationsAreNotDoubled(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	dora := w.createUser("dora")
	reply, err := w.svc.CreateComment(w.ctx, w.bob, w.post.ID, w.comment.ID, "@carl you are right")
	if err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.carl, 1, "reply by bob: A post")
	for range 2 {
		if _, err := w.svc.EditComment(w.ctx, w.bob, reply.ID, "@carl you are right, and @dora agrees"); err != nil {
			t.Fatal(err)
		}
	}
	w.wantInbox(dora, 1, "mention by bob: A post")
	w.wantInbox(w.carl, 1, "reply by bob: A post")

	if _, err := w.svc.EditPost(w.ctx, w.bob, w.post.ID, forum.PostInput{Title: "A post", Body: "cc @dora"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.EditPost(w.ctx, w.bob, w.post.ID, forum.PostInput{Title: "A post", Body: "cc @dora, twice"}); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(dora, 2, "mention by bob: A post", "mention by bob: A post")
}

// A removed or deleted comment leaves the inbox and the count while it is
// removed, and comes back when restored.
func TestRemovedCommentsLeaveTheInbox(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	w.wantInbox(w.bob, 1, "reply by carl: A post")
	if err := w.svc.RemoveContent(w.ctx, w.mia, forum.Target{CommentID: w.comment.ID}, true, "rude"); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.bob, 0)
	if err := w.svc.RemoveContent(w.ctx, w.mia, forum.Target{CommentID: w.comment.ID}, false, "on appeal"); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.bob, 1, "reply by carl: A post")
	if err := w.svc.DeleteComment(w.ctx, w.carl, w.comment.ID, true); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.bob, 0)
}

// Marking read: one, then all; someone else's notification is not found
// and stays unread.
func TestMarkNotificationsRead(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	if _, err := w.svc.CreateComment(w.ctx, w.mia, w.post.ID, 0, "second"); err != nil {
		t.Fatal(err)
	}
	ns, _, err := w.svc.Notifications(w.ctx, w.bob, forum.NotificationQuery{})
	if err != nil || len(ns) != 2 {
		t.Fatalf("bob's notifications: %d, %v; want 2", len(ns), err)
	}
	err = w.svc.MarkNotificationRead(w.ctx, w.carl, ns[0].ID, true)
	if !forum.IsInputError(err) {
		t.Errorf("carl marks bob's notification read: %v, want not found", err)
	}
	w.wantInbox(w.bob, 2, "reply by mia: A post", "reply by carl: A post")

	if err := w.svc.MarkNotificationRead(w.ctx, w.bob, ns[0].ID, true); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.bob, 1, "reply by mia: A post", "reply by carl: A post")
	unread, _, err := w.svc.Notifications(w.ctx, w.bob, forum.NotificationQuery{UnreadOnly: true})
	if err != nil || len(unread) != 1 || unread[0].ID != ns[1].ID {
		t.Errorf("bob's unread: %+v, %v; want carl's reply alone", unread, err)
	}
	if err := w.svc.MarkAllNotificationsRead(w.ctx, w.bob); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.bob, 0, "reply by mia: A post", "reply by carl: A post")
	if _, _, err := w.svc.Notifications(w.ctx, w.bob, forum.NotificationQuery{Kind: "votes"}); !forum.IsInputError(err) {
		t.Errorf("a kind that does not exist: %v, want an input error", err)
	}
}

// Remote content notifies from its Create, by the ids of the people it
// names; the same Create again, a fetch of it, or a comment fetched before
// its Create arrived notify once. A remote bot's notifications are left
// out for a person who chose so.
func TestRemoteContentNotifies(t *testing.T) {
	t.Parallel()
	w := newModWorld(t)
	remote, err := w.st.UpsertInstance(w.ctx, "remote.example")
	if err != nil {
		t.Fatal(err)
	}
	publicPEM, _, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	rita, err := w.st.UpsertRemotePerson(w.ctx, store.NewPerson{APID: "https://remote.example/u/rita", InstanceID: remote.ID,
		Name: "rita", InboxURL: "https://remote.example/u/rita/inbox", PublicKeyPEM: publicPEM})
	if err != nil {
		t.Fatal(err)
	}
	robot, err := w.st.UpsertRemotePerson(w.ctx, store.NewPerson{APID: "https://remote.example/u/robot", InstanceID: remote.ID,
		Name: "robot", Bot: true, InboxURL: "https://remote.example/u/robot/inbox", PublicKeyPEM: publicPEM})
	if err != nil {
		t.Fatal(err)
	}
	mia := "https://" + host + "/u/mia"
	reply := forum.RemoteComment{APID: "https://remote.example/comment/1", PostID: w.post.ID, ParentID: w.comment.ID,
		BodyHTML: "<p>hi</p>", Mentions: []string{mia, "https://remote.example/u/rita", "https://" + host + "/c/news"}}
	if _, err := w.svc.CreateRemoteComment(w.ctx, "", rita.ID, reply, nil); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.carl, 0) // fetched: its Create is yet to come
	for range 2 {
		_, err := w.svc.CreateRemoteComment(w.ctx, "https://remote.example/activities/create/1", rita.ID, reply, nil)
		if err != nil && !errors.Is(err, forum.ErrDuplicate) {
			t.Fatal(err)
		}
	}
	w.wantInbox(w.carl, 1, "reply by rita: A post")
	w.wantInbox(w.mia, 1, "mention by rita: A post")

	post := forum.RemotePost{APID: "https://remote.example/post/1", CommunityID: w.c.ID, Title: "Beep", Mentions: []string{mia}}
	if _, err := w.svc.CreateRemotePost(w.ctx, "https://remote.example/activities/create/2", robot.ID, post, nil); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.mia, 2, "mention by robot: Beep", "mention by rita: A post")
	mu, err := w.svc.User(w.ctx, "mia")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.svc.SetHideBotNotifications(w.ctx, mu, true); err != nil {
		t.Fatal(err)
	}
	w.wantInbox(w.mia, 1, "mention by rita: A post")

	// An edit that adds a mention notifies the one newly named.
	dora := w.createUser("dora")
	err = w.svc.RemoteUpdate(w.ctx, "https://remote.example/activities/update/1", rita.ID,
		forum.Target{PostID: w.post.ID, CommentID: mustComment(t, w.env, reply.APID)},
		forum.RemoteEdit{BodyHTML: "<p>hi, dora</p>", Mentions: []string{mia, "https://" + host + "/u/dora"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.wantInbox(dora, 1, "mention by rita: A post")
	w.wantInbox(w.mia, 1, "mention by rita: A post")
}

func mustComment(t *testing.T, e *env, apID string) int64 {
	t.Helper()
	c, err := e.st.CommentByAPID(e.ctx, apID)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}
