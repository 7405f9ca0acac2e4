package federation_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/federation"
	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// announceOf matches the community's Announce whose object is an activity
// of type typ about object.
func announceOf(community, typ, object string) func(delivery) bool {
	return func(d delivery) bool {
		inner := d.object()
		if d.doc["type"] != "Announce" || d.signer != community || d.doc["actor"] != community || inner["type"] != typ {
			return false
		}
		switch o := inner["object"].(type) {
		case string:
			return o == object
		case map[string]any:
			return o["id"] == object
		}
		return false
	}
}

// boostOf matches the community's boost of a post: an Announce of the
// Page itself, with its id.
func boostOf(community, post string) func(delivery) bool {
	return func(d delivery) bool {
		page, embedded := d.doc["object"].(map[string]any)
		return d.doc["type"] == "Announce" && d.signer == community && d.doc["actor"] == community && embedded &&
			page["type"] == "Page" && page["id"] == post
	}
}

// authored matches an activity of type typ by actor, signed by actor,
// about object, delivered to inbox.
func authored(actor, typ, object, inbox string) func(delivery) bool {
	return func(d delivery) bool {
		return d.doc["type"] == typ && d.doc["actor"] == actor && d.signer == actor && d.inbox == inbox &&
			d.object()["id"] == object
	}
}

// getObject fetches an object of ours as another server does.
func getObject(t *testing.T, id string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, id, nil)
	req.Header.Set("Accept", federation.AcceptActivity)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var obj map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&obj); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", id, resp.StatusCode, err)
	}
	return obj
}

// A new post in a community followed from Mastodon (shared inbox) and
// GoToSocial (none) reaches both as the FEP-1b12 Announce of its Create and
// as the boost of the post, the Page the Create carries, which they fetch
// again by its id; so does a post another server's person sends into the
// community.
func TestNewPostsReachMicroblogFollowersInBothForms(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	masto, gts := newMicroblog(t, true), newMicroblog(t, false)
	masto.follow(t, "reader", l.community.APID)
	gts.follow(t, "reader", l.community.APID)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Both forms",
		Body: "Read [the rules](/c/news) of !news first."})
	if err != nil {
		t.Fatal(err)
	}
	served := getObject(t, post.APID)
	if served["attributedTo"] != alice.APID || !strings.Contains(served["content"].(string), `href="`+l.url+`/c/news"`) {
		t.Errorf("GET %s: %v", post.APID, served)
	}
	for _, m := range []*microblog{masto, gts} {
		inbox := "/inbox"
		if m == gts {
			inbox = "/users/reader/inbox"
		}
		create := m.await(t, "the Announce of the post's Create", announceOf(l.community.APID, "Create", post.APID))
		boost := m.await(t, "the boost of the post", boostOf(l.community.APID, post.APID))
		if create.inbox != inbox || boost.inbox != inbox {
			t.Errorf("delivered to %s and %s, want %s", create.inbox, boost.inbox, inbox)
		}
		// What was sent is what a GET of the post answers.
		page := create.object()["object"].(map[string]any)
		if page["content"] != served["content"] {
			t.Errorf("sent content %q, served %q", page["content"], served["content"])
		}
		if !reflect.DeepEqual(boost.object(), page) {
			t.Errorf("the boost embeds %v, the Create %v", boost.object(), page)
		}
	}

	// bob, on a Lemmy-like server, posts into the community: the
	// community announces it in both forms too.
	rm := newSender(t)
	page := rm.url + "/post/1"
	if code, body := l.post(t, "/inbox", activity(map[string]any{"id": rm.url + "/activities/create/1", "type": "Create",
		"actor": rm.bob, "to": []string{l.community.APID, public}, "audience": l.community.APID,
		"object": map[string]any{"id": page, "type": "Page", "attributedTo": rm.bob, "name": "From afar",
			"audience": l.community.APID, "to": []string{l.community.APID, public}}}), rm.signer); code != http.StatusAccepted {
		t.Fatalf("bob's post: %d %s", code, body)
	}
	for _, m := range []*microblog{masto, gts} {
		create := m.await(t, "the Announce of bob's Create", announceOf(l.community.APID, "Create", page))
		boost := m.await(t, "the boost of bob's post", boostOf(l.community.APID, page))
		if sent := create.object()["object"]; !reflect.DeepEqual(boost.object(), sent) {
			t.Errorf("the boost of bob's post embeds %v, his Create %v", boost.object(), sent)
		}
	}
}

