package federation_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// queryCounter counts the statements sent to PostgreSQL.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// during is how many statements fn sent.
func (c *queryCounter) during(fn func()) int64 {
	before := c.n.Load()
	fn()
	return c.n.Load() - before
}

// However many people a post mentions, a GET of it and the building of
// its deliveries cost the same queries: the handles are looked up in one,
// and the inboxes of those it tags in one.
func TestMentionsCostNoQueryEach(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(dbtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	queries := &queryCounter{}
	cfg.ConnConfig.Tracer = queries
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	l := newLocalOn(t, pool, slog.New(slog.DiscardHandler))
	in, err := l.st.UpsertInstance(ctx, "people.example")
	if err != nil {
		t.Fatal(err)
	}
	handles := make([]string, 30)
	for i := range handles {
		id := fmt.Sprintf("https://people.example/users/p%d", i)
		if _, err := l.st.UpsertRemotePerson(ctx, store.NewPerson{APID: id, InstanceID: in.ID,
			Name: fmt.Sprintf("p%d", i), InboxURL: id + "/inbox", PublicKeyPEM: "key"}); err != nil {
			t.Fatal(err)
		}
		handles[i] = fmt.Sprintf("@P%d@people.example", i) // as people type them, in any case
	}
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	cost := func(mentioned []string) (get, deliver int64) {
		t.Helper()
		p, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Who is coming",
			Body: "Asking " + strings.Join(mentioned, ", ") + " and !news."})
		if err != nil {
			t.Fatal(err)
		}
		var page map[string]any
		get = queries.during(func() { page = getObject(t, p.APID) })
		if tags := mentions(page); len(tags) != len(mentioned) {
			t.Errorf("the post tags %d people, want %d: %v", len(tags), len(mentioned), tags)
		}
		var sent []forum.DeliverArgs
		deliver = queries.during(func() {
			sent, err = l.fed.Deliveries(ctx, forum.FederateArgs{Action: forum.FederateCreatePost, PostID: p.ID})
		})
		if err != nil || len(sent) != len(mentioned) {
			t.Errorf("the post goes to %d inboxes (%v), want one for each of the %d mentioned", len(sent), err,
				len(mentioned))
		}
		return get, deliver
	}
	fewGet, fewDeliver := cost(handles[:2])
	manyGet, manyDeliver := cost(handles)
	if manyGet != fewGet {
		t.Errorf("a GET of a post costs %d queries with 2 mentions and %d with 30", fewGet, manyGet)
	}
	if manyDeliver != fewDeliver {
		t.Errorf("its deliveries cost %d queries with 2 mentions and %d with 30", fewDeliver, manyDeliver)
	}
}
