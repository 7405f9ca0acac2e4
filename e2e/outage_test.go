package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/fedtest"
)

// B and C follow a community on A. C goes down; A and B post, comment,
// vote and edit; C comes back on the same address. Everything sent to C
// while it was down arrives, once: C renders the same threads as A, and
// took each delivery exactly once.
func TestAnInstanceThatWasDownCatchesUp(t *testing.T) {
	t.Parallel()
	// Deliveries are retried after 100 ms, 200 ms, 400 ms... instead of 1
	// minute, 2, 4...: the same retries, soon enough for a test.
	fast := map[string]string{"TIDINGS_DELIVERY_RETRY_BASE": "100ms"}
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.7", Env: fast})
	b := fedtest.Start(t, fedtest.Options{IP: "127.0.0.8", Env: fast})
	c := fedtest.Start(t, fedtest.Options{IP: "127.0.0.9", Env: fast})
	a.CreateUser(t, "anna", "correct horse battery")
	a.CreateCommunity(t, "news", "News", "anna")
	b.CreateUser(t, "bert", "correct horse battery")
	c.CreateUser(t, "cleo", "correct horse battery")
	anna := a.Login(t, "anna", "correct horse battery")
	bert := b.Login(t, "bert", "correct horse battery")
	cleo := c.Login(t, "cleo", "correct horse battery")
	onB := subscribe(t, bert, "news", a.Host)
	onC := subscribe(t, cleo, "news", a.Host)

	// A post before the outage reaches both.
	earlierA := fmt.Sprintf("/post/%d", anna.CreatePost(t, "news", "Before the outage", "All is well."))
	var earlierB string
	fedtest.WaitFor(t, deliveryTimeout, "the first post reaches B and C", func() (bool, string) {
		earlierB, _ = listed(bert.Get(t, onB).Body, "Before the outage")
		onC, _ := listed(cleo.Get(t, onC).Body, "Before the outage")
		return earlierB != "" && onC != "", fmt.Sprintf("on B: %q, on C: %q", earlierB, onC)
	})

	c.Stop(t)

	// While C is down: a new post with comments from A and B, a reply to
	// the old post, votes both ways, an edit.
	duringA := fmt.Sprintf("/post/%d", anna.CreatePost(t, "news", "While C was down", "Is C there?"))
	anna.PostForm(t, duringA+"/comment", url.Values{"body": {"A first comment from A."}})
	var duringB string
	fedtest.WaitFor(t, deliveryTimeout, "the second post and its comment reach B", func() (bool, string) {
		duringB, _ = listed(bert.Get(t, onB).Body, "While C was down")
		return duringB != "" && strings.Contains(bert.Get(t, duringB).Body, "A first comment from A."), duringB
	})
	bert.PostForm(t, duringB+"/comment", url.Values{"body": {"A reply from B."}})
	bert.PostForm(t, earlierB+"/comment", url.Values{"body": {"Late to the first thread, from B."}})
	fedtest.WaitFor(t, deliveryTimeout, "bert's comments reach A", func() (bool, string) {
		return strings.Contains(anna.Get(t, duringA).Body, "A reply from B.") &&
			strings.Contains(anna.Get(t, earlierA).Body, "Late to the first thread, from B."), ""
	})
	threadA := anna.Get(t, duringA).Body
	anna.PostForm(t, duringA+"/comment", url.Values{"body": {"An answer from A."},
		"parent": {commentID(t, threadA, "A reply from B.")}})
	anna.PostForm(t, "/comment/"+commentID(t, threadA, "A reply from B.")+"/vote", url.Values{"score": {"-1"}})
	threadB := bert.Get(t, duringB).Body
	bert.PostForm(t, duringB+"/vote", url.Values{"score": {"1"}})
	bert.PostForm(t, "/comment/"+commentID(t, threadB, "A first comment from A.")+"/vote", url.Values{"score": {"1"}})
	anna.PostForm(t, duringA+"/edit", url.Values{"title": {"While C was down, edited"}, "body": {"Is C there? Edited."}})

	// B has it all: everything was sent while C was down.
	fedtest.WaitFor(t, deliveryTimeout, "B shows what A shows", func() (bool, string) {
		ra, rb := renderThread(anna.Get(t, duringA).Body, a.Host), renderThread(bert.Get(t, duringB).Body, b.Host)
		return ra == rb && strings.Contains(ra, "An answer from A.") && strings.Contains(ra, "edited"),
			"A:\n" + ra + "\nB:\n" + rb
	})
	// And A has tried C for each of its deliveries there, and failed.
	db := a.DB(t)
	cInbox := c.URL + "/%"
	fedtest.WaitFor(t, deliveryTimeout, "A has tried and failed every delivery to C", func() (bool, string) {
		var waiting, untried int
		if err := db.QueryRow(context.Background(), `SELECT count(*), count(*) FILTER (WHERE cardinality(errors) = 0)
			FROM river_job WHERE kind = 'deliver_activity' AND args->>'inbox' LIKE $1 AND state <> 'completed'`,
			cInbox).Scan(&waiting, &untried); err != nil {
			t.Fatal(err)
		}
		return waiting > 0 && untried == 0, fmt.Sprintf("%d deliveries to C waiting, %d of them not yet tried:\n%s",
			waiting, untried, waitingJobs(t, db, cInbox))
	})

	c.Restart(t)

	// C catches up: both threads as A shows them, with the same comment
	// counts in the community's listing.
	for _, title := range []string{"Before the outage", "While C was down"} {
		var lastA, lastC string
		fedtest.WaitFor(t, deliveryTimeout, "C shows "+title+" as A does", func() (bool, string) {
			pathA, countA := listed(anna.Get(t, "/c/news").Body, title)
			pathC, countC := listed(cleo.Get(t, onC).Body, title)
			if pathC == "" {
				return false, "not listed on C"
			}
			lastA, lastC = renderThread(anna.Get(t, pathA).Body, a.Host), renderThread(cleo.Get(t, pathC).Body, c.Host)
			return lastA == lastC && countA == countC,
				fmt.Sprintf("A (%s):\n%s\nC (%s):\n%s", countA, lastA, countC, lastC)
		})
		t.Logf("%s, on A and C:\n%s", title, lastC)
		if lines := strings.Split(lastC, "\n"); len(lines) != len(uniq(lines)) {
			t.Errorf("C shows a line twice:\n%s", lastC)
		}
	}

	// Each activity was delivered to C once: A's queue completed every
	// delivery to C, and C took exactly as many activities.
	var delivered, pending int
	fedtest.WaitFor(t, deliveryTimeout, "A's queue records every delivery to C done", func() (bool, string) {
		if err := db.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE state = 'completed'),
			count(*) FILTER (WHERE state <> 'completed')
			FROM river_job WHERE kind = 'deliver_activity' AND args->>'inbox' LIKE $1`, cInbox).Scan(&delivered, &pending); err != nil {
			t.Fatal(err)
		}
		return pending == 0, fmt.Sprintf("%d deliveries to C done, %d not:\n%s", delivered, pending, waitingJobs(t, db, cInbox))
	})
	if taken := len(inboxTaken.FindAllString(c.Log(), -1)); taken != delivered {
		t.Errorf("C's inbox took %d activities, but A made %d deliveries to it", taken, delivered)
	}
}

// inboxTaken matches the log line of an activity an inbox took.
var inboxTaken = regexp.MustCompile(`method=POST path=\S*/inbox status=2\d\d`)

func uniq(lines []string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines {
		m[l] = true
	}
	return m
}

// waitingJobs describes the deliveries to inboxes LIKE inboxes that are
// not done, for failure messages.
func waitingJobs(t *testing.T, db *pgxpool.Pool, inboxes string) string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT id, state, attempt, scheduled_at - now(),
		left(args->>'activity', 120), coalesce(errors[cardinality(errors)]->>'error', '')
		FROM river_job WHERE kind = 'deliver_activity' AND args->>'inbox' LIKE $1 AND state <> 'completed' ORDER BY id`, inboxes)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for rows.Next() {
		var id int64
		var state, activity, lastErr string
		var attempt int
		var in time.Duration
		if err := rows.Scan(&id, &state, &attempt, &in, &activity, &lastErr); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "job %d %s, attempt %d, next in %s: %s… (last error: %s)\n", id, state, attempt, in.Round(time.Millisecond), activity, lastErr)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
