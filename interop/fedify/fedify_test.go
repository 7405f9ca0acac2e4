// Package fedify_test is a live interop test between Tidings and Fedify, a
// third-party ActivityPub framework (peer.mjs, run by Node): a Fedify user
// follows a Tidings community, gets its Accept and its announced posts,
// signed, and replies into its thread; a Tidings user's answer reaches the
// Fedify user's own inbox, and the Fedify user's Like of it counts.
package fedify_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
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
	InReplyTo    string          `json:"inReplyTo"`
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
	alice := startPeer(t, "127.0.0.3", "alice", lemmyStyle)

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

	// The community announces the post twice, as Lemmy does: the Announce
	// of its Create, which alice reads, and the boost of the post itself,
	// for microblog servers.
	announce := awaitInboxFor(t, alice, "Announce", community, "the Announce of a Create", func(a activity) bool {
		var inner struct{ Type string }
		return json.Unmarshal(a.Object, &inner) == nil && inner.Type == "Create"
	})
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

	// carol answers alice's comment through the web form. Besides the
	// community's Announce to its followers, the reply goes straight to
	// alice's own inbox, signed by carol, as Lemmy notifies a parent's
	// author.
	thread := web.Get(t, path).Body
	alicesComment := commentID(t, thread, html.EscapeString(reply))
	answer := "Welcome, alice."
	if resp := carol.PostForm(t, path+"/comment", url.Values{"body": {answer}, "parent": {alicesComment}}); resp.Status != http.StatusSeeOther {
		t.Fatalf("carol's answer: %d\n%s", resp.Status, resp.Body)
	}
	carolURL := tidings.URL + "/u/carol"
	direct := alice.await(t, deliveryTimeout, "carol's Create of her answer", func(e event) bool {
		return e.Event == "inbox" && e.Type == "Create" && e.Actor == carolURL
	})
	if direct.KeyID != carolURL+"#main-key" || direct.KeyOwner != carolURL {
		t.Errorf("carol's Create signed with key %q of %q; want %s#main-key", direct.KeyID, direct.KeyOwner, carolURL)
	}
	answerNote := decode[object](t, "the Note in carol's Create", decode[activity](t, "carol's Create", direct.Activity).Object)
	if answerNote.Type != "Note" || answerNote.InReplyTo != note || answerNote.AttributedTo != carolURL {
		t.Errorf("carol's Create carries %+v; want her Note in reply to %s", answerNote, note)
	}
	alice.await(t, deliveryTimeout, "the community's Announce of carol's answer", func(e event) bool {
		if e.Event != "inbox" || e.Type != "Announce" || e.Actor != community || e.Activity == nil {
			return false
		}
		var ann struct {
			Object struct {
				Type   string `json:"type"`
				Object struct {
					ID string `json:"id"`
				} `json:"object"`
			} `json:"object"`
		}
		return json.Unmarshal(e.Activity, &ann) == nil && ann.Object.Type == "Create" && ann.Object.Object.ID == answerNote.ID
	})

	// alice likes carol's answer, as Lemmy votes: a Like sent to the
	// community, with the community as its audience. The score on the
	// thread page goes up by one.
	carolsComment := strings.TrimPrefix(answerNote.ID, tidings.URL+"/comment/")
	scoreBefore := commentScore(t, web.Get(t, path).Body, carolsComment)
	alice.command(t, "like", map[string]string{"community": community, "object": answerNote.ID})
	fedtest.WaitFor(t, deliveryTimeout, "alice's Like counts", func() (bool, string) {
		score := commentScore(t, web.Get(t, path).Body, carolsComment)
		return score == scoreBefore+1, fmt.Sprintf("carol's answer scores %d, %d before alice's Like", score, scoreBefore)
	})
	if r := alice.refused(); len(r) > 0 {
		t.Errorf("Fedify refused %d activities, first %s", len(r), r[0].line)
	}
}

// commentID is the local id of the comment on page whose text contains s.
func commentID(t *testing.T, page, s string) string {
	t.Helper()
	i := strings.Index(page, s)
	if i < 0 {
		t.Fatalf("no comment %q on the page", s)
	}
	j := strings.LastIndex(page[:i], `<li class="comment" id="c`)
	if j < 0 {
		t.Fatalf("%q is not in a comment", s)
	}
	rest := page[j+len(`<li class="comment" id="c`):]
	return rest[:strings.Index(rest, `"`)]
}

var scoreSpan = regexp.MustCompile(`<span class="score"[^>]*>(-?\d+)</span>`)

// commentScore is the score the page shows for the comment with local
// id: the first score inside its list item.
func commentScore(t *testing.T, page, id string) int {
	t.Helper()
	start := `<li class="comment" id="c` + id + `">`
	i := strings.Index(page, start)
	if i < 0 {
		t.Fatalf("no comment %s on the page", id)
	}
	m := scoreSpan.FindStringSubmatch(page[i:])
	if m == nil {
		t.Fatalf("comment %s shows no score", id)
	}
	n, _ := strconv.Atoi(m[1])
	return n
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
	return awaitInboxFor(t, p, typ, actor, "any", func(activity) bool { return true })
}

// awaitInboxFor is awaitInbox for an activity that match, described by
// what, accepts.
func awaitInboxFor(t *testing.T, p *peer, typ, actor, what string, match func(activity) bool) event {
	t.Helper()
	e := p.await(t, deliveryTimeout, typ+" ("+what+") from "+actor, func(e event) bool {
		if e.Event != "inbox" || e.Type != typ || e.Actor != actor {
			return false
		}
		var a activity
		return json.Unmarshal(e.Activity, &a) == nil && match(a)
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
