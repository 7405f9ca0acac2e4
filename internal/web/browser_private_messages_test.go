package web_test

import (
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/web/webtest"
)

// TestBrowserPrivateMessages is a conversation in two browsers with
// JavaScript off: alice writes to bob from his profile, bob finds it
// unread among his messages, marks it read and answers from the
// conversation, and alice reads the answer.
func TestBrowserPrivateMessages(t *testing.T) {
	t.Parallel()
	s := webtest.Start(t)
	s.User("alice", browserPassword)
	s.User("bob", browserPassword)
	br := s.Browser(t)

	alice := br.NewTab("alice", false)
	alice.Open("/login")
	browserLogIn(alice, "alice")
	alice.WaitVisible(".nav-user a[href='/u/alice']")
	alice.Open("/u/bob")
	if p := alice.Submit(`a[href="/create_private_message?to=bob"]`); p != "/create_private_message?to=bob" {
		t.Fatalf("the profile's Message link led to %s", p)
	}
	alice.Fill("#content", "Are the **herons** back at the pond?")
	if p := alice.Submit(`form[action="/create_private_message"] button[type=submit]`); p != "/inbox/messages/bob" {
		t.Fatalf("after sending alice is at %s", p)
	}
	if got := alice.Text("li.message.mine .md"); got != "Are the herons back at the pond?" {
		t.Errorf("alice's conversation shows %q", got)
	}

	bob := br.NewTab("bob", false)
	bob.Open("/login")
	browserLogIn(bob, "bob")
	bob.WaitVisible(".nav-user a[href='/u/bob']")
	bob.Open("/inbox/messages")
	if got := bob.Text("li.conversation.unread"); !strings.Contains(got, "alice") || !strings.Contains(got, "1 unread") {
		t.Errorf("bob's messages show %q", got)
	}
	if p := bob.Submit(`li.conversation a[href="/inbox/messages/alice"]`); p != "/inbox/messages/alice" {
		t.Fatalf("the conversation link led to %s", p)
	}
	if got := bob.Text("li.message.unread .md"); got != "Are the herons back at the pond?" {
		t.Errorf("bob reads %q", got)
	}
	t.Logf("unread: %s", bob.Screenshot("conversation-unread"))
	if p := bob.Submit(`li.message.unread form button[type=submit]`); p != "/inbox/messages/alice" {
		t.Fatalf("after marking read bob is at %s", p)
	}
	if !webtest.Eval[bool](bob, `document.querySelector("li.message.unread") === null`) {
		t.Error("the message is still marked unread")
	}
	bob.Fill("#content", "Two of them, since Tuesday.")
	if p := bob.Submit(`form[action="/create_private_message"] button[type=submit]`); p != "/inbox/messages/alice" {
		t.Fatalf("after answering bob is at %s", p)
	}

	alice.Open("/inbox/messages/bob")
	if got := alice.Text("li.message.unread .md"); got != "Two of them, since Tuesday." {
		t.Errorf("alice reads the answer as %q", got)
	}
	t.Logf("conversation: %s", alice.Screenshot("conversation"))
}
