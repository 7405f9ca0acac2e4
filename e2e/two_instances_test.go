// Package e2e_test runs real `tidings serve` processes on loopback
// addresses and checks that they federate as their users would see it.
package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/fedtest"
)

func TestMain(m *testing.M) { fedtest.Main(m) }

// deliveryTimeout bounds each wait for federation: deliveries are River
// jobs that take milliseconds when they work.
const deliveryTimeout = 30 * time.Second

// A user on B follows a community on A and gets its earlier posts; both
// sides post, reply, vote, edit and delete; in the end both instances
// render the same thread.
func TestTwoInstancesFederateAThread(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.2"})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.3"})
	a.CreateUser(t, "anna", "correct horse battery")
	a.CreateCommunity(t, "news", "News", "anna")
	b.CreateUser(t, "bert", "correct horse battery")
	anna := a.Login(t, "anna", "correct horse battery")
	bert := b.Login(t, "bert", "correct horse battery")
	// A post from before anyone on B followed: it comes with the backfill.
	anna.CreatePost(t, "news", "Before B came", "An older post.")

	// bert finds the community by its handle, and follows it.
	handle := "!news@" + a.Host
	found := bert.Get(t, "/search?q="+url.QueryEscape(handle))
	remote := "/c/" + url.PathEscape("news@"+a.Host)
	if found.Status != 303 || found.Location != remote {
		t.Fatalf("search %s: %d to %q, want 303 to %s\n%s", handle, found.Status, found.Location, remote, found.Body)
	}
	// People too, with a link to their home.
	person := bert.Get(t, "/search?q="+url.QueryEscape("@anna@"+a.Host))
	annaHere := "/u/" + url.PathEscape("anna@"+a.Host)
	if person.Status != 303 || person.Location != annaHere {
		t.Fatalf("search @anna@%s: %d to %q, want %s", a.Host, person.Status, person.Location, annaHere)
	}
	if page := bert.Get(t, annaHere); !strings.Contains(page.Body, `href="`+a.URL+`/u/anna"`) {
		t.Errorf("anna's page on B has no link to her home: %d", page.Status)
	}
	missing := bert.Get(t, "/search?q="+url.QueryEscape("!nothere@"+a.Host))
	if missing.Status != 200 || !strings.Contains(missing.Body, "Could not find !nothere@"+a.Host) {
		t.Errorf("search for a community A does not have: %d\n%s", missing.Status, between(missing.Body, "<main", "</form>"))
	}
	if anon := b.NewClient().Get(t, "/search?q="+url.QueryEscape(handle)); !strings.Contains(anon.Body, "Log in to look up") {
		t.Errorf("search by someone not logged in: %d", anon.Status)
	}
	if resp := bert.PostForm(t, remote+"/subscribe", url.Values{}); resp.Status != 303 {
		t.Fatalf("subscribe: %d\n%s", resp.Status, resp.Body)
	}
	fedtest.WaitFor(t, deliveryTimeout, "A accepts bert's follow", func() (bool, string) {
		page := bert.Get(t, remote)
		return strings.Contains(page.Body, ">Unsubscribe<"), between(page.Body, "<form method=\"post\" action=\""+remote, "</form>")
	})
	fedtest.WaitFor(t, deliveryTimeout, "the older post is backfilled", func() (bool, string) {
		return strings.Contains(bert.Get(t, remote).Body, "Before B came"), ""
	})

	// anna posts on A; it reaches B, where bert finds it by its URL.
	postA := anna.CreatePost(t, "news", "Hello from A", "The first post.")
	postURL := fmt.Sprintf("%s/post/%d", a.URL, postA)
	fedtest.WaitFor(t, deliveryTimeout, "the post reaches B", func() (bool, string) {
		page := bert.Get(t, remote)
		return strings.Contains(page.Body, "Hello from A"), ""
	})
	lookup := bert.Get(t, "/search?q="+url.QueryEscape(postURL))
	postB, ok := strings.CutPrefix(lookup.Location, "/post/")
	if lookup.Status != 303 || !ok {
		t.Fatalf("search %s: %d to %q", postURL, lookup.Status, lookup.Location)
	}
	if page := bert.Get(t, "/post/"+postB); !strings.Contains(page.Body, `href="`+postURL+`"`) {
		t.Errorf("the post on B has no fedilink to %s", postURL)
	}

	// bert replies on B; anna replies to that on A.
	bert.PostForm(t, "/post/"+postB+"/comment", url.Values{"body": {"A reply from B."}})
	fedtest.WaitFor(t, deliveryTimeout, "bert's reply reaches A", func() (bool, string) {
		return strings.Contains(anna.Get(t, fmt.Sprintf("/post/%d", postA)).Body, "A reply from B."), ""
	})
	bertsOnA := commentID(t, anna.Get(t, fmt.Sprintf("/post/%d", postA)).Body, "A reply from B.")
	anna.PostForm(t, fmt.Sprintf("/post/%d/comment", postA), url.Values{"body": {"An answer from A."}, "parent": {bertsOnA}})
	fedtest.WaitFor(t, deliveryTimeout, "anna's answer reaches B", func() (bool, string) {
		return strings.Contains(bert.Get(t, "/post/"+postB).Body, "An answer from A."), ""
	})

	// Both vote: bert up on the post and on anna's answer, anna down on
	// bert's reply.
	threadB := bert.Get(t, "/post/"+postB).Body
	bert.PostForm(t, "/post/"+postB+"/vote", url.Values{"score": {"1"}})
	bert.PostForm(t, "/comment/"+commentID(t, threadB, "An answer from A.")+"/vote", url.Values{"score": {"1"}})
	anna.PostForm(t, "/comment/"+bertsOnA+"/vote", url.Values{"score": {"-1"}})

	// Edits and deletions on each side.
	anna.PostForm(t, fmt.Sprintf("/post/%d/edit", postA), url.Values{"title": {"Hello from A, edited"},
		"body": {"The first post, edited."}})
	bertsOnB := commentID(t, threadB, "A reply from B.")
	bert.PostForm(t, "/comment/"+bertsOnB+"/edit", url.Values{"body": {"A reply from B, edited."}})
	bert.PostForm(t, "/post/"+postB+"/comment", url.Values{"body": {"A second thought from B."}})
	anna.PostForm(t, fmt.Sprintf("/post/%d/comment", postA), url.Values{"body": {"A passing remark from A."}})
	fedtest.WaitFor(t, deliveryTimeout, "the later comments cross", func() (bool, string) {
		return strings.Contains(anna.Get(t, fmt.Sprintf("/post/%d", postA)).Body, "A second thought from B.") &&
			strings.Contains(bert.Get(t, "/post/"+postB).Body, "A passing remark from A."), ""
	})
	bert.PostForm(t, "/comment/"+commentID(t, bert.Get(t, "/post/"+postB).Body, "A second thought from B.")+"/delete", url.Values{})
	anna.PostForm(t, "/comment/"+commentID(t, anna.Get(t, fmt.Sprintf("/post/%d", postA)).Body, "A passing remark from A.")+"/delete", url.Values{})

	// bert posts into A's community from B.
	bert.CreatePost(t, "news@"+a.Host, "Hello from B", "A post written on B.")
	fedtest.WaitFor(t, deliveryTimeout, "bert's post reaches A", func() (bool, string) {
		return strings.Contains(anna.Get(t, "/c/news").Body, "Hello from B"), ""
	})

	// Both render the same thread: the same comments, nested the same,
	// with the same scores, and the post with its edit and its score.
	var lastA, lastB string
	fedtest.WaitFor(t, deliveryTimeout, "both instances show the same thread", func() (bool, string) {
		pageA, pageB := anna.Get(t, fmt.Sprintf("/post/%d", postA)).Body, bert.Get(t, "/post/"+postB).Body
		lastA, lastB = renderThread(pageA, a.Host), renderThread(pageB, b.Host)
		return lastA == lastB && strings.Contains(lastA, "A reply from B, edited.") &&
				strings.Contains(lastA, "Hello from A, edited") && strings.Count(lastA, "deleted by its author") == 2,
			"A:\n" + lastA + "\nB:\n" + lastB
	})
	t.Logf("the thread on both instances:\n%s", lastA)

	// bert reports anna's post from B: the report reaches the queue of
	// news's moderator on A, who resolves it with a removal, and B shows
	// the post removed.
	form := bert.Get(t, "/post/"+postB+"/report")
	if form.Status != 200 || !strings.Contains(form.Body, "and to the server the community is on") {
		t.Fatalf("the report form on B: %d\n%s", form.Status, between(form.Body, "<main", "</main>"))
	}
	sent := bert.PostForm(t, "/post/"+postB+"/report", url.Values{"reason": {"Off topic for News"}})
	if sent.Status != 303 {
		t.Fatalf("report on B: %d\n%s", sent.Status, between(sent.Body, "<main", "</main>"))
	}
	fedtest.WaitFor(t, deliveryTimeout, "bert's report reaches A's queue", func() (bool, string) {
		page := anna.Get(t, "/reports")
		return strings.Contains(page.Body, `Reports</span> (1)`) && strings.Contains(page.Body, "Off topic for News") &&
			strings.Contains(page.Body, "bert@"+b.Host), between(page.Body, "<main", "</main>")
	})
	queue := anna.Get(t, "/reports").Body
	m := regexp.MustCompile(`<li class="report" id="r(\d+)">`).FindStringSubmatch(queue)
	if m == nil || !strings.Contains(queue, fmt.Sprintf(`href="/post/%d"`, postA)) {
		t.Fatalf("A's queue does not show the report of post %d:\n%s", postA, between(queue, "<main", "</main>"))
	}
	resolved := anna.PostForm(t, "/reports/"+m[1]+"/resolve", url.Values{"remove": {"1"}, "reason": {"Off topic"}})
	if resolved.Status != 303 {
		t.Fatalf("resolve on A: %d\n%s", resolved.Status, between(resolved.Body, "<main", "</main>"))
	}
	if page := anna.Get(t, "/reports"); !strings.Contains(page.Body, `Reports</span> (0)`) {
		t.Errorf("A's header after resolving: %s", between(page.Body, "<nav", "</nav>"))
	}
	fedtest.WaitFor(t, deliveryTimeout, "B shows the post removed", func() (bool, string) {
		page := bert.Get(t, "/post/"+postB)
		return strings.Contains(page.Body, "This post was removed by a moderator."), between(page.Body, "<article", "</article>")
	})
}

