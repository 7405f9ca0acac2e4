package fedify_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
)

// A person on a Mastodon-style server (the Fedify peer) writes privately
// to a Tidings user: a Note addressed to her alone, with a Mention of her.
// It lands among her messages, not in any thread, listing or feed, and
// nobody else sees it. Her answer reaches the peer's inbox, signed by her,
// addressed to the peer's person alone.
func TestFedifyPrivateMention(t *testing.T) {
	needPeer(t)
	tidings := fedtest.Start(t, fedtest.Options{IP: "127.0.0.2"})
	tidings.CreateUser(t, "dana", "correct horse battery")
	tidings.CreateUser(t, "eli", "correct horse battery")
	dan := startPeer(t, "127.0.0.3", "dan", microblogStyle)
	danHost := strings.TrimPrefix(dan.Origin, "http://")
	danHere := "dan@" + danHost
	danaURL := tidings.URL + "/u/dana"

	dan.command(t, "message", map[string]string{"to": danaURL, "content": "Are the otters back on the weir?"})

	dana := tidings.Login(t, "dana", "correct horse battery")
	fedtest.WaitFor(t, deliveryTimeout, "dan's message among dana's", func() (bool, string) {
		page := dana.Get(t, "/inbox/messages/"+danHere)
		return page.Status == http.StatusOK && strings.Contains(page.Body, "Are the otters back on the weir?") &&
			strings.Contains(page.Body, "1 unread message"), between(page.Body, "<main", "</main>")
	})
	if list := dana.Get(t, "/inbox/messages"); !strings.Contains(list.Body, danHere) {
		t.Errorf("dana's messages do not list dan:\n%s", between(list.Body, "<main", "</main>"))
	}
	eli := tidings.Login(t, "eli", "correct horse battery")
	if r := eli.Get(t, "/inbox/messages/"+danHere); r.Status != http.StatusNotFound {
		t.Errorf("eli GET the conversation: %d, want 404", r.Status)
	}
	for _, path := range []string{"/", "/feeds/all.xml", "/u/" + danHere, "/search?q=otters&type=all"} {
		if body := tidings.NewClient().Get(t, path).Body; strings.Contains(body, "weir") {
			t.Errorf("a visitor sees the message at %s", path)
		}
	}

	// dana answers from the conversation.
	if r := dana.PostForm(t, "/create_private_message", url.Values{"to": {danHere}, "content": {"Two of them, at dusk."}}); r.Status != http.StatusSeeOther {
		t.Fatalf("dana's answer: %d\n%s", r.Status, between(r.Body, "<main", "</main>"))
	}
	e := awaitInbox(t, dan, "Create", danaURL)
	var create struct {
		To     []string `json:"to"`
		Cc     []string `json:"cc"`
		Object struct {
			Type    string   `json:"type"`
			To      []string `json:"to"`
			Content string   `json:"content"`
		} `json:"object"`
	}
	if err := json.Unmarshal(e.Activity, &create); err != nil {
		t.Fatal(err)
	}
	if len(create.To) != 1 || create.To[0] != dan.Actor || len(create.Cc) != 0 || create.Object.Type != "ChatMessage" ||
		!strings.Contains(create.Object.Content, "Two of them, at dusk.") || e.Path != "/users/dan/inbox" {
		t.Errorf("dan received at %s: %s", e.Path, e.Activity)
	}
}

// between is the part of s from start up to end, for failure messages.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return s
}
