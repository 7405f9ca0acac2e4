package web_test

import (
	"net/http"
	"testing"
)

// An unread private message counts in the header beside the replies and
// mentions, and the inbox leads to the messages; reading the conversation
// takes it off the count.
func TestInboxCountsUnreadMessages(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobC := w.user(t, "bob")
	if n := unreadInHeader(t, bobC, "/"); n != 0 {
		t.Fatalf("bob's header counts %d before any message, want 0", n)
	}
	wantRedirect(t, w.c.Post("/create_private_message", form("to", "bob", "content", "Are you coming tonight?")),
		"/inbox/messages/bob")
	if n := unreadInHeader(t, bobC, "/communities"); n != 1 {
		t.Errorf("bob's header counts %d with one unread message, want 1", n)
	}
	inbox := bobC.Get("/inbox")
	wantStatus(t, inbox, http.StatusOK)
	wantContains(t, inbox.Body, `<a href="/inbox/messages">Messages</a>`)
	m := messageIDRE.FindStringSubmatch(bobC.Get("/inbox/messages/alice").Body)
	if m == nil {
		t.Fatal("no message in bob's conversation with alice")
	}
	wantRedirect(t, bobC.Post("/inbox/messages/alice/read", form("upto", m[1])), "/inbox/messages/alice")
	if n := unreadInHeader(t, bobC, "/"); n != 0 {
		t.Errorf("bob's header counts %d after reading, want 0", n)
	}
}
