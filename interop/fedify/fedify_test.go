// Package fedify_test is a live interop test between Tidings and Fedify, a
// third-party ActivityPub framework (peer.mjs, run by Node): a Fedify user
// follows a Tidings community, gets its Accept and its announced posts,
// signed, and replies into its thread.
package fedify_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/fedtest"
)

func TestMain(m *testing.M) { fedtest.Main(m) }

// deliveryTimeout bounds each wait for a delivery: Tidings delivers from
// River jobs, Fedify at once; both take milliseconds when they work.
const deliveryTimeout = 30 * time.Second

// activity is what the test reads of the activities Fedify received.
type activity struct {
	ID     string          `json:"id"`
	Type   string          `json:"type"`
	Actor  string          `json:"actor"`
	Object json.RawMessage `json:"object"`
}

// object is what the test reads of an embedded object.
type object struct {
	ID           string          `json:"id"`
	Type         string          `json:"type"`
	Actor        string          `json:"actor"`
	AttributedTo string          `json:"attributedTo"`
	Name         string          `json:"name"`
	Audience     string          `json:"audience"`
	Object       json.RawMessage `json:"object"`
}

func decode[T any](t *testing.T, what string, raw json.RawMessage) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("decode %s: %v\n%s", what, err, raw)
	}
	return v
}

func TestFedifyFollowsAndReplies(t *testing.T) {
	needPeer(t) // before starting Tidings, so that a skip is quick
	tidings := fedtest.Start(t, fedtest.Options{IP: "127.0.0.2"})
	tidings.CreateUser(t, "carol", "correct horse battery")
	community := tidings.CreateCommunity(t, "news", "News", "carol")
	alice := startPeer(t, "127.0.0.3", "alice")

	web := tidings.NewClient()
	// carol moderates news and so already follows it.
	before := followers(t, web)

	// Fedify's WebFinger lookup assumes https, so alice finds the
	// community by its URL.
	sent := alice.command(t, "follow", map[string]string{"target": community})
	follow := decode[object](t, "the Follow sent", sent.Follow)

	accept := awaitInbox(t, alice, "Accept", community)
	acc := decode[activity](t, "Accept", accept.Activity)
	embedded := decode[object](t, "the Follow inside the Accept", acc.Object)
	if embedded.ID != follow.ID || embedded.Type != "Follow" || embedded.Actor != alice.Actor {
		t.Errorf("the Accept embeds %+v; want alice's Follow %s", embedded, follow.ID)
	}
	if got := decode[string](t, "the embedded Follow's object", embedded.Object); got != community {
		t.Errorf("the embedded Follow's object = %s, want %s", got, community)
	}

	fedtest.WaitFor(t, deliveryTimeout, "Tidings counts alice as a follower", func() (bool, string) {
		n := followers(t, web)
		return n == before+1, fmt.Sprintf("%d followers, %d before alice followed", n, before)
	})

	carol := tidings.Login(t, "carol", "correct horse battery")
	title := "Fedify meets Tidings"
	postID := carol.CreatePost(t, "news", title, "Posted through the web form.")
	postURL := fmt.Sprintf("%s/post/%d", tidings.URL, postID)

	announce := awaitInbox(t, alice, "Announce", community)
	ann := decode[activity](t, "Announce", announce.Activity)
	create := decode[object](t, "the Create inside the Announce", ann.Object)
	page := decode[object](t, "the Page inside the Create", create.Object)
	if create.Type != "Create" || create.Actor != tidings.URL+"/u/carol" {
		t.Errorf("the Announce wraps %s by %s; want a Create by carol", create.Type, create.Actor)
	}
	if page.Type != "Page" || page.ID != postURL || page.Name != title || page.Audience != community {
		t.Errorf("the announced object is %+v; want the Page %s titled %q in %s", page, postURL, title, community)
	}

	reply := "Hello from Fedify & friends <3"
	note := alice.command(t, "reply", map[string]string{"community": community, "inReplyTo": postURL, "content": reply}).Note

	// The comment, its author's handle and the fedilink to its origin.
	want := []string{
		html.EscapeString(reply),
		">alice@" + strings.TrimPrefix(alice.Origin, "http://") + "<",
		`href="` + html.EscapeString(note) + `"`,
	}
	path := fmt.Sprintf("/post/%d", postID)
	fedtest.WaitFor(t, deliveryTimeout, "alice's reply on the thread page", func() (bool, string) {
		resp := web.Get(t, path)
		if resp.Status != http.StatusOK {
			return false, fmt.Sprintf("GET %s: %d", path, resp.Status)
		}
		for _, w := range want {
			if !strings.Contains(resp.Body, w) {
				return false, fmt.Sprintf("GET %s: no %s in the page", path, w)
			}
		}
		return true, ""
	})
}

// followers is the community's follower count, as other servers see it.
func followers(t *testing.T, c *fedtest.Client) int {
	t.Helper()
	var coll struct {
		TotalItems *int `json:"totalItems"`
	}
	resp := c.GetActivity(t, "/c/news/followers", &coll)
	if resp.Status != http.StatusOK || coll.TotalItems == nil {
		t.Fatalf("GET /c/news/followers: %d, want a collection with totalItems\n%s", resp.Status, resp.Body)
	}
	return *coll.TotalItems
}

// awaitInbox waits for Fedify's inbox to accept an activity of type typ
// from actor, and checks that Fedify found it signed by actor's main key.
// Fedify's inbox answers 401 to a bad signature and never runs its
// listeners, so arriving here means Fedify verified it.
func awaitInbox(t *testing.T, p *peer, typ, actor string) event {
	t.Helper()
	e := p.await(t, deliveryTimeout, typ+" from "+actor, func(e event) bool {
		return e.Event == "inbox" && e.Type == typ && e.Actor == actor
	})
	if e.KeyID != actor+"#main-key" || e.KeyOwner != actor {
		t.Errorf("%s signed with key %q of %q; want %s#main-key of %s", typ, e.KeyID, e.KeyOwner, actor, actor)
	}
	if e.Activity == nil {
		t.Fatalf("%s arrived without its body", typ)
	}
	if r := p.refused(); len(r) > 0 {
		t.Errorf("Fedify refused %d activities, first %s", len(r), r[0].line)
	}
	return e
}