// A moderator on A removes a comment written on B, locks the post, pins
// another and bans the person on B from the community: B shows all of it,
// and the banned person's new comment is refused by B, and by A when it
// comes from a server that missed the ban.
func TestTwoInstancesModerate(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.20"})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.21"})
	a.CreateUser(t, "anna", "correct horse battery")
	a.CreateCommunity(t, "news", "News", "anna")
	b.CreateUser(t, "bert", "correct horse battery")
	anna := a.Login(t, "anna", "correct horse battery")
	bert := b.Login(t, "bert", "correct horse battery")
	remote := subscribe(t, bert, "news", a.Host)

	kept := anna.CreatePost(t, "news", "A thread to keep", "Discuss.")
	pinned := anna.CreatePost(t, "news", "Read this first", "The rules.")
	onB := func(id int64) string {
		t.Helper()
		u := fmt.Sprintf("%s/post/%d", a.URL, id)
		var path string
		fedtest.WaitFor(t, deliveryTimeout, "B has "+u, func() (bool, string) {
			r := bert.Get(t, "/search?q="+url.QueryEscape(u))
			path = r.Location
			return r.Status == 303 && strings.HasPrefix(path, "/post/"), fmt.Sprint(r.Status)
		})
		return path
	}
	keptB, pinnedB := onB(kept), onB(pinned)
	bert.Comment(t, mustID(t, keptB), "A rude remark from B.")
	keptA := fmt.Sprintf("/post/%d", kept)
	fedtest.WaitFor(t, deliveryTimeout, "bert's comment reaches A", func() (bool, string) {
		return strings.Contains(anna.Get(t, keptA).Body, "A rude remark from B."), ""
	})

	// anna moderates on A, through the pages.
	bertsOnA := commentID(t, anna.Get(t, keptA).Body, "A rude remark from B.")
	for _, f := range []struct {
		path string
		form url.Values
	}{
		{"/comment/" + bertsOnA + "/remove", url.Values{"reason": {"Be civil"}}},
		{keptA + "/lock", nil},
		{fmt.Sprintf("/post/%d/feature", pinned), nil},
		{"/c/news/ban", url.Values{"person": {"bert@" + b.Host}, "reason": {"Rudeness"}}},
	} {
		if r := anna.PostForm(t, f.path, f.form); r.Status != 303 {
			t.Fatalf("%s on A: %d\n%s", f.path, r.Status, between(r.Body, "<main", "</main>"))
		}
	}

	// B shows it all: to a reader there, to bert himself.
	reader := b.NewClient()
	fedtest.WaitFor(t, deliveryTimeout, "B shows the removal and the lock", func() (bool, string) {
		page := reader.Get(t, keptB).Body
		return strings.Contains(page, "removed by a moderator") && !strings.Contains(page, "A rude remark from B.") &&
			strings.Contains(page, `<span class="tag">Locked</span>`), between(page, "<main", "</main>")
	})
	if page := bert.Get(t, keptB).Body; !strings.Contains(page, "removed by a moderator; only its author") ||
		!strings.Contains(page, "A rude remark from B.") {
		t.Errorf("bert does not see his removed comment marked as removed\n%s", between(page, `<ol class="comment-tree">`, "</ol>"))
	}
	fedtest.WaitFor(t, deliveryTimeout, "B pins the post in the community", func() (bool, string) {
		page := reader.Get(t, remote+"?sort=new").Body
		first, _ := listed(page, "")
		return first == pinnedB && strings.Contains(page, `<span class="tag">Pinned</span>`), between(page, `<div class="posts">`, "</div>")
	})
	fedtest.WaitFor(t, deliveryTimeout, "B knows bert is banned", func() (bool, string) {
		return strings.Contains(bert.Get(t, remote).Body, "You are banned from this community"), ""
	})

	// B refuses bert's comment; nothing is sent.
	r := bert.PostForm(t, pinnedB+"/comment", url.Values{"body": {"Banned, but trying."}})
	if r.Status != 403 || !strings.Contains(r.Body, "You are banned from News.") {
		t.Errorf("B takes a banned person's comment: %d\n%s", r.Status, between(r.Body, "<main", "</main>"))
	}
	// A server that missed the ban sends it on: A refuses it. B is made to
	// forget the ban, as a server that never got it would be.
	dbB := b.DB(t)
	if _, err := dbB.Exec(context.Background(), `DELETE FROM community_bans`); err != nil {
		t.Fatal(err)
	}
	if r := bert.PostForm(t, pinnedB+"/comment", url.Values{"body": {"Sent from a server that missed the ban."}}); r.Status != 303 {
		t.Fatalf("B, having forgotten the ban, refuses the comment: %d", r.Status)
	}
	fedtest.WaitFor(t, deliveryTimeout, "A refuses the banned person's comment", func() (bool, string) {
		var state, errs string
		err := dbB.QueryRow(context.Background(), `SELECT state, errors::text FROM river_job
			WHERE kind = 'deliver_activity' AND args->>'activity' LIKE '%Sent from a server that missed the ban.%'
			ORDER BY id DESC LIMIT 1`).Scan(&state, &errs)
		return err == nil && (state == "cancelled" || state == "discarded") && strings.Contains(errs, "answered 403"),
			fmt.Sprintf("%s %s %v", state, errs, err)
	})
	if page := anna.Get(t, fmt.Sprintf("/post/%d", pinned)).Body; strings.Contains(page, "Sent from a server that missed the ban.") {
		t.Error("A shows the banned person's comment")
	}
}

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(strings.TrimPrefix(path, "/post/"), 10, 64)
	if err != nil {
		t.Fatalf("not a post's path: %q", path)
	}
	return n
}
