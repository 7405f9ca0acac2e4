package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

var messageIDRE = regexp.MustCompile(`<li id="pm(\d+)" class="message`)

func messageCount(t *testing.T, w *world) int {
	t.Helper()
	return count(t, w.s, `SELECT count(*) FROM private_messages`)
}

// Two people write to each other: from the profile's Message link, the
// form, the conversation with its reply box, unread marks and mark read,
// the author's edit, deletion and restore. The recipient may read but not
// change; a third person and a visitor find nothing.
func TestPrivateMessagesBetweenTwoPeople(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	bob, bobC := w.user(t, "bob")
	_, carolC := w.user(t, "carol")

	profile := w.c.Get("/u/bob")
	wantStatus(t, profile, http.StatusOK)
	wantContains(t, profile.Body, `<a href="/create_private_message?to=bob">Message</a>`)
	own := w.c.Get("/u/alice").Body
	wantNotContains(t, own, "/create_private_message")
	wantContains(t, own, `<a href="/inbox/messages">Your messages</a>`)
	wantNotContains(t, w.s.NewClient().Get("/u/bob").Body, "/create_private_message")

	newForm := w.c.Get("/create_private_message?to=bob")
	wantStatus(t, newForm, http.StatusOK)
	wantContains(t, newForm.Body, `New message to <a href="/u/bob">bob</a>`, `name="to" value="bob"`, `<textarea id="content" name="content"`)
	sent := w.c.Post("/create_private_message", form("to", "bob", "content", "Coffee at *ten*?"))
	wantRedirect(t, sent, "/inbox/messages/bob")
	mine := w.c.Get(sent.Location)
	wantStatus(t, mine, http.StatusOK)
	wantContains(t, mine.Body, "Messages with", "<p>Coffee at <em>ten</em>?</p>", ">You</a>")
	wantNotContains(t, mine.Body, "unread")
	m := messageIDRE.FindStringSubmatch(mine.Body)
	if m == nil {
		t.Fatalf("no message in the conversation\n%s", excerpt(mine.Body))
	}
	pm := m[1]

	list := bobC.Get("/inbox/messages")
	wantStatus(t, list, http.StatusOK)
	wantContains(t, list.Body, `<li class="conversation unread">`, `<a href="/inbox/messages/alice"><strong>alice</strong></a>`,
		"1 unread", "alice:\n      Coffee at ten?")
	theirs := bobC.Get("/inbox/messages/alice")
	wantStatus(t, theirs, http.StatusOK)
	wantContains(t, theirs.Body, `class="message unread"`, "1 unread message", `name="upto" value="`+pm+`"`)
	if n, _ := w.s.Forum.UnreadPrivateMessages(context.Background(), bob); n != 1 {
		t.Errorf("bob's unread count = %d, want 1", n)
	}
	wantRedirect(t, bobC.Post("/inbox/messages/alice/read", form("upto", pm)), "/inbox/messages/alice")
	wantNotContains(t, bobC.Get("/inbox/messages/alice").Body, "unread")
	wantNotContains(t, bobC.Get("/inbox/messages").Body, "unread")

	// The recipient replies from the conversation's box.
	wantRedirect(t, bobC.Post("/create_private_message", form("to", "alice", "content", "Make it eleven.")), "/inbox/messages/alice")
	wantContains(t, w.c.Get("/inbox/messages/bob").Body, "<p>Make it eleven.</p>", "1 unread message")

	// The recipient may not change what alice wrote.
	wantStatus(t, bobC.Get("/private_message/"+pm+"/edit"), http.StatusForbidden)
	wantStatus(t, bobC.Post("/private_message/"+pm+"/edit", form("content", "forged")), http.StatusForbidden)
	wantStatus(t, bobC.Post("/private_message/"+pm+"/delete", nil), http.StatusForbidden)
	// Nobody else finds any of it.
	for _, path := range []string{"/inbox/messages/alice", "/inbox/messages/bob"} {
		wantStatus(t, carolC.Get(path), http.StatusNotFound)
	}
	wantStatus(t, carolC.Get("/private_message/"+pm+"/edit"), http.StatusNotFound)
	wantStatus(t, carolC.Post("/private_message/"+pm+"/edit", form("content", "forged")), http.StatusNotFound)
	wantStatus(t, carolC.Post("/private_message/"+pm+"/delete", nil), http.StatusNotFound)
	wantStatus(t, carolC.Post("/inbox/messages/bob/read", form("upto", pm)), http.StatusNotFound)
	wantContains(t, carolC.Get("/inbox/messages").Body, "No messages yet.")
	wantLoginRedirect(t, w.s.NewClient().Get("/inbox/messages/bob"), "/inbox/messages/bob")
	got := getMessage(t, w, pm)
	if got.Content != "Coffee at *ten*?" || got.Deleted {
		t.Errorf("after refusals: %+v", got)
	}

	// The author edits, deletes and restores.
	edit := w.c.Get("/private_message/" + pm + "/edit")
	wantStatus(t, edit, http.StatusOK)
	wantContains(t, edit.Body, "Coffee at *ten*?</textarea>")
	wantRedirect(t, w.c.Post("/private_message/"+pm+"/edit", form("content", "Coffee at *half past* ten?")),
		"/inbox/messages/bob#pm"+pm)
	wantContains(t, bobC.Get("/inbox/messages/alice").Body, "<p>Coffee at <em>half past</em> ten?</p>", ">edited</span>")
	wantError(t, w.c.Post("/private_message/"+pm+"/edit", form("content", "  ")), http.StatusUnprocessableEntity,
		"The message is empty")
	wantRedirect(t, w.c.Post("/private_message/"+pm+"/delete", nil), "/inbox/messages/bob#pm"+pm)
	after := bobC.Get("/inbox/messages/alice")
	wantContains(t, after.Body, "Message deleted.")
	wantNotContains(t, after.Body, "half past")
	wantContains(t, w.c.Get("/inbox/messages/bob").Body, "Message deleted by you.", "Restore")
	wantRedirect(t, w.c.Post("/private_message/"+pm+"/delete", form("restore", "1")), "/inbox/messages/bob#pm"+pm)
	wantContains(t, bobC.Get("/inbox/messages/alice").Body, "half past")

	// When bob's account is gone, alice still reads what they said, and
	// is told she cannot write to him any more.
	if _, err := w.s.Pool.Exec(context.Background(), `UPDATE people SET deleted = true WHERE id = $1`, bob.ID); err != nil {
		t.Fatal(err)
	}
	gone := w.c.Get("/inbox/messages/bob")
	wantStatus(t, gone, http.StatusOK)
	wantContains(t, gone.Body, "half past", "Make it eleven.", "Bob deleted their account; they cannot be sent messages")
	wantNotContains(t, gone.Body, `<textarea id="content"`)
}

