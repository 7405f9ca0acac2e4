package fedify_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
)

// A person on a microblog server (a Fedify peer that behaves as Mastodon
// and GoToSocial do: no shared inbox, trusts only what it fetches and what
// authors sign) follows a Tidings community as it follows a person. A new
// post, its edit and its deletion all show there, and the community takes
// its boost back when the post goes; its reply, addressed as
// Mastodon addresses one, lands in the thread; a Tidings user's answer
// reaches it with a Mention of it; and every activity it was sent answers
// a GET with its id.
func TestFedifyMicroblogFollower(t *testing.T) {
	needPeer(t)
	tidings := fedtest.Start(t, fedtest.Options{IP: "127.0.0.2"})
	tidings.CreateUser(t, "carol", "correct horse battery")
	community := tidings.CreateCommunity(t, "news", "News", "carol")
	bob := startPeer(t, "127.0.0.3", "bob", microblogStyle)
	bobHost := strings.TrimPrefix(bob.Origin, "http://")
	carolURL := tidings.URL + "/u/carol"

	bob.command(t, "follow", map[string]string{"target": community})
	awaitInbox(t, bob, "Accept", community)

	carol := tidings.Login(t, "carol", "correct horse battery")
	title := "Tidings for microblogs"
	postID := carol.CreatePost(t, "news", title, "Read [the rules](/c/news) of !news first, @carol@"+
		strings.TrimPrefix(tidings.URL, "http://")+" says.")
	postURL := fmt.Sprintf("%s/post/%d", tidings.URL, postID)

	// The post shows as the community's boost, fetched from Tidings by its
	// id; the FEP-1b12 Announce of its Create means nothing to bob.
	boost := awaitShown(t, bob, "boost", postURL)
	if boost.By != community || boost.Signer != community || boost.Author != carolURL || boost.Name != title {
		t.Errorf("bob shows %s boosted by %s (signed by %s), by %s, titled %q; want the community's boost of carol's %q",
			postURL, boost.By, boost.Signer, boost.Author, boost.Name, title)
	}
	for _, want := range []string{`href="` + community + `"`, `href="` + carolURL + `"`} {
		if !strings.Contains(boost.Content, want) {
			t.Errorf("the post's HTML has no %s: %s", want, boost.Content)
		}
	}
	if strings.Contains(boost.Content, `href="/`) {
		t.Errorf("the post's HTML has a relative link: %s", boost.Content)
	}

	// bob replies as Mastodon does, to carol's own inbox only.
	reply := "A reply from a microblog"
	note := bob.command(t, "status", map[string]string{"inReplyTo": postURL, "content": reply}).Note
	path := fmt.Sprintf("/post/%d", postID)
	web := tidings.NewClient()
	fedtest.WaitFor(t, deliveryTimeout, "bob's reply on the thread page", func() (bool, string) {
		page := web.Get(t, path)
		for _, want := range []string{html.EscapeString(reply), ">bob@" + bobHost + "<", `href="` + html.EscapeString(note) + `"`} {
			if !strings.Contains(page.Body, want) {
				return false, fmt.Sprintf("GET %s: %d, no %s in the page", path, page.Status, want)
			}
		}
		return true, ""
	})

	// carol answers bob: it reaches bob, signed by carol, mentioning him.
	bobsComment := commentID(t, web.Get(t, path).Body, html.EscapeString(reply))
	if resp := carol.PostForm(t, path+"/comment", url.Values{"body": {"Welcome, bob."}, "parent": {bobsComment}}); resp.Status != http.StatusSeeOther {
		t.Fatalf("carol's answer: %d\n%s", resp.Status, resp.Body)
	}
	mention := bob.await(t, deliveryTimeout, "carol's answer, mentioning bob", func(e event) bool {
		return e.Event == "shown" && e.Kind == "mention" && e.InReplyTo == note
	})
	if mention.Author != carolURL || mention.Signer != carolURL || mention.Name != "@bob@"+bobHost {
		t.Errorf("carol's answer by %s, signed by %s, mentions %q; want carol's, mentioning @bob@%s",
			mention.Author, mention.Signer, mention.Name, bobHost)
	}

	// carol edits the post, then deletes it: bob shows the new text, then
	// nothing, each only once carol signed it and Tidings confirmed it.
	if resp := carol.PostForm(t, path+"/edit", url.Values{"title": {title + ", edited"}, "body": {"Edited for microblogs."}}); resp.Status != http.StatusSeeOther {
		t.Fatalf("carol's edit: %d\n%s", resp.Status, resp.Body)
	}
	update := awaitShown(t, bob, "update", postURL)
	if update.Signer != carolURL || update.Name != title+", edited" || !strings.Contains(update.Content, "Edited for microblogs.") {
		t.Errorf("bob shows the edit signed by %s as %q: %s", update.Signer, update.Name, update.Content)
	}
	if resp := carol.PostForm(t, path+"/delete", nil); resp.Status != http.StatusSeeOther {
		t.Fatalf("carol's deletion: %d\n%s", resp.Status, resp.Body)
	}
	if del := awaitShown(t, bob, "delete", postURL); del.Signer != carolURL {
		t.Errorf("bob deleted the post on a Delete signed by %s", del.Signer)
	}
	if unboost := awaitShown(t, bob, "unboost", postURL); unboost.By != community || unboost.Signer != community {
		t.Errorf("bob took back the boost of %s by %s on an Undo signed by %s", postURL, unboost.By, unboost.Signer)
	}

	// Everything went to bob's own inbox, his server having no shared one,
	// and every activity he was sent can be fetched by its id, as Mastodon
	// and GoToSocial expect of ids.
	for _, e := range bob.inbox() {
		if e.Path != "/users/bob/inbox" {
			t.Errorf("the %s %s went to %s, not bob's inbox", e.Type, e.ID, e.Path)
		}
		got := bob.command(t, "dereference", map[string]string{"url": e.ID})
		if got.Status != http.StatusOK || got.Object != e.ID {
			t.Errorf("GET %s (the %s bob was sent): %d with id %q", e.ID, e.Type, got.Status, got.Object)
		}
	}
	if r := bob.refused(); len(r) > 0 {
		t.Errorf("bob's server refused %d activities, first %s", len(r), r[0].line)
	}
}

// awaitShown waits for the microblog peer to show (kind) object.
func awaitShown(t *testing.T, p *peer, kind, object string) event {
	t.Helper()
	return p.await(t, deliveryTimeout, kind+" of "+object+" shown", func(e event) bool {
		return e.Event == "shown" && e.Kind == kind && e.Object == object
	})
}
