package metrics

import "github.com/prometheus/client_golang/prometheus"

// Outcomes of an activity at the inbox.
const (
	Accepted  = "accepted"  // applied
	Duplicate = "duplicate" // seen before, acknowledged again
	Ignored   = "ignored"   // well-formed, changes nothing here, acknowledged
	Refused   = "refused"   // answered 4xx or 5xx; the reason says which class
)

// Inbox counts the activities the inbox answered. A nil *Inbox counts
// nothing, for handlers built without metrics (the CLI, tests).
type Inbox struct {
	activities *prometheus.CounterVec
}

func newInbox(reg prometheus.Registerer) *Inbox {
	i := &Inbox{activities: prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Subsystem: "inbox", Name: "activities_total",
		Help: "Activities received at the inboxes, by type, outcome and, for a refusal, its reason.",
	}, []string{"type", "outcome", "reason"})}
	reg.MustRegister(i.activities)
	return i
}

// Observe counts one activity. typ and reason must come from short fixed
// lists (the caller's), never from what the sender wrote; reason is ""
// unless outcome is Refused.
func (i *Inbox) Observe(typ, outcome, reason string) {
	if i == nil {
		return
	}
	i.activities.WithLabelValues(typ, outcome, reason).Inc()
}