// Messages to nobody, to oneself, to a closed account, empty or too long
// are refused with what was wrong, and nothing is stored.
func TestPrivateMessageRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.user(t, "bob")
	gone := w.s.User("gone", password)
	banned := w.s.User("banned", password)
	ctx := context.Background()
	if _, err := w.s.Pool.Exec(ctx, `UPDATE people SET deleted = true WHERE id = $1`, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.s.Store.SetPersonBanned(ctx, banned.ID, true, "spam"); err != nil {
		t.Fatal(err)
	}
	before := snap(t, w.s)
	for _, c := range []struct {
		name, to, content string
		status            int
		msg               string
	}{
		{"to nobody", "nobody", "hi", http.StatusUnprocessableEntity, "There is nobody called nobody to write to"},
		{"to no one at all", "  ", "hi", http.StatusUnprocessableEntity, "Say whom to write to"},
		{"to a remote nobody", "someone@", "hi", http.StatusUnprocessableEntity, "Say whom to write to"},
		{"to oneself", "alice", "hi me", http.StatusUnprocessableEntity, "You cannot send a message to yourself"},
		{"to oneself by full name", "alice@" + w.s.Host, "hi me", http.StatusUnprocessableEntity, "You cannot send a message to yourself"},
		{"to a deleted account", "gone", "hi", http.StatusUnprocessableEntity, "There is nobody called gone to write to"},
		{"to a banned account", "banned", "hi", http.StatusUnprocessableEntity, "Banned is banned from this site"},
		{"empty", "bob", " \n ", http.StatusUnprocessableEntity, "The message is empty"},
		{"too long", "bob", strings.Repeat("a", forum.MaxPrivateMessageLen+1), http.StatusUnprocessableEntity,
			"The message is too long: 10001 characters, at most 10000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := w.c.Post("/create_private_message", form("to", c.to, "content", c.content))
			wantError(t, r, c.status, c.msg)
		})
	}
	// The form says so before anything is written.
	wantError(t, w.c.Get("/create_private_message?to=alice"), http.StatusUnprocessableEntity, "You cannot send a message to yourself")
	wantError(t, w.c.Get("/create_private_message?to=nobody"), http.StatusUnprocessableEntity, "There is nobody called nobody")
	wantError(t, w.c.Get("/create_private_message?to=banned"), http.StatusUnprocessableEntity, "Banned is banned from this site")
	wantStatus(t, w.c.Get("/private_message/abc/edit"), http.StatusNotFound)
	wantStatus(t, w.c.Get("/private_message/999/edit"), http.StatusNotFound)
	wantStatus(t, w.c.Get("/inbox/messages/nobody"), http.StatusNotFound)
	wantStatus(t, w.c.Get("/inbox/messages/bob"), http.StatusNotFound)
	before.unchanged(t, w.s)
	if n := messageCount(t, w); n != 0 {
		t.Errorf("%d messages stored, want none", n)
	}
}

// What a message says is sanitized, and never shows outside its
// conversation: not on profiles, the front page, search or any feed.
func TestPrivateMessagesStayPrivate(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, bobC := w.user(t, "bob")
	w.post(t, w.alice, "A public post", "Nothing secret.")
	secret := "zanzibarquokka " + xss
	wantRedirect(t, w.c.Post("/create_private_message", form("to", "bob", "content", secret)), "/inbox/messages/bob")
	conv := bobC.Get("/inbox/messages/alice")
	wantContains(t, conv.Body, "zanzibarquokka")
	wantSafe(t, conv.Body)
	wantSafe(t, bobC.Get("/inbox/messages").Body)
	for _, c := range []struct{ who, path string }{
		{"bob", "/"}, {"bob", "/u/alice"}, {"bob", "/u/bob"}, {"bob", "/search?q=zanzibarquokka"},
		{"alice", "/search?q=zanzibarquokka&type=all"}, {"visitor", "/feeds/all.xml"}, {"visitor", "/feeds/local.xml"},
		{"visitor", "/feeds/u/alice.xml"}, {"visitor", "/u/alice"}, {"visitor", "/search?q=zanzibarquokka"},
	} {
		cl := bobC
		switch c.who {
		case "alice":
			cl = w.c
		case "visitor":
			cl = w.s.NewClient()
		}
		body := cl.Get(c.path).Body
		if strings.HasPrefix(c.path, "/search") {
			// The query is shown back; what matches it is not there.
			wantContains(t, body, "Nothing matches “zanzibarquokka”.")
			continue
		}
		wantNotContains(t, body, "zanzibarquokka")
	}
}

func getMessage(t *testing.T, w *world, id string) store.PrivateMessage {
	t.Helper()
	m, err := w.s.Store.PrivateMessageByID(context.Background(), mustID(t, id))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
