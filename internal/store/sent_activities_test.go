package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/store"
)

// A sent activity comes back byte for byte, only while it is young
// enough; one sent again under its id (a post's boost, when the post is
// restored) comes back as sent last, and from then on.
func TestSentActivitiesKeepTheirLastCopy(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const id = "https://" + localDomain + "/activities/announce/1"
	// Spacing and key order as sent: json, unlike jsonb, keeps them.
	first, last := `{"id": "`+id+`",  "type":"Announce", "actor":"x"}`, `{"id":"`+id+`","type":"Announce","changed":true}`
	if err := f.st.SaveSentActivities(f.ctx, []store.SentActivity{{APID: id, Activity: []byte(first)}}); err != nil {
		t.Fatal(err)
	}
	a, err := f.st.SentActivityByAPID(f.ctx, id, time.Now().Add(-time.Hour))
	if err != nil || string(a.Activity) != first || a.Sensitive {
		t.Fatalf("SentActivityByAPID = %s, %v, %v; want it as saved", a.Activity, a.Sensitive, err)
	}
	if _, err := f.pool.Exec(f.ctx, `UPDATE sent_activities SET created_at = now() - interval '11 days'`); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SaveSentActivities(f.ctx, []store.SentActivity{{APID: id, Activity: []byte(last)}}); err != nil {
		t.Fatal(err)
	}
	a, err = f.st.SentActivityByAPID(f.ctx, id, time.Now().Add(-time.Hour))
	if err != nil || string(a.Activity) != last {
		t.Fatalf("SentActivityByAPID = %s, %v; want the copy sent last, kept from when it was", a.Activity, err)
	}
	if _, err := f.st.SentActivityByAPID(f.ctx, id, time.Now().Add(time.Hour)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an activity older than asked for: %v, want ErrNotFound", err)
	}
	if _, err := f.st.SentActivityByAPID(f.ctx, id+"0", time.Time{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an unknown id: %v, want ErrNotFound", err)
	}
	if err := f.st.SaveSentActivities(f.ctx, []store.SentActivity{{APID: id + "x", Activity: []byte(`{broken`)}}); err == nil {
		t.Error("an activity that is not JSON was saved")
	}
}

func TestPruneSentActivitiesInBatches(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var acts []store.SentActivity
	for _, id := range []string{"old1", "old2", "old3", "recent"} {
		acts = append(acts, store.SentActivity{APID: id, Activity: []byte(`{}`)})
	}
	if err := f.st.SaveSentActivities(f.ctx, acts); err != nil {
		t.Fatal(err)
	}
	if _, err := f.pool.Exec(f.ctx, `UPDATE sent_activities SET created_at = now() - interval '30 days' WHERE ap_id LIKE 'old%'`); err != nil {
		t.Fatal(err)
	}
	cutoff := time.Now().Add(-24 * time.Hour)
	for i, want := range []int64{2, 1, 0} {
		n, err := f.st.PruneSentActivities(f.ctx, cutoff, 2)
		if err != nil || n != want {
			t.Errorf("prune %d = %d, %v; want %d", i, n, err, want)
		}
	}
	if _, err := f.st.SentActivityByAPID(f.ctx, "recent", time.Time{}); err != nil {
		t.Errorf("the recent activity went too: %v", err)
	}
}
