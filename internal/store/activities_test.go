package store_test

import (
	"testing"
	"time"
)

func TestMarkActivityReceivedOnlyOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const id = "https://lemmy.example/activities/like/1"
	for i, want := range []bool{true, false, false} {
		got, err := f.st.MarkActivityReceived(f.ctx, id)
		if err != nil {
			t.Fatalf("delivery %d: %v", i, err)
		}
		if got != want {
			t.Errorf("delivery %d: new = %v, want %v", i, got, want)
		}
	}
	if got, err := f.st.MarkActivityReceived(f.ctx, id+"0"); err != nil || !got {
		t.Errorf("another id: new = %v, %v; want true", got, err)
	}
}

func TestPruneReceivedActivitiesForgetsOnlyOldOnes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const old, recent = "https://lemmy.example/activities/old", "https://lemmy.example/activities/recent"
	for _, id := range []string{old, recent} {
		if _, err := f.st.MarkActivityReceived(f.ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.pool.Exec(f.ctx, `UPDATE received_activities SET received_at = now() - interval '30 days' WHERE ap_id = $1`, old); err != nil {
		t.Fatal(err)
	}
	n, err := f.st.PruneReceivedActivities(f.ctx, time.Now().Add(-7*24*time.Hour), 10)
	if err != nil || n != 1 {
		t.Errorf("PruneReceivedActivities = %d, %v; want 1", n, err)
	}
	// The recent one is still known; the old one would be applied again.
	if got, err := f.st.MarkActivityReceived(f.ctx, recent); err != nil || got {
		t.Errorf("recent after prune: new = %v, %v; want false", got, err)
	}
	if got, err := f.st.MarkActivityReceived(f.ctx, old); err != nil || !got {
		t.Errorf("old after prune: new = %v, %v; want true", got, err)
	}
}