// An edit and a deletion of a post reach the followers' servers signed by
// the post's author, who is the only one Mastodon lets change a status,
// besides the community's Announce of them.
func TestPostEditsAndDeletionsGoSignedByTheAuthor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	masto, gts := newMicroblog(t, true), newMicroblog(t, false)
	masto.follow(t, "reader", l.community.APID)
	gts.follow(t, "reader", l.community.APID)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "First"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.EditPost(ctx, alice, post.ID, forum.PostInput{Title: "Second", Body: "now with text"}); err != nil {
		t.Fatal(err)
	}
	if err := l.f.DeletePost(ctx, alice, post.ID, true); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*microblog{masto, gts} {
		inbox := "/inbox"
		if m == gts {
			inbox = "/users/reader/inbox"
		}
		update := m.await(t, "alice's own Update", authored(alice.APID, "Update", post.APID, inbox))
		if update.object()["name"] != "Second" {
			t.Errorf("the Update carries %v", update.object())
		}
		m.await(t, "the Announce of the Update", announceOf(l.community.APID, "Update", post.APID))
		del := m.await(t, "alice's own Delete", func(d delivery) bool {
			return d.doc["type"] == "Delete" && d.signer == alice.APID && d.doc["object"] == post.APID && d.inbox == inbox
		})
		if del.doc["actor"] != alice.APID {
			t.Errorf("the Delete's actor is %v", del.doc["actor"])
		}
		m.await(t, "the Announce of the Delete", announceOf(l.community.APID, "Delete", post.APID))
	}
}

