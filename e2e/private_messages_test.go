package e2e_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
)

var ownMessageRE = regexp.MustCompile(`<li id="pm(\d+)" class="message mine">`)

// Private messages go both ways between two instances and are shown to
// their two people only: anna on A writes to bert on B (found by his
// handle), he answers, each edits or deletes their own, and the other sees
// it. carl on A, a visitor on either side, every listing, feed, search and
// ActivityPub collection see none of it, and nothing of it answers a GET.
func TestPrivateMessagesBetweenTwoInstances(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.2"})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.3"})
	const pw = "correct horse battery"
	a.CreateUser(t, "anna", pw)
	a.CreateUser(t, "carl", pw)
	b.CreateUser(t, "bert", pw)
	anna, carl, bert := a.Login(t, "anna", pw), a.Login(t, "carl", pw), b.Login(t, "bert", pw)
	bertOnA, annaOnB := "bert@"+b.Host, "anna@"+a.Host

	// anna writes to bert, whom A has never heard of: the form looks him up.
	form := anna.Get(t, "/create_private_message?to="+url.QueryEscape(bertOnA))
	if form.Status != 200 || !strings.Contains(form.Body, `name="to" value="`+bertOnA+`"`) {
		t.Fatalf("the form to %s: %d\n%s", bertOnA, form.Status, between(form.Body, "<main", "</main>"))
	}
	sent := anna.PostForm(t, "/create_private_message", url.Values{"to": {bertOnA},
		"content": {"Is the *ferry* running on Sunday?"}})
	if sent.Status != 303 || sent.Location != "/inbox/messages/"+bertOnA {
		t.Fatalf("send: %d to %q\n%s", sent.Status, sent.Location, between(sent.Body, "<main", "</main>"))
	}
	fedtest.WaitFor(t, deliveryTimeout, "anna's message reaches bert", func() (bool, string) {
		page := bert.Get(t, "/inbox/messages/"+annaOnB)
		return strings.Contains(page.Body, "Is the <em>ferry</em> running on Sunday?") &&
			strings.Contains(page.Body, "1 unread message"), between(page.Body, "<main", "</main>")
	})
	if list := bert.Get(t, "/inbox/messages"); !strings.Contains(list.Body, annaOnB) || !strings.Contains(list.Body, "1 unread") {
		t.Errorf("bert's messages do not list anna's, unread:\n%s", between(list.Body, "<main", "</main>"))
	}

	// bert answers; anna reads it on A.
	bert.PostForm(t, "/create_private_message", url.Values{"to": {annaOnB}, "content": {"Only in the morning."}})
	fedtest.WaitFor(t, deliveryTimeout, "bert's answer reaches anna", func() (bool, string) {
		page := anna.Get(t, "/inbox/messages/"+bertOnA)
		return strings.Contains(page.Body, "Only in the morning."), between(page.Body, "<main", "</main>")
	})

	// bert edits his; anna deletes hers.
	m := ownMessageRE.FindAllStringSubmatch(bert.Get(t, "/inbox/messages/"+annaOnB).Body, -1)
	if len(m) != 1 {
		t.Fatalf("bert's conversation shows %d messages of his, want 1", len(m))
	}
	if r := bert.PostForm(t, "/private_message/"+m[0][1]+"/edit", url.Values{"content": {"Only in the morning, at nine."}}); r.Status != 303 {
		t.Fatalf("bert's edit: %d", r.Status)
	}
	m = ownMessageRE.FindAllStringSubmatch(anna.Get(t, "/inbox/messages/"+bertOnA).Body, -1)
	if len(m) != 1 {
		t.Fatalf("anna's conversation shows %d messages of hers, want 1", len(m))
	}
	if r := anna.PostForm(t, "/private_message/"+m[0][1]+"/delete", url.Values{}); r.Status != 303 {
		t.Fatalf("anna's deletion: %d", r.Status)
	}
	fedtest.WaitFor(t, deliveryTimeout, "the edit and the deletion cross", func() (bool, string) {
		onA, onB := anna.Get(t, "/inbox/messages/"+bertOnA).Body, bert.Get(t, "/inbox/messages/"+annaOnB).Body
		return strings.Contains(onA, "Only in the morning, at nine.") && strings.Contains(onB, "Message deleted.") &&
			!strings.Contains(onB, "ferry"), between(onB, "<main", "</main>")
	})

	// Nobody else sees any of it.
	for _, c := range []struct {
		who  string
		in   *fedtest.Instance
		cl   *fedtest.Client
		path string
	}{
		{"carl", a, carl, "/inbox/messages/" + bertOnA},
		{"carl", a, carl, "/inbox/messages/anna"},
	} {
		if r := c.cl.Get(t, c.path); r.Status != 404 {
			t.Errorf("%s GET %s: %d, want 404", c.who, c.path, r.Status)
		}
	}
	if r := carl.Get(t, "/inbox/messages"); !strings.Contains(r.Body, "No messages yet.") {
		t.Errorf("carl's messages:\n%s", between(r.Body, "<main", "</main>"))
	}
	for _, in := range []*fedtest.Instance{a, b} {
		visitor := in.NewClient()
		if r := visitor.Get(t, "/inbox/messages"); r.Status != 303 || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("a visitor on %s GET /inbox/messages: %d to %q, want the log-in page", in.Host, r.Status, r.Location)
		}
		for _, path := range []string{"/", "/feeds/all.xml", "/feeds/local.xml", "/u/anna", "/u/bert", "/u/" + bertOnA,
			"/u/" + annaOnB, "/search?q=morning&type=all"} {
			for who, cl := range map[string]*fedtest.Client{"visitor": visitor, "anna": anna, "bert": bert} {
				if (who == "anna") != (in == a) && who != "visitor" {
					continue
				}
				if body := cl.Get(t, path).Body; strings.Contains(body, "morning,") || strings.Contains(body, "ferry") {
					t.Errorf("%s on %s sees a message at %s", who, in.Host, path)
				}
			}
		}
		for _, path := range []string{"/outbox", "/u/anna/outbox", "/u/bert/outbox"} {
			if r := visitor.GetActivity(t, path, nil); strings.Contains(r.Body, "morning") || strings.Contains(r.Body, "ferry") ||
				strings.Contains(r.Body, `"type":"ChatMessage"`) {
				t.Errorf("%s%s holds a message: %s", in.Host, path, r.Body)
			}
		}
		// What was sent is kept for retries, but answers no GET; the
		// messages' own ids neither.
		rows, err := in.DB(t).Query(context.Background(), `SELECT ap_id FROM sent_activities
			UNION ALL SELECT ap_id FROM private_messages WHERE local`)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) < 3 {
			t.Errorf("%s kept only %v", in.Host, ids)
		}
		for _, id := range ids {
			path := strings.TrimPrefix(id, in.URL)
			if r := visitor.GetActivity(t, path, nil); r.Status != 404 {
				t.Errorf("GET %s: %d %s, want 404", id, r.Status, r.Body)
			}
		}
	}
}
