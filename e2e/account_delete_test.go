package e2e_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
)

// anna on A deletes her account and her posts with it: B, whose bert
// follows her community, receives the signed Delete of her actor with
// removeData and takes her post down too.
func TestAccountDeletionReachesTheOtherServer(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.2"})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.3"})
	a.CreateUser(t, "root", pw)
	a.Admin(t, "", "user", "promote", "root")
	a.CreateUser(t, "anna", pw)
	a.CreateCommunity(t, "news", "News", "root")
	b.CreateUser(t, "bert", pw)
	anna := a.Login(t, "anna", pw)
	bert := b.Login(t, "bert", pw)

	remote := "/c/" + url.PathEscape("news@"+a.Host)
	if found := bert.Get(t, "/search?q="+url.QueryEscape("!news@"+a.Host)); found.Location != remote {
		t.Fatalf("search: %d to %q", found.Status, found.Location)
	}
	if r := bert.PostForm(t, remote+"/subscribe", url.Values{}); r.Status != 303 {
		t.Fatalf("subscribe: %d", r.Status)
	}
	fedtest.WaitFor(t, deliveryTimeout, "A accepts bert's follow", func() (bool, string) {
		return strings.Contains(bert.Get(t, remote).Body, ">Unsubscribe<"), ""
	})
	anna.CreatePost(t, "news", "Last words of anna", "Soon gone.")
	fedtest.WaitFor(t, deliveryTimeout, "anna's post reaches B", func() (bool, string) {
		return strings.Contains(bert.Get(t, remote).Body, "Last words of anna"), ""
	})

	r := anna.PostForm(t, "/settings/delete", url.Values{"content": {"remove"}, "password": {pw}})
	if r.Status != 303 || r.Location != "/login?done=deleted" {
		t.Fatalf("delete the account: %d to %q\n%s", r.Status, r.Location, between(r.Body, "<main", "</main>"))
	}
	if page := a.NewClient().Get(t, "/u/anna"); page.Status != 410 {
		t.Errorf("anna's profile on A: %d, want 410", page.Status)
	}
	fedtest.WaitFor(t, deliveryTimeout, "B takes anna's post down", func() (bool, string) {
		page := bert.Get(t, remote)
		return !strings.Contains(page.Body, "Last words of anna"), between(page.Body, "<main", "</main>")
	})
	db := b.DB(t)
	if n := count(t, db, `SELECT count(*) FROM people WHERE name = 'anna' AND deleted`); n != 1 {
		t.Errorf("B has anna deleted %d times, want once", n)
	}
	if n := count(t, db, `SELECT count(*) FROM posts WHERE title = 'Last words of anna' AND deleted`); n != 1 {
		t.Errorf("B has %d of anna's posts deleted, want 1", n)
	}
}
