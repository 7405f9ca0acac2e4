package e2e_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
)

// A person on A blocks B's instance for themselves: B's posts, those that
// came before and those that come after, leave their front page and the
// community's listing there, while everyone else on A still reads them;
// undoing the block brings them back.
func TestPersonalInstanceBlockHidesAnotherInstance(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.40"})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.41"})
	const pw = "correct horse battery"
	a.CreateUser(t, "anna", pw)
	a.CreateUser(t, "arne", pw)
	a.CreateCommunity(t, "local", "Local news", "anna")
	b.CreateUser(t, "bert", pw)
	b.CreateCommunity(t, "bnews", "News from B", "bert")
	anna, arne, bert := a.Login(t, "anna", pw), a.Login(t, "arne", pw), b.Login(t, "bert", pw)

	remote := "/c/" + url.PathEscape("bnews@"+b.Host)
	for name, c := range map[string]*fedtest.Client{"anna": anna, "arne": arne} {
		if r := c.Get(t, "/search?q="+url.QueryEscape("!bnews@"+b.Host)); r.Status != 303 || r.Location != remote {
			t.Fatalf("%s looks up !bnews@%s: %d to %q", name, b.Host, r.Status, r.Location)
		}
		if r := c.PostForm(t, remote+"/subscribe", url.Values{}); r.Status != 303 {
			t.Fatalf("%s subscribes: %d\n%s", name, r.Status, r.Body)
		}
		fedtest.WaitFor(t, deliveryTimeout, "B accepts "+name+"'s follow", func() (bool, string) {
			return strings.Contains(c.Get(t, remote).Body, ">Unsubscribe<"), ""
		})
	}
	anna.CreatePost(t, "local", "Written on A", "Close to home.")
	bert.CreatePost(t, "bnews", "Written on B before the block", "From afar.")
	fedtest.WaitFor(t, deliveryTimeout, "B's post reaches A's front page", func() (bool, string) {
		return strings.Contains(anna.Get(t, "/?sort=new").Body, "Written on B before the block"), ""
	})

	if r := anna.PostForm(t, "/settings/blocks/instance", url.Values{"host": {b.Host}}); r.Status != 303 || r.Location != "/settings/blocks" {
		t.Fatalf("anna blocks %s: %d to %q\n%s", b.Host, r.Status, r.Location, between(r.Body, "<main", "</main>"))
	}
	if list := anna.Get(t, "/settings/blocks"); !strings.Contains(list.Body, b.Host) {
		t.Errorf("anna's blocks do not list %s", b.Host)
	}

	bert.CreatePost(t, "bnews", "Written on B after the block", "Still from afar.")
	fedtest.WaitFor(t, deliveryTimeout, "the later post reaches A", func() (bool, string) {
		return strings.Contains(arne.Get(t, "/?sort=new").Body, "Written on B after the block"), ""
	})
	front := anna.Get(t, "/?sort=new").Body
	for _, title := range []string{"Written on B before the block", "Written on B after the block"} {
		if strings.Contains(front, title) {
			t.Errorf("anna's front page still shows %q after she blocked %s", title, b.Host)
		}
		for who, page := range map[string]string{"arne": arne.Get(t, "/?sort=new").Body, "a visitor": a.NewClient().Get(t, "/?sort=new").Body} {
			if !strings.Contains(page, title) {
				t.Errorf("%s's front page on A lacks %q: anna's block is hers alone", who, title)
			}
		}
	}
	if !strings.Contains(front, "Written on A") {
		t.Errorf("anna's front page lost A's own post")
	}
	if page := anna.Get(t, remote).Body; !strings.Contains(page, "You block "+b.Host) {
		t.Errorf("the blocked instance's community page does not say it is blocked")
	}
	if r := anna.PostForm(t, "/settings/blocks/instance", url.Values{"host": {a.Host}}); r.Status != 422 ||
		!strings.Contains(r.Body, "is this instance, your own") {
		t.Errorf("anna blocks her own instance: %d\n%s", r.Status, between(r.Body, "<main", "</main>"))
	}

	anna.PostForm(t, "/settings/blocks/instance", url.Values{"host": {b.Host}, "undo": {"1"}})
	front = anna.Get(t, "/?sort=new").Body
	if !strings.Contains(front, "Written on B before the block") || !strings.Contains(front, "Written on B after the block") {
		t.Errorf("after the unblock anna's front page still lacks B's posts")
	}
}
