package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/fedtest"
)

// Two `tidings serve` processes of one instance, over one database, share
// its delivery work through River's queue: every activity reaches every
// follower instance exactly once, and both processes delivered some.
func TestTwoProcessesShareTheDeliveries(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.4"})
	// The same TIDINGS_HOST, another listen address: a second process
	// behind the same public name.
	second := a.StartProcess(t, "127.0.0.5")
	a.CreateUser(t, "anna", "correct horse battery")
	community := a.CreateCommunity(t, "news", "News", "anna")

	// Four follower instances, so that each activity fans out to four
	// inboxes on four hosts (the per-host limit is per process and per
	// host, so one host alone would make the deliveries queue up).
	const followers, activities = 4, 50
	remotes := make([]*fedtest.Remote, followers)
	for i := range remotes {
		remotes[i] = fedtest.StartRemote(t, "127.0.0.6", fmt.Sprintf("reader%d", i))
		remotes[i].Follow(t, community)
	}
	fedtest.WaitFor(t, deliveryTimeout, "every follower gets its Accept", func() (bool, string) {
		return allReceived(remotes, "Accept", 1)
	})

	// anna posts, then changes her vote on the post 49 times: 50
	// activities, each announced to 4 followers, and the post boosted by
	// its id too, for microblog servers: 51 Announces to each. Her session is in the
	// database, so it works on either process; half of what she does goes
	// through the second one.
	anna := a.Login(t, "anna", "correct horse battery")
	annaViaSecond := anna.Via(second)
	postID := anna.CreatePost(t, "news", "A busy thread", "Votes will fly.")
	for i := 1; i < activities; i++ {
		c, score := anna, "-1"
		if i%2 == 0 {
			c, score = annaViaSecond, "1"
		}
		if resp := c.PostForm(t, fmt.Sprintf("/post/%d/vote", postID), url.Values{"score": {score}}); resp.Status != 303 {
			t.Fatalf("vote %d: %d\n%s", i, resp.Status, resp.Body)
		}
	}

	fedtest.WaitFor(t, deliveryTimeout, "every follower gets every announcement", func() (bool, string) {
		return allReceived(remotes, "Announce", activities+1)
	})

	// The queue agrees: every delivery done, once each. River records a
	// job's completion a moment after its work returns, so this waits.
	db := a.DB(t)
	ctx := context.Background()
	want := followers * (activities + 2) // the announcements, the boost and an Accept to each follower
	fedtest.WaitFor(t, deliveryTimeout, "the queue records every delivery done", func() (bool, string) {
		var done, other int
		if err := db.QueryRow(ctx, `SELECT count(*) FILTER (WHERE state = 'completed'), count(*) FILTER (WHERE state <> 'completed')
			FROM river_job WHERE kind = 'deliver_activity'`).Scan(&done, &other); err != nil {
			t.Fatal(err)
		}
		return done == want && other == 0, fmt.Sprintf("%d deliveries completed and %d not, want %d completed", done, other, want)
	})

	// Both processes delivered some: attempted_by lists the River client
	// of each attempt, the last one the client that completed the job, and
	// each process logs its client's id when it starts.
	perClient := map[string]int{}
	rows, err := db.Query(ctx, `SELECT attempted_by[cardinality(attempted_by)], count(*) FROM river_job
		WHERE kind = 'deliver_activity' AND state = 'completed' GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var client string
		var n int
		if err := rows.Scan(&client, &n); err != nil {
			t.Fatal(err)
		}
		perClient[client] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	first, other := riverClientID(t, a.Log()), riverClientID(t, second.Log())
	if perClient[first] == 0 || perClient[other] == 0 || perClient[first]+perClient[other] != want {
		t.Errorf("deliveries completed per River client: %v; want all %d shared between the first process (%s) and the second (%s)",
			perClient, want, first, other)
	}
	t.Logf("deliveries made by the first process: %d, by the second: %d", perClient[first], perClient[other])

	// Nothing is left in the queue, so nothing more can arrive: what the
	// followers have is final.
	receivedOnce(t, remotes, "Accept", 1)
	receivedOnce(t, remotes, "Announce", activities+1)
}

var riverClientStarted = regexp.MustCompile(`msg="River client started" client_id=(\S+)`)

// riverClientID is the id of the River client a process's log says it
// started.
func riverClientID(t *testing.T, log string) string {
	t.Helper()
	m := riverClientStarted.FindStringSubmatch(log)
	if m == nil {
		t.Fatalf("the log does not say which River client started:\n%s", log)
	}
	return m[1]
}

// allReceived reports whether each remote got at least n distinct
// activities of type typ, or one of them twice, which waiting longer
// cannot undo.
func allReceived(remotes []*fedtest.Remote, typ string, n int) (bool, string) {
	ok := true
	var status []string
	for _, r := range remotes {
		distinct, repeated := r.Received(typ)
		if repeated > 0 {
			return true, ""
		}
		ok = ok && distinct >= n
		status = append(status, fmt.Sprintf("%s: %d %s", r.Host, distinct, typ))
	}
	return ok, strings.Join(status, ", ")
}

// receivedOnce checks that each remote got exactly n distinct activities
// of type typ, each once.
func receivedOnce(t *testing.T, remotes []*fedtest.Remote, typ string, n int) {
	t.Helper()
	for _, r := range remotes {
		if distinct, repeated := r.Received(typ); distinct != n || repeated != 0 {
			t.Errorf("%s received %d distinct %s activities, %d of them more than once; want %d, each once",
				r.Host, distinct, typ, repeated, n)
		}
	}
}