// A reply goes to the person it answers, with a Mention of them, whether
// or not their server follows the community: a server that follows
// nothing gets the Create, and one that follows the community (without a
// shared inbox) gets both the Announce and the Create in that person's
// inbox. The edit and the deletion of the reply follow it.
func TestRepliesReachThePeopleTheyAnswer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	quiet, follower := newMicroblog(t, false), newMicroblog(t, false)
	follower.follow(t, "erin", l.community.APID)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Ask me anything"})
	if err != nil {
		t.Fatal(err)
	}
	aliceHandle := "@alice@" + strings.TrimPrefix(l.url, "http://")
	for _, tc := range []struct {
		m    *microblog
		name string
		// announced: the person's server follows the community, so it
		// gets the community's Announce of the answer too.
		announced bool
	}{{quiet, "dana", false}, {follower, "erin", true}} {
		note := tc.m.reply(t, tc.name, post.APID, alice.APID, aliceHandle, alice.APID+"/inbox", "A question from "+tc.name)
		var comment store.Comment
		deadline := time.Now().Add(10 * time.Second)
		for comment, err = l.st.CommentByAPID(ctx, note); err != nil; comment, err = l.st.CommentByAPID(ctx, note) {
			if time.Now().After(deadline) {
				t.Fatalf("%s's reply is not in the thread: %v", tc.name, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		answer, err := l.f.CreateComment(ctx, alice, post.ID, comment.ID, "An answer for "+tc.name)
		if err != nil {
			t.Fatal(err)
		}
		inbox := "/users/" + tc.name + "/inbox"
		create := tc.m.await(t, "alice's Create of her answer to "+tc.name, authored(alice.APID, "Create", answer.APID, inbox))
		note2 := create.object()
		cc, _ := note2["cc"].([]any)
		if note2["inReplyTo"] != note || mentions(note2)[tc.m.actor(tc.name)] != tc.m.handle(tc.name) ||
			!slices.Contains(cc, any(tc.m.actor(tc.name))) {
			t.Errorf("the answer to %s: %v", tc.name, note2)
		}
		if tc.announced {
			ann := tc.m.await(t, "the Announce of the answer", announceOf(l.community.APID, "Create", answer.APID))
			if ann.inbox != inbox {
				t.Errorf("the Announce went to %s, want %s", ann.inbox, inbox)
			}
		}
		if _, err := l.f.EditComment(ctx, alice, answer.ID, "A better answer for "+tc.name); err != nil {
			t.Fatal(err)
		}
		tc.m.await(t, "alice's Update of her answer", authored(alice.APID, "Update", answer.APID, inbox))
		if err := l.f.DeleteComment(ctx, alice, answer.ID, true); err != nil {
			t.Fatal(err)
		}
		tc.m.await(t, "alice's Delete of her answer", func(d delivery) bool {
			return d.doc["type"] == "Delete" && d.signer == alice.APID && d.doc["object"] == answer.APID && d.inbox == inbox
		})
	}
	if got := quiet.received(); slices.ContainsFunc(got, func(d delivery) bool { return d.doc["type"] == "Announce" }) {
		t.Errorf("a server that follows nothing was sent announcements: %v", got)
	}
}

// People mentioned by handle whom we have never seen are looked up by the
// federate job (WebFinger, then their actor), linked to their home and
// tagged, and sent the post; who cannot be found stays plain text and
// fails nothing. The HTML sent has no relative link, and a GET of the
// post answers what was sent.
func TestUnknownMentionsAreLookedUp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	far := newMicroblog(t, true)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	us := strings.TrimPrefix(l.url, "http://")
	body := "Hello " + far.handle("frank") + ", " + far.handle("nobody") + " and @ghost@127.0.0.1:1; " +
		"I am @alice@" + us + ", see [the rules](/post/1) in !news."
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Mentions", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	create := far.await(t, "the Create that mentions frank", authored(alice.APID, "Create", post.APID, "/inbox"))
	page := create.object()
	content, _ := page["content"].(string)
	if m := mentions(page); m[far.actor("frank")] != far.handle("frank") || m[alice.APID] != "@alice@"+us || len(m) != 2 {
		t.Errorf("Mention tags %v, want frank and alice", m)
	}
	for _, want := range []string{`href="` + far.actor("frank") + `"`, `href="` + alice.APID + `"`, `href="` + l.url + `/post/1"`,
		`href="` + l.community.APID + `"`, far.handle("nobody"), "@ghost@127.0.0.1:1"} {
		if !strings.Contains(content, want) {
			t.Errorf("no %s in the content sent: %s", want, content)
		}
	}
	if strings.Contains(content, `href="/`) || strings.Contains(content, `href="`+far.url+`/users/nobody`) {
		t.Errorf("the content sent has a relative or guessed link: %s", content)
	}
	if _, err := l.st.PersonByAPID(ctx, far.actor("frank")); err != nil {
		t.Errorf("frank was not stored: %v", err)
	}
	served := getObject(t, post.APID)
	if served["content"] != content || len(mentions(served)) != 2 {
		t.Errorf("GET %s answers %v, not what was sent", post.APID, served)
	}
	// Our own page links to the pages here.
	if p, _ := l.st.PostByID(ctx, post.ID); !strings.Contains(p.BodyHTML, `href="/u/frank@`+far.host+`"`) {
		t.Errorf("the page's HTML: %s", p.BodyHTML)
	}
}

// An author's Create, Update or Delete can arrive twice, by itself (for
// microblog servers, or for someone it mentions) and inside the
// community's Announce (FEP-1b12): it is applied once, and neither copy is
// refused. A boost of a post we hold is not fetched again.
func TestDirectAndAnnouncedCopiesApplyOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	relay, group, groupSigner := followedCommunity(t, l)
	postID := relay.url + "/post/1"
	page := func(title string) map[string]any {
		return map[string]any{"id": postID, "type": "Page", "attributedTo": relay.bob, "name": title,
			"audience": group, "to": []string{group, public}}
	}
	byBob := func(id, typ string, object any) map[string]any {
		return map[string]any{"id": relay.url + "/activities/" + id, "type": typ, "actor": relay.bob,
			"to": []string{group, public}, "cc": []string{group}, "audience": group, "object": object}
	}
	send := func(what string, body []byte, signer *httpsig.Signer) {
		t.Helper()
		if code, answer := l.post(t, "/inbox", body, signer); code != http.StatusAccepted {
			t.Fatalf("%s: %d %s", what, code, answer)
		}
	}
	title := func() string {
		p, err := l.st.PostByAPID(ctx, postID)
		if err != nil {
			t.Fatal(err)
		}
		return p.Title
	}
	// bob's server sends his Create to us as well when it mentions
	// someone here: taken, and kept for the community's Announce.
	create := byBob("create/1", "Create", page("v1"))
	send("bob's own Create", activity(create), relay.signer)
	if _, err := l.st.PostByAPID(ctx, postID); err == nil {
		t.Error("a post in a remote community was kept without the community's Announce")
	}
	send("the announced Create", relayed(relay, group, "1", create), groupSigner)
	u2 := byBob("update/2", "Update", page("v2"))
	send("bob's own Update", activity(u2), relay.signer)
	send("the announced copy", relayed(relay, group, "2", u2), groupSigner)
	if got := title(); got != "v2" {
		t.Errorf("after the Update: %q", got)
	}
	send("a later Update, announced", relayed(relay, group, "3", byBob("update/3", "Update", page("v3"))), groupSigner)
	send("a late copy of the first Update", activity(u2), relay.signer)
	if got := title(); got != "v3" {
		t.Errorf("a second copy of an Update was applied again: %q", got)
	}
	del := byBob("delete/4", "Delete", postID)
	send("the announced Delete", relayed(relay, group, "4", del), groupSigner)
	send("bob's own Delete", activity(del), relay.signer)
	if p, _ := l.st.PostByAPID(ctx, postID); !p.Deleted {
		t.Error("the Delete did not delete")
	}
	// A boost of a post we hold, by its id or embedding it, is not
	// fetched; one we lack is, once, whichever form it takes, and what a
	// boost embeds is not taken for the post.
	boost := func(n string, object any) []byte {
		return activity(map[string]any{"id": relay.url + "/activities/announce/" + n, "type": "Announce",
			"actor": group, "to": []string{public}, "object": object})
	}
	send("a boost of the post", boost("5", postID), groupSigner)
	send("a boost embedding the post", boost("6", page("v3")), groupSigner)
	if n := relay.fetches("/post/1"); n != 0 {
		t.Errorf("a post we hold was fetched %d times", n)
	}
	for i, form := range []string{"by its id", "embedded"} {
		other := page("Boosted")
		other["id"] = relay.url + "/post/" + strconv.Itoa(i+2)
		relay.serve(other)
		var object any = other["id"]
		if form == "embedded" {
			object = edited(other, map[string]any{"name": "Not what its server says"})
		}
		send("a boost of a post we lack, "+form, boost(strconv.Itoa(7+i), object), groupSigner)
		if p, err := l.st.PostByAPID(ctx, other["id"].(string)); err != nil || p.Title != "Boosted" {
			t.Errorf("the post boosted %s: %+v %v", form, p, err)
		}
		if n := relay.fetches("/post/" + strconv.Itoa(i+2)); n != 1 {
			t.Errorf("the post boosted %s was fetched %d times, want once", form, n)
		}
	}
	var n int
	if err := l.st.PgxPool().QueryRow(ctx, `SELECT count(*) FROM posts`).Scan(&n); err != nil || n != 3 {
		t.Errorf("%d posts stored (%v), want 3", n, err)
	}
}
