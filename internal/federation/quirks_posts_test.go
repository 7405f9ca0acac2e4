package federation_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// A Note or an Article with a name is a post titled by it: Friendica's
// image post has a title and an image and no text, and its BBCode source
// is not taken for markdown.
func TestQuirkNamedNoteAndArticleArePosts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	hana, sign := servePerson(t, rm, "/profile/hana", "hana")
	moves := []string{"https://friendica.example", rm.url, "https://tidings.example/c/news", l.community.APID}

	note := quirk(t, "friendica_note_titled.json", "", moves...)
	if code, body := l.post(t, "/inbox", activity(create(rm.url+"/activity/1", hana, note)), sign); code != http.StatusAccepted {
		t.Fatalf("Create of a titled image Note: %d %s", code, body)
	}
	p, err := l.st.PostByAPID(ctx, note["id"].(string))
	if err != nil {
		t.Fatalf("the titled image Note was not kept as a post: %v", err)
	}
	if p.Title != "Harbour at dusk" || p.URL != rm.url+"/photo/6f2a1b.jpg" || p.CommunityID != l.community.ID ||
		strings.Contains(p.Body, "[img") {
		t.Errorf("post from a titled Note: title %q, link %q, body %q", p.Title, p.URL, p.Body)
	}

	article := quirk(t, "friendica_article.json", "", moves...)
	if code, body := l.post(t, "/inbox", activity(create(rm.url+"/activity/2", hana, article)), sign); code != http.StatusAccepted {
		t.Fatalf("Create of an Article: %d %s", code, body)
	}
	p, err = l.st.PostByAPID(ctx, article["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "The ferry timetable changes on Monday" || !strings.Contains(p.BodyHTML, "<b>first ferry</b>") ||
		strings.Contains(p.Body, "[b]") || !strings.Contains(p.Body, "From Monday the first ferry leaves at 6:40.") {
		t.Errorf("post from an Article with a BBCode source: title %q, body %q, html %q", p.Title, p.Body, p.BodyHTML)
	}
}

// A source that is not markdown (Misskey's MFM, Akkoma's HTML, Pleroma's
// bare string) is not kept as the comment's markdown: its text is the text
// of the sanitized content, which is what the page shows.
func TestQuirkSourceThatIsNotMarkdown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "The old bridge"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, host, author, name string
		text, html               string
		notText                  string
	}{
		{"misskey_note.json", "https://misskey.example", "/users/9tq1zz00aa", "mika",
			"That bridge is older than it looks\n$[x2 really]", "<b>older</b>", "**"},
		{"akkoma_note.json", "https://akkoma.example", "/users/kit", "kit",
			"I cross it every day. Not old at all:\nthey rebuilt it in 1990.", "<em>Not</em>", "<"},
		{"pleroma_note.json", "https://akkoma.example", "/users/kit", "kit",
			"Photos from 1989 show the old one.", "<i>old</i>", "[i]"},
	} {
		rm := newSender(t)
		author, sign := servePerson(t, rm, tc.author, tc.name)
		note := quirk(t, tc.file, "", tc.host, rm.url, "https://tidings.example/c/news", l.community.APID,
			`"POST"`, `"`+post.APID+`"`)
		if code, body := l.post(t, "/inbox", activity(create(rm.url+"/activity/1", author, note)), sign); code != http.StatusAccepted {
			t.Fatalf("%s: %d %s", tc.file, code, body)
		}
		c, err := l.st.CommentByAPID(ctx, note["id"].(string))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if c.Body != tc.text || strings.Contains(c.Body, tc.notText) || !strings.Contains(c.BodyHTML, tc.html) {
			t.Errorf("%s: body %q, html %q; want the text %q of the content, showing %s", tc.file, c.Body, c.BodyHTML, tc.text, tc.html)
		}
	}
}

