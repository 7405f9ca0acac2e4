package forum_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// A reply and a mention are mailed to a person who asked for such mail,
// once each, with the text and a link to it; nobody else is mailed.
func TestRepliesAndMentionsAreMailed(t *testing.T) {
	t.Parallel()
	e, q := newMailEnv(t, true)
	ann, bob, cid := e.createUser("ann"), e.createUser("bob"), e.createUser("cid")
	if err := e.st.SetEmail(e.ctx, ann.ID, "ann@example.org", true); err != nil {
		t.Fatal(err)
	}
	ann, _ = e.st.LocalUserByID(e.ctx, ann.ID)
	if err := e.svc.SetEmailNotifications(e.ctx, ann, true); err != nil {
		t.Fatal(err)
	}
	c, err := e.svc.CreateCommunity(e.ctx, forum.NewCommunity{Name: "news", Title: "News", Moderator: "cid"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := e.svc.CreatePost(e.ctx, ann, forum.PostInput{CommunityID: c.ID, Title: "Tide tables"})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := e.svc.CreateComment(e.ctx, bob, post.ID, 0, "High tide is at noon.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.CreateComment(e.ctx, cid, post.ID, reply.ID, "Ask @ann, she knows."); err != nil {
		t.Fatal(err)
	}
	mails := q.mails()
	if len(mails) != 2 {
		t.Fatalf("queued %d mails, want ann's reply and mention: %+v", len(mails), mails)
	}
	for i, want := range []struct{ subject, text, link string }{
		{"bob replied to you", "High tide is at noon.", "/comment/" + strconv.FormatInt(reply.ID, 10)},
		{"cid mentioned you", "Ask @ann, she knows.", "/comment/"},
	} {
		m := mails[i]
		if m.PersonID != ann.ID || m.Subject != want.subject || !strings.Contains(m.Text, want.text) ||
			!strings.Contains(m.Text, want.link) || !strings.Contains(m.Text, `"Tide tables"`) {
			t.Errorf("mail %d: %+v, want %q with %q and %q", i, m, want.subject, want.text, want.link)
		}
	}
}

// A private message is mailed to a recipient who asked for such mail,
// with a link to the conversation.
func TestMessagesAreMailed(t *testing.T) {
	t.Parallel()
	e, q := newMailEnv(t, true)
	ann, bob := e.createUser("ann"), e.createUser("bob")
	if err := e.st.SetEmail(e.ctx, ann.ID, "ann@example.org", true); err != nil {
		t.Fatal(err)
	}
	ann, _ = e.st.LocalUserByID(e.ctx, ann.ID)
	if err := e.svc.SetEmailNotifications(e.ctx, ann, true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.SendPrivateMessage(e.ctx, bob, ann.ID, "Lunch at one?"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.SendPrivateMessage(e.ctx, ann, bob.ID, "Yes!"); err != nil {
		t.Fatal(err)
	}
	mails := q.mails()
	if len(mails) != 1 || mails[0].PersonID != ann.ID || mails[0].Subject != "bob sent you a message" ||
		!strings.Contains(mails[0].Text, "Lunch at one?") || !strings.Contains(mails[0].Text, "/inbox/messages/bob") {
		t.Errorf("queued %+v, want ann's mail of bob's message alone", mails)
	}
}
