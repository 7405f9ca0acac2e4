package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/fedtest"
)

const (
	// fanOutActivities, each announced to fanOutFollowers instances: the
	// 300 deliveries of the fan-out that a crash interrupts.
	fanOutActivities = 100
	fanOutFollowers  = 3
	// resumeWithin is how soon after a crash every delivery it
	// interrupted must be made again.
	resumeWithin = time.Minute
	// crashTimeout bounds the wait for the fan-out to end after a crash:
	// resumeWithin, and the rest of the fan-out after it.
	crashTimeout = 90 * time.Second
)

// `tidings serve` is killed with SIGKILL in the middle of a fan-out of 300
// deliveries, and restarted. Within a minute of the restart every
// delivery it was making when it died has been made again, on the default
// retry schedule (a minute's wait after a failure, which an interrupted
// delivery must not serve); every follower has every activity, and the
// only ones that came twice are those that were in flight at the kill.
func TestAKilledServerResumesItsDeliveries(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.10"})
	remotes, anna := fanOutRig(t, a, "127.0.0.11")
	db := a.DB(t)

	fanOut(t, anna, remotes)
	a.Kill(t)
	interrupted := runningDeliveries(t, db, "")
	if len(interrupted) == 0 {
		t.Fatal("no delivery was in flight at the kill: the fan-out was not interrupted")
	}
	a.Restart(t)
	restarted := time.Now()

	waitForFanOut(t, db, remotes)
	last := resumed(t, remotes, interrupted, restarted)
	t.Logf("%d deliveries were in flight at the kill; the last of them arrived %s after the restart",
		len(interrupted), last.Round(100*time.Millisecond))
	if last > resumeWithin {
		t.Errorf("the last interrupted delivery arrived %s after the restart, want within %s", last.Round(time.Second), resumeWithin)
	}
}

// Two processes serve one instance; one is killed with SIGKILL in the
// middle of a fan-out, and is not restarted. The other makes every
// delivery the dead one was making within a minute of its death, and the
// rest of the fan-out, each once but for those in flight at the kill.
func TestTheOtherProcessResumesAKilledOnesDeliveries(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.12"})
	second := a.StartProcess(t, "127.0.0.13")
	remotes, anna := fanOutRig(t, a, "127.0.0.14")
	db := a.DB(t)

	fanOut(t, anna.Via(second), remotes)
	killed := riverClientID(t, a.Log())
	a.Kill(t)
	died := time.Now()
	interrupted := runningDeliveries(t, db, killed)
	if len(interrupted) == 0 {
		t.Fatal("the killed process had no delivery in flight: the fan-out was not interrupted")
	}

	waitForFanOut(t, db, remotes)
	last := resumed(t, remotes, interrupted, died)
	t.Logf("%d deliveries of the killed process were in flight; the last of them arrived %s after its death",
		len(interrupted), last.Round(100*time.Millisecond))
	if last > resumeWithin {
		t.Errorf("the last interrupted delivery arrived %s after the kill, want within %s", last.Round(time.Second), resumeWithin)
	}
}

// fanOutRig is a community on a, followed by fanOutFollowers Remotes on
// ip whose inboxes take 100 ms to answer, so that a fan-out to them has
// deliveries in flight at any moment, and its moderator anna, logged in.
func fanOutRig(t *testing.T, a *fedtest.Instance, ip string) ([]*fedtest.Remote, *fedtest.Client) {
	t.Helper()
	a.CreateUser(t, "anna", "correct horse battery")
	community := a.CreateCommunity(t, "news", "News", "anna")
	remotes := make([]*fedtest.Remote, fanOutFollowers)
	for i := range remotes {
		remotes[i] = fedtest.StartRemote(t, ip, fmt.Sprintf("reader%d", i))
		remotes[i].Follow(t, community)
	}
	fedtest.WaitFor(t, deliveryTimeout, "every follower gets its Accept", func() (bool, string) {
		return allReceived(remotes, "Accept", 1)
	})
	for _, r := range remotes {
		r.Slow(100 * time.Millisecond)
	}
	return remotes, a.Login(t, "anna", "correct horse battery")
}

