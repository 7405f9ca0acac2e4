package e2e_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
)

var inboxLink = regexp.MustCompile(`<a href="/inbox" class="inbox-link[^"]*"><svg[^>]*><use href="#i-inbox"/></svg><span><span class="nav-label">Inbox</span>(?: \((\d+)\))?</span></a>`)

// A reply and a mention that bert writes on B reach anna's inbox on A:
// the reply to her post in her community, and the mention of
// @anna@A in a thread of his own, counted in her header and marked read
// there.
func TestTwoInstancesNotify(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.40"})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.41"})
	a.CreateUser(t, "anna", "correct horse battery")
	a.CreateCommunity(t, "news", "News", "anna")
	b.CreateUser(t, "bert", "correct horse battery")
	anna := a.Login(t, "anna", "correct horse battery")
	bert := b.Login(t, "bert", "correct horse battery")
	remote := subscribe(t, bert, "news", a.Host)

	postA := anna.CreatePost(t, "news", "Who saw the eclipse?", "Tell me.")
	postURL := fmt.Sprintf("%s/post/%d", a.URL, postA)
	var postB string
	fedtest.WaitFor(t, deliveryTimeout, "anna's post reaches B", func() (bool, string) {
		r := bert.Get(t, "/search?q="+url.QueryEscape(postURL))
		postB = r.Location
		return r.Status == 303 && strings.HasPrefix(postB, "/post/"), fmt.Sprint(r.Status)
	})
	if r := bert.PostForm(t, postB+"/comment", url.Values{"body": {"I did, from the **hill**."}}); r.Status != 303 {
		t.Fatalf("bert's reply: %d\n%s", r.Status, between(r.Body, "<main", "</main>"))
	}
	own := bert.CreatePost(t, "news@"+a.Host, "Photos of the eclipse", "Mine.")
	bert.Comment(t, own, "@anna@"+a.Host+" you asked who saw it")
	if page := bert.Get(t, remote); !strings.Contains(page.Body, "Photos of the eclipse") {
		t.Fatalf("bert's post is not in %s on B", remote)
	}

	fedtest.WaitFor(t, deliveryTimeout, "the reply and the mention reach anna's inbox on A", func() (bool, string) {
		page := anna.Get(t, "/inbox")
		m := inboxLink.FindStringSubmatch(page.Body)
		body := between(page.Body, "<main", "</main>")
		return m != nil && m[1] == "2" && strings.Contains(body, "I did, from the <strong>hill</strong>.") &&
			strings.Contains(body, "you asked who saw it"), body
	})
	page := between(anna.Get(t, "/inbox").Body, "<main", "</main>")
	bertOnA := fmt.Sprintf(`<a href="/u/%s">bert@%s</a>`, url.PathEscape("bert@"+b.Host), b.Host)
	for _, want := range []string{bertOnA, "replied to you", "mentioned you", "Who saw the eclipse?", "Photos of the eclipse"} {
		if !strings.Contains(page, want) {
			t.Errorf("anna's inbox lacks %q\n%s", want, page)
		}
	}
	if r := anna.PostForm(t, "/inbox/read_all", url.Values{}); r.Status != 303 {
		t.Fatalf("mark all read: %d", r.Status)
	}
	if m := inboxLink.FindStringSubmatch(anna.Get(t, "/").Body); m == nil || m[1] != "" {
		t.Errorf("after mark all read anna's header shows %q, want Inbox alone", m)
	}
}
