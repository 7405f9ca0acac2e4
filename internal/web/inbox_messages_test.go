package web_test

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
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

// The inbox lists received messages among the replies and mentions,
// newest first, pages through both, and "Mark all read" reads them too.
func TestInboxListsMessagesAmongNotifications(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, bobC := w.user(t, "bob")
	post := w.post(t, bob, "Bob's question", "")
	for i := 0; i < 15; i++ {
		w.comment(t, w.alice, post.ID, 0, fmt.Sprintf("answer %d", i))
		wantRedirect(t, w.c.Post("/create_private_message", form("to", "bob", "content", fmt.Sprintf("note %d", i))),
			"/inbox/messages/bob")
	}
	first := bobC.Get("/inbox")
	wantStatus(t, first, http.StatusOK)
	wantContains(t, first.Body, "sent you a message", "<p>note 14</p>", "answer 14", `rel="next"`)
	wantNotContains(t, first.Body, "<p>note 0</p>", "answer 0<")
	if strings.Index(first.Body, "<p>note 14</p>") > strings.Index(first.Body, "<p>note 13</p>") {
		t.Error("the newest message is not listed first")
	}
	next := nextLinkRE.FindStringSubmatch(first.Body)
	if next == nil {
		t.Fatalf("no next page\n%s", excerpt(first.Body))
	}
	second := bobC.Get(html.UnescapeString(next[1]))
	wantStatus(t, second, http.StatusOK)
	wantContains(t, second.Body, "<p>note 0</p>", "answer 0<")
	wantNotContains(t, second.Body, "<p>note 14</p>", "answer 14<", `rel="next"`)
	// The replies tab has no messages.
	wantNotContains(t, bobC.Get("/inbox?filter=replies").Body, "sent you a message")
	if n := unreadInHeader(t, bobC, "/"); n != 30 {
		t.Errorf("bob's header counts %d, want 30", n)
	}
	wantRedirect(t, bobC.Post("/inbox/read_all", form("return", "/inbox")), "/inbox")
	if n := unreadInHeader(t, bobC, "/"); n != 0 {
		t.Errorf("after Mark all read bob's header counts %d, want 0", n)
	}
	wantNotContains(t, bobC.Get("/inbox?filter=unread").Body, "sent you a message")
	wantStatus(t, bobC.Get("/inbox?mbefore=x"), http.StatusBadRequest)
}

var nextLinkRE = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
