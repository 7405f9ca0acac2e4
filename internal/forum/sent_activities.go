package forum

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/store"
)

// SentActivityRetention is how long an activity we sent answers a GET of
// its id. Other servers fetch it when a delivery reaches them, so it must
// outlast every delivery of it: a delivery is tried for 50 hours
// (worker.DeliverMaxAge, plus at most one last wait of 6 hours), then kept
// given up for 7 days, and `admin federation retry` may revive it then for
// another 50 hours and a wait: 7 days and 112 hours at most, so 12 days.
// A cli test holds these figures together.
const SentActivityRetention = 12 * 24 * time.Hour

// RecordSent keeps, in tx, the activities of ours that deliveries send
// (see ap.OwnActivities), so that their ids answer a GET from the moment
// anything could have received them: callers queue the deliveries in the
// same transaction. An activity is kept once however many inboxes it goes
// to, and an id kept before is kept as sent last.
func RecordSent(ctx context.Context, tx *store.Store, deliveries ...DeliverArgs) error {
	read, kept := map[string]bool{}, map[string]bool{}
	var keep []store.SentActivity
	for _, d := range deliveries {
		sent := d.Actor + "\n" + string(d.Activity)
		if read[sent] {
			continue
		}
		read[sent] = true
		own, err := ap.OwnActivities(d.Actor, d.Activity)
		if err != nil {
			return fmt.Errorf("record sent activity for %s: %w", d.Inbox, err)
		}
		for _, a := range own {
			if kept[a.ID] {
				continue
			}
			kept[a.ID] = true
			keep = append(keep, store.SentActivity{APID: a.ID, Activity: a.JSON, Sensitive: a.Sensitive})
		}
	}
	return tx.SaveSentActivities(ctx, keep)
}

// deliver records what deliveries send (RecordSent) and queues them, in
// tx's transaction.
func (s *Service) deliver(ctx context.Context, tx *store.Store, deliveries ...DeliverArgs) error {
	if err := RecordSent(ctx, tx, deliveries...); err != nil {
		return err
	}
	jobs := make([]river.JobArgs, len(deliveries))
	for i, d := range deliveries {
		jobs[i] = d
	}
	return s.enqueue(ctx, tx, jobs...)
}
