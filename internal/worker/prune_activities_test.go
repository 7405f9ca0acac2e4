package worker

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tidings/tidings/internal/db/dbtest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// The pruning job deletes every sent activity and every received id past
// its retention, over several batches, and nothing younger: one a minute
// short of it is still kept.
func TestPruneActivitiesRemovesOnlyExpiredOnes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	tables := []struct {
		table, column, retention string
	}{
		{"sent_activities", "created_at", forum.SentActivityRetention.String()},
		{"received_activities", "received_at", ReceivedActivityRetention.String()},
	}
	for _, tt := range tables {
		extra := ""
		if tt.table == "sent_activities" {
			extra = ", activity"
		}
		values := func(id, age string) string {
			v := "'https://lemmy.example/activities/like/' || " + id + ", " + age
			if extra != "" {
				v += ", '{}'"
			}
			return v
		}
		if _, err := pool.Exec(ctx, `INSERT INTO `+tt.table+` (ap_id, `+tt.column+extra+`)
			SELECT `+values("i", "now() - $2::interval - interval '1 minute'")+`
			FROM generate_series(1, $1::int) AS i`, 2*pruneBatch+5, tt.retention); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `INSERT INTO `+tt.table+` (ap_id, `+tt.column+extra+`) VALUES
			(`+values("'almost'", "now() - $1::interval + interval '1 minute'")+`),
			(`+values("'new'", "now()")+`)`, tt.retention); err != nil {
			t.Fatal(err)
		}
	}
	w := &PruneActivities{Deps: Deps{Store: store.New(pool)}}
	if err := w.Work(ctx, &river.Job[PruneActivitiesArgs]{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tables {
		rows, _ := pool.Query(ctx, `SELECT ap_id FROM `+tt.table+` ORDER BY ap_id`)
		left, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 2 || left[0] != "https://lemmy.example/activities/like/almost" ||
			left[1] != "https://lemmy.example/activities/like/new" {
			t.Errorf("%s after pruning: %d, %.3v; want only the two younger than %s", tt.table, len(left), left, tt.retention)
		}
	}
	if err := w.Work(ctx, &river.Job[PruneActivitiesArgs]{}); err != nil {
		t.Errorf("a second run with nothing to do: %v", err)
	}
}
