package forum

import (
	"encoding/json"
	"fmt"

	"github.com/riverqueue/river"
)

// DeliverArgs asks for one activity to be POSTed, signed, to one inbox.
type DeliverArgs struct {
	// Inbox is the URL the activity is POSTed to (a shared inbox when the
	// recipient has one).
	Inbox string `json:"inbox"`
	// Actor is the ap_id of the local actor whose key signs: a person, a
	// community or the instance actor (scheme://host/).
	Actor string `json:"actor"`
	// Activity is sent byte for byte as it is here; it must be valid JSON.
	Activity json.RawMessage `json:"activity"`
}

// Kind names the job in the queue.
func (DeliverArgs) Kind() string { return "deliver_activity" }

// deliverArgsJSON is how DeliverArgs is stored. River keeps args in a
// jsonb column, which reorders keys, respaces and unescapes: stored as an
// object, the activity would come back as other bytes. Stored as a string
// it comes back byte for byte, so what is delivered (and digested) is
// exactly what the caller built.
type deliverArgsJSON struct {
	Inbox    string          `json:"inbox"`
	Actor    string          `json:"actor"`
	Activity json.RawMessage `json:"activity"`
}

// MarshalJSON stores the activity as a JSON string. It refuses an activity
// that is not valid JSON, so the mistake shows where the job is inserted.
func (a DeliverArgs) MarshalJSON() ([]byte, error) {
	if !json.Valid(a.Activity) {
		return nil, fmt.Errorf("deliver to %s: the activity is not valid JSON", a.Inbox)
	}
	activity, err := json.Marshal(string(a.Activity))
	if err != nil {
		return nil, err
	}
	return json.Marshal(deliverArgsJSON{Inbox: a.Inbox, Actor: a.Actor, Activity: activity})
}

// UnmarshalJSON reads what MarshalJSON wrote, and also an activity stored
// as a JSON object (by hand, say), which is taken as it comes.
func (a *DeliverArgs) UnmarshalJSON(b []byte) error {
	var raw deliverArgsJSON
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	a.Inbox, a.Actor, a.Activity = raw.Inbox, raw.Actor, raw.Activity
	if len(raw.Activity) > 0 && raw.Activity[0] == '"' {
		var s string
		if err := json.Unmarshal(raw.Activity, &s); err != nil {
			return err
		}
		a.Activity = json.RawMessage(s)
	}
	return nil
}

// InsertOpts gives a delivery enough attempts to outlast about two days of
// the remote being down; see DeliverBackoff.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: DeliverMaxAttempts}
}

// DeliverMaxAttempts is 1 attempt plus 15 retries: with the worker's
// backoff the last retry comes about 44.5 hours after the first failure
// (1+2+...+256 minutes, then 6 hours six times).
const DeliverMaxAttempts = 16
