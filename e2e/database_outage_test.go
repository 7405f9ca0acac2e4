package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/fedtest"
)

// A sender posts into a community here once every 50 ms while, for three
// seconds, this instance's database refuses connections and drops the
// open ones (its other instances' do not). Every answer is a 2xx or a 5xx,
// never a 4xx, which a sender does not retry: so nothing is lost, and once
// the database is back, the activities answered 5xx, sent again, are each
// applied once.
func TestTheDatabaseRefusingConnectionsLosesNoActivity(t *testing.T) {
	t.Parallel()
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.15", DatabaseProxy: true})
	a.CreateUser(t, "anna", "correct horse battery")
	community := a.CreateCommunity(t, "news", "News", "anna")
	writer := fedtest.StartRemote(t, "127.0.0.16", "writer")
	writer.Follow(t, community) // so that the writer is known here, and its key is looked up in the database

	const sent, downAt, upAt = 100, 20, 80 // activities, at 50 ms each: three seconds without a database
	proxy := a.DatabaseProxy()
	type answer struct {
		status int
		body   string
	}
	answers := make([]answer, sent)
	bodies := make([][]byte, sent)
	tick := time.NewTicker(50 * time.Millisecond) // the sender's pace
	defer tick.Stop()
	for i := range sent {
		switch i {
		case downAt:
			proxy.Down()
		case upAt:
			proxy.Up(t)
		}
		bodies[i] = createPage(t, writer, community, i)
		status, body, err := writer.Send(community+"/inbox", bodies[i])
		if err != nil {
			t.Fatalf("activity %d: no answer: %v", i, err)
		}
		answers[i] = answer{status, body}
		<-tick.C
	}

	var accepted, retry, lost int
	for i, ans := range answers {
		switch {
		case ans.status/100 == 2:
			accepted++
		case ans.status >= 500:
			retry++
		default:
			lost++
			t.Errorf("activity %d (%s): %d %q; a sender drops what gets a 4xx", i, phase(i, downAt, upAt), ans.status, ans.body)
		}
		if i < downAt && ans.status != http.StatusAccepted {
			t.Errorf("activity %d, before the outage: %d %q", i, ans.status, ans.body)
		}
	}
	if retry == 0 {
		t.Errorf("no activity was answered 5xx: the outage did not happen")
	}
	t.Logf("of %d activities, %d sent while the database was away: %d accepted, %d answered 5xx (to be sent again), %d lost to a 4xx",
		sent, upAt-downAt, accepted, retry, lost)

	// The sender tries the 5xx ones again, as Lemmy and Mastodon do.
	for i, ans := range answers {
		if ans.status < 500 {
			continue
		}
		fedtest.WaitFor(t, deliveryTimeout, fmt.Sprintf("activity %d is taken when sent again", i), func() (bool, string) {
			status, body, err := writer.Send(community+"/inbox", bodies[i])
			return err == nil && status == http.StatusAccepted, fmt.Sprintf("%d %q %v", status, body, err)
		})
	}
	var posts, distinct int
	if err := a.DB(t).QueryRow(context.Background(), `SELECT count(*), count(DISTINCT ap_id) FROM posts WHERE ap_id LIKE $1`,
		writer.URL+"/post/%").Scan(&posts, &distinct); err != nil {
		t.Fatal(err)
	}
	if posts != sent || distinct != sent {
		t.Errorf("%d posts stored (%d distinct), want each of the %d once", posts, distinct, sent)
	}
}

func phase(i, downAt, upAt int) string {
	switch {
	case i < downAt:
		return "before the outage"
	case i < upAt:
		return "while the database was away"
	}
	return "after the outage"
}

// createPage is the writer's i-th post in community, a Create of a Page
// as Lemmy sends it.
func createPage(t *testing.T, writer *fedtest.Remote, community string, i int) []byte {
	t.Helper()
	public := "https://www.w3.org/ns/activitystreams#Public"
	post := fmt.Sprintf("%s/post/%d", writer.URL, i+1)
	b, err := json.Marshal(map[string]any{
		"@context": []any{"https://join-lemmy.org/context.json", "https://www.w3.org/ns/activitystreams"},
		"id":       writer.NewID("create"), "type": "Create", "actor": writer.Actor,
		"to": []string{public}, "cc": []string{community}, "audience": community,
		"object": map[string]any{
			"type": "Page", "id": post, "attributedTo": writer.Actor,
			"to": []string{community, public}, "audience": community,
			"name":    fmt.Sprintf("Post %d from the writer", i+1),
			"content": fmt.Sprintf("<p>Body %d</p>\n", i+1), "mediaType": "text/html",
			"source":    map[string]string{"content": fmt.Sprintf("Body %d", i+1), "mediaType": "text/markdown"},
			"sensitive": false, "published": time.Now().UTC().Format(time.RFC3339Nano),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// PostgreSQL restarts (its connections dropped, three seconds of refusals)
// in the middle of a fan-out. Tidings is not restarted: once its database
// is back, every follower gets every activity, and the instance goes on
// federating what its members do.
func TestAPostgreSQLRestartDuringDeliveryLosesNothing(t *testing.T) {
	t.Parallel()
	// A delivery that failed because the database was away is retried
	// after 100 ms rather than a minute, to keep the test short.
	a := fedtest.Start(t, fedtest.Options{IP: "127.0.0.17", DatabaseProxy: true,
		Env: map[string]string{"TIDINGS_DELIVERY_RETRY_BASE": "100ms"}})
	remotes, anna := fanOutRig(t, a, "127.0.0.18")
	fanOut(t, anna, remotes)

	proxy := a.DatabaseProxy()
	proxy.Down()
	fedtest.WaitFor(t, deliveryTimeout, "the instance notices its database is gone", func() (bool, string) {
		status := anna.Get(t, "/readyz").Status
		return status == http.StatusServiceUnavailable, fmt.Sprint(status)
	})
	<-time.After(3 * time.Second) // how long the restart keeps the database away
	proxy.Up(t)

	db := a.DB(t)
	waitForFanOut(t, db, remotes)
	var given int
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM river_job
		WHERE kind = 'deliver_activity' AND state IN ('cancelled', 'discarded')`).Scan(&given); err != nil || given != 0 {
		t.Errorf("%d deliveries given up (%v), want none", given, err)
	}
	twice := 0
	for _, r := range remotes {
		if n, _ := r.Received("Announce"); n != fanOutActivities {
			t.Errorf("%s received %d distinct activities, want %d", r.Host, n, fanOutActivities)
		}
		for _, id := range r.Repeated("Announce") {
			twice += len(r.Arrivals(id)) - 1
		}
	}
	// What was delivered while the database could not record it may
	// come again, as after a crash.
	t.Logf("%d deliveries arrived twice after the database's restart", twice)

	// The same process, never restarted, federates a new post.
	anna.CreatePost(t, "news", "After the restart", "Still here.")
	fedtest.WaitFor(t, deliveryTimeout, "the new post reaches every follower", func() (bool, string) {
		return allReceived(remotes, "Announce", fanOutActivities+2) // its Create's Announce, and its boost
	})
}
