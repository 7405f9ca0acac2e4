package worker

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// fakeAnnouncer sends every change to the shared inboxes of the
// community's remote followers, as federation does for a local community.
type fakeAnnouncer struct{ st *store.Store }

func (f fakeAnnouncer) Deliveries(ctx context.Context, args forum.FederateArgs) ([]forum.DeliverArgs, error) {
	c, err := f.st.CommunityByAPID(ctx, news)
	if err != nil {
		return nil, err
	}
	inboxes, err := f.st.FollowerInboxes(ctx, c.ID)
	out := make([]forum.DeliverArgs, len(inboxes))
	for i, inbox := range inboxes {
		out[i] = forum.DeliverArgs{Inbox: inbox, Actor: news, Activity: []byte(`{"type":"Announce"}`)}
	}
	return out, err
}

// A local change becomes the deliveries federation asks for: here one per
// follower instance, signed by the community, and none for local followers.
func TestFederateQueuesOneDeliveryPerFollowerInstance(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newKeyStore(t)
	c, err := st.CommunityByAPID(ctx, news)
	if err != nil {
		t.Fatal(err)
	}
	me, err := st.PersonByAPID(ctx, alice)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.UpsertFollow(ctx, c.ID, me.ID, store.FollowAccepted, ""))
	for i, host := range []string{"a.example", "a.example", "b.example"} {
		inst, err := st.UpsertInstance(ctx, host)
		must(err)
		p, err := st.InsertPerson(ctx, store.NewPerson{APID: "https://" + host + "/u/p" + string(rune('0'+i)), InstanceID: inst.ID,
			Name: "p" + string(rune('0'+i)), InboxURL: "https://" + host + "/u/p/inbox", SharedInboxURL: "https://" + host + "/inbox",
			PublicKeyPEM: "k"})
		must(err)
		must(st.UpsertFollow(ctx, c.ID, p.ID, store.FollowAccepted, ""))
	}
	ws := river.NewWorkers()
	river.AddWorker(ws, &Federate{Deps: Deps{Store: st, Log: slog.New(slog.DiscardHandler), Announcer: fakeAnnouncer{st}}})
	// Deliveries are queued in the default queue, which this client does
	// not work, so they stay for the test to see.
	river.AddWorker(ws, &Deliver{})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: map[string]river.QueueConfig{"federate": {MaxWorkers: 2}}, Workers: ws,
		Logger: slog.New(slog.DiscardHandler), FetchCooldown: 5 * time.Millisecond, FetchPollInterval: 20 * time.Millisecond,
		TestOnly: true,
	})
	must(err)
	must(client.Start(ctx))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = client.Stop(ctx)
	})
	_, err = client.Insert(ctx, forum.FederateArgs{Action: forum.FederateCreatePost, PostID: 1},
		&river.InsertOpts{Queue: "federate"})
	must(err)
	var inboxes []string
	poll(t, "deliveries queued", func() bool {
		rows, _ := pool.Query(ctx, `SELECT args->>'inbox' FROM river_job WHERE kind = 'deliver_activity' ORDER BY 1`)
		inboxes, _ = pgx.CollectRows(rows, pgx.RowTo[string])
		return len(inboxes) > 0
	})
	if strings.Join(inboxes, " ") != "https://a.example/inbox https://b.example/inbox" {
		t.Errorf("deliveries to %v, want one per remote instance", inboxes)
	}
}
