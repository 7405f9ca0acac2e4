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

// The pruning job deletes every sent activity past its retention, over
// several batches, and nothing younger: one a minute short of it still
// answers.
func TestPruneSentActivitiesRemovesOnlyExpiredOnes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	retention := forum.SentActivityRetention.String()
	if _, err := pool.Exec(ctx, `
		INSERT INTO sent_activities (ap_id, activity, created_at)
		SELECT 'https://news.example/activities/like/' || i, '{}', now() - $2::interval - interval '1 minute'
		FROM generate_series(1, $1::int) AS i`, 2*pruneBatch+5, retention); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `
		INSERT INTO sent_activities (ap_id, activity, created_at) VALUES
			('https://news.example/activities/like/almost', '{}', now() - $1::interval + interval '1 minute'),
			('https://news.example/activities/like/new', '{}', now())`, retention); err != nil {
		t.Fatal(err)
	}
	w := &PruneSentActivities{Deps: Deps{Store: st}}
	if err := w.Work(ctx, &river.Job[PruneSentActivitiesArgs]{}); err != nil {
		t.Fatal(err)
	}
	rows, _ := pool.Query(ctx, `SELECT ap_id FROM sent_activities ORDER BY ap_id`)
	left, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 2 || left[0] != "https://news.example/activities/like/almost" || left[1] != "https://news.example/activities/like/new" {
		t.Errorf("left after pruning: %d, %.3v; want only the two younger than %s", len(left), left, forum.SentActivityRetention)
	}
	if err := w.Work(ctx, &river.Job[PruneSentActivitiesArgs]{}); err != nil {
		t.Errorf("a second run with nothing to do: %v", err)
	}
}
