package cli

import (
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/worker"
)

// An activity we sent must answer a GET for as long as any delivery of it
// may still reach someone: its own tries, the time a given-up one is kept
// for `admin federation retry`, and the fresh tries a retry gives it, each
// try run ending with at most one last wait.
func TestSentActivitiesOutliveTheirDeliveries(t *testing.T) {
	t.Parallel()
	longest := givenUpRetention + 2*(worker.DeliverMaxAge+worker.DeliverMaxDelay)
	if forum.SentActivityRetention < longest {
		t.Errorf("sent activities are kept %s, but a delivery may be tried up to %s after it was queued",
			forum.SentActivityRetention, longest)
	}
}