// fanOut has anna post and change her vote on the post until there are
// fanOutActivities activities, and returns once about a third of their
// deliveries have arrived: the rest, and many in flight, are to come.
func fanOut(t *testing.T, anna *fedtest.Client, remotes []*fedtest.Remote) {
	t.Helper()
	// A new post is two Announces: of its Create, and the boost of the
	// post itself for microblog servers.
	postID := anna.CreatePost(t, "news", "A busy thread", "Votes will fly.")
	for i := 2; i < fanOutActivities; i++ {
		score := []string{"1", "-1"}[i%2]
		if resp := anna.PostForm(t, fmt.Sprintf("/post/%d/vote", postID), url.Values{"score": {score}}); resp.Status != 303 {
			t.Fatalf("vote %d: %d\n%s", i, resp.Status, resp.Body)
		}
	}
	fedtest.WaitFor(t, deliveryTimeout, "a third of the fan-out arrives", func() (bool, string) {
		total := 0
		for _, r := range remotes {
			n, _ := r.Received("Announce")
			total += n
		}
		return total >= fanOutActivities*fanOutFollowers/3, fmt.Sprintf("%d arrived", total)
	})
}

// delivery is one activity for one inbox.
type delivery struct{ inbox, activity string }

// runningDeliveries are the deliveries River's queue says are being made:
// by the River client given, or by any when it is "".
func runningDeliveries(t *testing.T, db *pgxpool.Pool, client string) []delivery {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT args->>'inbox', (args->>'activity')::jsonb->>'id'
		FROM river_job WHERE kind = 'deliver_activity' AND state = 'running'
		AND ($1 = '' OR attempted_by[cardinality(attempted_by)] = $1) ORDER BY id`, client)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (delivery, error) {
		var d delivery
		err := row.Scan(&d.inbox, &d.activity)
		return d, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// waitForFanOut waits until every Remote has every activity of the
// fan-out and the queue has no delivery left.
func waitForFanOut(t *testing.T, db *pgxpool.Pool, remotes []*fedtest.Remote) {
	t.Helper()
	fedtest.WaitFor(t, crashTimeout, "every follower has every activity, and the queue is done", func() (bool, string) {
		var status []string
		done := true
		for _, r := range remotes {
			n, _ := r.Received("Announce")
			done = done && n >= fanOutActivities
			status = append(status, fmt.Sprintf("%s: %d", r.Host, n))
		}
		var left int
		if err := db.QueryRow(context.Background(), `SELECT count(*) FROM river_job
			WHERE kind IN ('deliver_activity', 'federate_local') AND state <> 'completed'`).Scan(&left); err != nil {
			t.Fatal(err)
		}
		return done && left == 0, fmt.Sprintf("Announces received %s; %d jobs not done:\n%s",
			strings.Join(status, ", "), left, waitingJobs(t, db, "%"))
	})
}

// resumed checks that each interrupted delivery was made again after the
// crash at since, that nothing else arrived twice, and that every Remote
// has every activity of the fan-out; it answers how long after since the
// last of the interrupted ones arrived.
func resumed(t *testing.T, remotes []*fedtest.Remote, interrupted []delivery, since time.Time) time.Duration {
	t.Helper()
	var last time.Duration
	cut := map[string]bool{} // Remote's host and activity id
	for _, d := range interrupted {
		r := remoteOf(t, remotes, d.inbox)
		cut[r.Host+" "+d.activity] = true
		at := r.Arrivals(d.activity)
		if len(at) == 0 || at[len(at)-1].Before(since) {
			t.Errorf("%s was being delivered to %s at the crash, and did not arrive after it (arrivals %v)", d.activity, d.inbox, at)
			continue
		}
		last = max(last, at[len(at)-1].Sub(since))
	}
	twice := 0
	for _, r := range remotes {
		if n, _ := r.Received("Announce"); n != fanOutActivities {
			t.Errorf("%s received %d distinct activities, want %d", r.Host, n, fanOutActivities)
		}
		for _, id := range r.Repeated("Announce") {
			twice += len(r.Arrivals(id)) - 1
			if !cut[r.Host+" "+id] || len(r.Arrivals(id)) > 2 {
				t.Errorf("%s arrived at %s %d times, but its delivery was not in flight at the crash, or came more than twice",
					id, r.Host, len(r.Arrivals(id)))
			}
		}
	}
	t.Logf("%d deliveries arrived twice, of %d in flight at the crash", twice, len(interrupted))
	return last
}

// remoteOf is the Remote whose inbox is inbox.
func remoteOf(t *testing.T, remotes []*fedtest.Remote, inbox string) *fedtest.Remote {
	t.Helper()
	for _, r := range remotes {
		if strings.HasPrefix(inbox, r.URL+"/") {
			return r
		}
	}
	t.Fatalf("no Remote has the inbox %s", inbox)
	return nil
}