// What is kept of remote HTML is capped as markdown is, however long the
// content sent, and cut where the sanitizer can close what the cut leaves
// open.
func TestQuirkLongRemoteHTMLIsCapped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	long := "<p><b>" + strings.Repeat("long ", 199_950) + "</b></p>"
	page := map[string]any{"id": rm.url + "/post/1", "type": "Page", "attributedTo": rm.bob, "name": "Long",
		"audience": l.community.APID, "to": []string{l.community.APID, public}, "content": long}
	if code, body := l.post(t, "/inbox", activity(create(rm.url+"/activities/create/1", rm.bob, page)), rm.signer); code != http.StatusAccepted {
		t.Fatalf("a post of %d characters: %d %s", len(long), code, body)
	}
	p, err := l.st.PostByAPID(ctx, rm.url+"/post/1")
	if err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(p.BodyHTML)); n > forum.MaxPostHTMLLen || n < forum.MaxPostHTMLLen/2 ||
		!strings.HasPrefix(p.BodyHTML, "<p><b>long long") || !strings.HasSuffix(p.BodyHTML, "</b></p>") {
		t.Errorf("a post's HTML of %d characters was kept as %d: %.20s…%s", len(long), n, p.BodyHTML, p.BodyHTML[len(p.BodyHTML)-12:])
	}
	if n := len([]rune(p.Body)); n > forum.MaxPostLen {
		t.Errorf("its text: %d characters, at most %d", n, forum.MaxPostLen)
	}

	note := map[string]any{"id": rm.url + "/comment/1", "type": "Note", "attributedTo": rm.bob, "inReplyTo": p.APID,
		"to": []string{ap.Public}, "cc": []string{l.community.APID},
		"content": "<blockquote>" + strings.Repeat("&amp; ", 50_000) + "</blockquote>"}
	if code, body := l.post(t, "/inbox", activity(create(rm.url+"/activities/create/2", rm.bob, note)), rm.signer); code != http.StatusAccepted {
		t.Fatalf("a long comment: %d %s", code, body)
	}
	c, err := l.st.CommentByAPID(ctx, rm.url+"/comment/1")
	if err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(c.BodyHTML)); n > forum.MaxCommentHTMLLen || !strings.HasSuffix(c.BodyHTML, "</blockquote>") {
		t.Errorf("a comment's HTML was kept as %d characters (at most %d): …%s", n, forum.MaxCommentHTMLLen, c.BodyHTML[len(c.BodyHTML)-20:])
	}

	// A bio and a sidebar, fetched.
	bio := "<p>" + strings.Repeat("about me ", 60_000) + "</p>"
	rm.serve(map[string]any{"id": rm.url + "/u/carol", "type": "Person", "preferredUsername": "carol", "summary": bio,
		"inbox": rm.url + "/u/carol/inbox", "publicKey": map[string]string{"id": rm.url + "/u/carol#main-key",
			"owner": rm.url + "/u/carol", "publicKeyPem": rm.pub}})
	group, _ := rm.group(t, "big")
	sidebar := rm.objects["/c/big"]
	sidebar["summary"] = bio
	rm.serve(sidebar)
	for _, id := range []string{rm.url + "/u/carol", group} {
		if _, err := l.fed.Resolve(ctx, id); err != nil {
			t.Fatalf("look up %s: %v", id, err)
		}
	}
	person, err := l.st.PersonByAPID(ctx, rm.url+"/u/carol")
	if err != nil {
		t.Fatal(err)
	}
	community, err := l.st.CommunityByAPID(ctx, group)
	if err != nil {
		t.Fatal(err)
	}
	for what, h := range map[string]string{"bio": person.BioHTML, "sidebar": community.DescriptionHTML} {
		if n := len([]rune(h)); n > forum.MaxProfileHTMLLen || n == 0 || !strings.HasSuffix(h, "</p>") {
			t.Errorf("a %s of %d characters was kept as %d (at most %d)", what, len(bio), n, forum.MaxProfileHTMLLen)
		}
	}
}
