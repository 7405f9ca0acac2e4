package federation_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
	"github.com/tidings/tidings/internal/worker"
)

// federateQueued works the federate_local jobs queued so far with the real
// worker, as `tidings serve` does, and waits until they are done; the
// deliveries they queue stay in the queue for the test to read.
func federateQueued(t *testing.T, l *local) {
	t.Helper()
	ctx := context.Background()
	pool := l.st.PgxPool()
	if _, err := pool.Exec(ctx, `UPDATE river_job SET queue = 'federate' WHERE kind = 'federate_local'`); err != nil {
		t.Fatal(err)
	}
	ws := river.NewWorkers()
	river.AddWorker(ws, &worker.Federate{Deps: worker.Deps{Store: l.st, Announcer: l.fed}})
	// Known, so that deliveries may be queued; this client works only the
	// federate queue, so they stay queued.
	river.AddWorker(ws, &worker.Deliver{})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: map[string]river.QueueConfig{"federate": {MaxWorkers: 1}}, Workers: ws,
		Logger: slog.New(slog.DiscardHandler), FetchCooldown: 5 * time.Millisecond, FetchPollInterval: 20 * time.Millisecond,
		TestOnly: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stop, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_ = client.Stop(stop)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var left int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'federate_local' AND state <> 'completed'`).
			Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			return
		}
		if time.Now().After(deadline) {
			var errs string
			_ = pool.QueryRow(ctx, `SELECT coalesce(string_agg(errors::text, '; '), '') FROM river_job
				WHERE kind = 'federate_local'`).Scan(&errs)
			t.Fatalf("%d federate jobs not done after 20 s: %s", left, errs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// queued is every delivery in the queue: its inbox and the activity as it
// is POSTed.
func queued(t *testing.T, l *local) []forum.DeliverArgs {
	t.Helper()
	rows, err := l.st.PgxPool().Query(context.Background(),
		`SELECT args FROM river_job WHERE kind = 'deliver_activity' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	if err != nil {
		t.Fatal(err)
	}
	out := make([]forum.DeliverArgs, len(raw))
	for i, b := range raw {
		if err := json.Unmarshal(b, &out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// fetched GETs an activity by its id, signed as a Mastodon fetches when
// sign is set, and returns the status, the media type and the body.
func fetched(t *testing.T, id string, sign *httpsig.Signer) (int, string, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, id, nil)
	req.Header.Set("Accept", "application/activity+json, application/ld+json")
	if sign != nil {
		if err := sign.SignGet(req); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

func decoded(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return v
}

// expectServed checks that id answers 200 with want, as ActivityStreams.
func expectServed(t *testing.T, what, id string, want map[string]any, sign *httpsig.Signer) {
	t.Helper()
	code, ctype, body := fetched(t, id, sign)
	if code != http.StatusOK || !strings.HasPrefix(ctype, "application/activity+json") {
		t.Errorf("GET %s (%s): %d %s %s", id, what, code, ctype, body)
		return
	}
	if got := decoded(t, body); !reflect.DeepEqual(got, want) {
		t.Errorf("GET %s (%s) answers\n%s\nwant what was sent\n%v", id, what, body, want)
	}
}

// expectNotServed checks that rawURL answers 404 with a JSON reason.
func expectNotServed(t *testing.T, what, rawURL string) {
	t.Helper()
	code, ctype, body := fetched(t, rawURL, nil)
	var v struct{ Error string }
	if code != http.StatusNotFound || !strings.HasPrefix(ctype, "application/json") ||
		json.Unmarshal(body, &v) != nil || v.Error == "" {
		t.Errorf("GET %s (%s): %d %s %s; want 404 with {\"error\": ...}", rawURL, what, code, ctype, body)
	}
}

// Every activity id we send answers a GET with the activity as sent: the
// Accept of a Follow, a community's Announce of a local member's post to
// each follower instance, and the Create inside it, which Mastodon fetches
// before it takes the Announce.
func TestSentActivitiesAnswerAtTheirIDs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b, l := newSender(t), newSender(t), newLocal(t)
	for i, rm := range []*sender{a, b} {
		follow := activity(map[string]any{"id": rm.url + "/activities/follow/" + string(rune('1'+i)), "type": "Follow",
			"actor": rm.bob, "object": l.community.APID})
		if code, body := l.post(t, "/inbox", follow, rm.signer); code != http.StatusAccepted {
			t.Fatalf("Follow: %d %s", code, body)
		}
	}
	accepts := queued(t, l)
	if len(accepts) != 2 {
		t.Fatalf("queued %d Accepts, want 2", len(accepts))
	}
	for _, d := range accepts {
		act := decoded(t, d.Activity)
		if act["type"] != "Accept" {
			t.Fatalf("queued %s, want an Accept", d.Activity)
		}
		expectServed(t, "Accept", act["id"].(string), act, nil)
	}

	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "From here",
		Body: "Read *this*", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	federateQueued(t, l)
	var announces []forum.DeliverArgs
	for _, d := range queued(t, l)[len(accepts):] {
		if ann := decoded(t, d.Activity); ann["type"] == "Announce" {
			if obj, _ := ann["object"].(map[string]any); obj["type"] == "Page" {
				// The boost of the post itself, for microblog servers.
				expectServed(t, "boost", ann["id"].(string), ann, nil)
				continue
			}
		}
		announces = append(announces, d)
	}
	if len(announces) != 2 {
		t.Fatalf("queued %d Announces, want one per follower instance", len(announces))
	}
	for _, d := range announces {
		ann := decoded(t, d.Activity)
		create, _ := ann["object"].(map[string]any)
		if ann["type"] != "Announce" || create["type"] != "Create" {
			t.Fatalf("queued %s, want an Announce of a Create", d.Activity)
		}
		// Once unsigned, once signed as Mastodon's authorized fetch does.
		expectServed(t, "Announce", ann["id"].(string), ann, nil)
		expectServed(t, "Announce, signed fetch", ann["id"].(string), ann, a.signer)
		if _, ok := create["@context"]; !ok {
			t.Errorf("the Create inside the Announce has no @context; the test expects the one served to")
		}
		expectServed(t, "Create inside the Announce", create["id"].(string), create, nil)
		page, _ := create["object"].(map[string]any)
		if cm, _ := page["contentMap"].(map[string]any); cm["en"] != page["content"] {
			t.Errorf("the post's contentMap is %v, want its content under en", page["contentMap"])
		}
	}
	if string(announces[0].Activity) != string(announces[1].Activity) {
		t.Errorf("the two follower instances get different Announces:\n%s\n%s", announces[0].Activity, announces[1].Activity)
	}
	var kept int
	if err := l.st.PgxPool().QueryRow(ctx, `SELECT count(*) FROM sent_activities`).Scan(&kept); err != nil || kept != 5 {
		t.Errorf("%d activities kept, %v; want 5: two Accepts, the Announce and its Create once each, and the boost",
			kept, err)
	}

	// Past the time any delivery of it may be retried, an id answers 404.
	acceptID := decoded(t, accepts[0].Activity)["id"].(string)
	if _, err := l.st.PgxPool().Exec(ctx, `UPDATE sent_activities SET created_at = now() - $2::interval WHERE ap_id = $1`,
		acceptID, (forum.SentActivityRetention + time.Minute).String()); err != nil {
		t.Fatal(err)
	}
	expectNotServed(t, "expired Accept", acceptID)
}

// What was never sent, or is private, is a 404 with a reason in JSON, and
// no odd id makes the server fail.
func TestUnknownAndPrivateActivitiesAre404(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	dm := []byte(`{"@context":"https://www.w3.org/ns/activitystreams","id":"` + l.url +
		`/activities/create/0b0e7b0a-8a49-4bd1-9d2f-0d8c0bb3f2a1","type":"Create","actor":"` + l.url +
		`/u/alice","to":["https://elsewhere.example/u/bob"],"object":{"id":"` + l.url + `/private_message/1",` +
		`"type":"ChatMessage","attributedTo":"` + l.url + `/u/alice","to":["https://elsewhere.example/u/bob"],"content":"hi"}}`)
	err := l.st.InTx(ctx, func(tx *store.Store) error {
		return forum.RecordSent(ctx, tx, forum.DeliverArgs{Inbox: "https://elsewhere.example/u/bob/inbox",
			Actor: l.url + "/u/alice", Activity: dm})
	})
	if err != nil {
		t.Fatal(err)
	}
	var kept bool
	if err := l.st.PgxPool().QueryRow(ctx, `SELECT sensitive FROM sent_activities`).Scan(&kept); err != nil || !kept {
		t.Fatalf("the private message was not kept as sensitive: %v %v", kept, err)
	}
	for what, path := range map[string]string{
		"private message": "/activities/create/0b0e7b0a-8a49-4bd1-9d2f-0d8c0bb3f2a1",
		"unknown":         "/activities/create/0b0e7b0a-8a49-4bd1-9d2f-0d8c0bb3f2a2",
		"not a UUID":      "/activities/like/1",
		"NUL":             "/activities/like/%00",
		"not UTF-8":       "/activities/like/%ff%c3%28",
		"very long":       "/activities/like/" + strings.Repeat("a", 5000),
		"odd kind":        "/activities/%00/1",
	} {
		expectNotServed(t, what, l.url+path)
	}
}
