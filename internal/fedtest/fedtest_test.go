package fedtest_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/fedtest"
)

func TestMain(m *testing.M) { fedtest.Main(m) }

// TestInstance drives one real server the way the interop tests do: admin
// commands on its database, a browser-like session, and ActivityStreams
// JSON as another server would ask for it.
func TestInstance(t *testing.T) {
	in := fedtest.Start(t, fedtest.Options{IP: "127.0.0.2"})
	in.CreateUser(t, "carol", "correct horse battery")
	if got := in.CreateCommunity(t, "news", "News", "carol"); got != in.URL+"/c/news" {
		t.Errorf("community id = %s, want %s", got, in.URL+"/c/news")
	}

	c := in.Login(t, "carol", "correct horse battery")
	id := c.CreatePost(t, "news", "Hello from fedtest", "A body.")
	c.Comment(t, id, "First comment.")
	page := c.Get(t, "/post/"+strconv.FormatInt(id, 10))
	if page.Status != http.StatusOK || !strings.Contains(page.Body, "Hello from fedtest") || !strings.Contains(page.Body, "First comment.") {
		t.Errorf("thread page: %d, want the post and its comment\n%s", page.Status, page.Body)
	}

	var group struct{ ID, Type, Inbox string }
	if resp := in.NewClient().GetActivity(t, "/c/news", &group); resp.Status != http.StatusOK {
		t.Fatalf("GET /c/news as JSON: %d\n%s", resp.Status, resp.Body)
	}
	if group.ID != in.URL+"/c/news" || group.Type != "Group" || group.Inbox != in.URL+"/c/news/inbox" {
		t.Errorf("group = %+v", group)
	}
}

// Stop and Restart keep what the instance is: its database, host and port.
func TestStopAndRestart(t *testing.T) {
	in := fedtest.Start(t, fedtest.Options{IP: "127.0.0.3"})
	in.CreateUser(t, "carol", "correct horse battery")
	host := in.Host

	in.Stop(t)
	if resp, err := http.Get(in.URL + "/healthz"); err == nil {
		resp.Body.Close()
		t.Fatal("the stopped instance still answers")
	}
	in.Restart(t)
	if in.Host != host {
		t.Errorf("host %s after the restart, want %s", in.Host, host)
	}
	// The account made before the stop is still there.
	in.Login(t, "carol", "correct horse battery")
}

// Kill leaves nothing running, and the instance restarts over what it had.
func TestKillAndRestart(t *testing.T) {
	t.Parallel()
	in := fedtest.Start(t, fedtest.Options{IP: "127.0.0.4"})
	in.CreateUser(t, "carol", "correct horse battery")
	in.Kill(t)
	if resp, err := http.Get(in.URL + "/healthz"); err == nil {
		resp.Body.Close()
		t.Fatal("the killed instance still answers")
	}
	in.Restart(t)
	in.Login(t, "carol", "correct horse battery")
}

// With its database taken away by the proxy, an instance says it is not
// ready; given it back, it is again, without a restart.
func TestDatabaseProxy(t *testing.T) {
	t.Parallel()
	in := fedtest.Start(t, fedtest.Options{IP: "127.0.0.5", DatabaseProxy: true})
	ready := func() int {
		resp, err := http.Get(in.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	in.DatabaseProxy().Down()
	if got := ready(); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz without the database: %d, want 503", got)
	}
	in.DatabaseProxy().Up(t)
	fedtest.WaitFor(t, 10*time.Second, "ready again", func() (bool, string) {
		got := ready()
		return got == http.StatusOK, strconv.Itoa(got)
	})
}
