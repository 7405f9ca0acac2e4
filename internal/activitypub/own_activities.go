package activitypub

import (
	"encoding/json"
	"fmt"
)

// OwnActivity is an activity of ours found in what we send, to be kept so
// that a GET of its id answers with it.
type OwnActivity struct {
	ID string
	// JSON stands alone: it carries an @context.
	JSON []byte
	// Sensitive marks a private message (which Lemmy does not serve
	// either) or a report, which must not be served to whoever asks.
	Sensitive bool
}

// OwnActivities lists the activities in body, sent signed by the local
// actor signer, whose ids are on signer's server: the activity itself, and
// the activity an Announce embeds when that one is ours too (our
// community's Announce of a local member's Create). Microblog servers fetch
// the object of an Announce before they accept it. Activities embedded in
// others (the Like inside an Undo) were built for that one use and are not
// listed: what was sent on its own was kept when it was sent. An activity
// without an id, or another server's, is not listed.
func OwnActivities(signer string, body []byte) ([]OwnActivity, error) {
	var a Activity
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, fmt.Errorf("activitypub: read sent activity: %w", err)
	}
	var out []OwnActivity
	if a.ID != "" && SameOrigin(a.ID, signer) {
		b, err := standAlone(body)
		if err != nil {
			return nil, err
		}
		out = append(out, OwnActivity{ID: a.ID, JSON: b, Sensitive: isSensitive(&a)})
	}
	if a.Type != KindAnnounce || !a.WrapsActivity() || a.Object.ID == "" || !SameOrigin(a.Object.ID, signer) {
		return out, nil
	}
	inner, err := a.Object.Activity()
	if err != nil {
		return nil, err
	}
	b, err := standAlone(a.Object.Raw)
	if err != nil {
		return nil, err
	}
	return append(out, OwnActivity{ID: inner.ID, JSON: b, Sensitive: isSensitive(inner)}), nil
}

// standAlone is the JSON object b with an @context: as it is when it has
// one, else with ours added.
func standAlone(b []byte) ([]byte, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, fmt.Errorf("activitypub: read sent activity: %w", err)
	}
	if _, ok := fields["@context"]; ok {
		return b, nil
	}
	fields["@context"] = json.RawMessage(LemmyContext())
	out, err := json.Marshal(fields)
	if err != nil {
		return nil, fmt.Errorf("activitypub: add @context: %w", err)
	}
	return out, nil
}

// isSensitive reports a private message: an activity about a ChatMessage, a Create, Update or Delete (of a Note, or
// of an object not embedded) addressed to no Public collection, or an
// activity that embeds one of those (the Undo of such a Delete, an
// Announce of it).
func isSensitive(a *Activity) bool {
	// A report (Flag) is served, as Lemmy serves it: it names who made it,
	// but its id is a random one that only the server it went to knows.
	if a.Object.Type == KindChatMessage {
		return true
	}
	switch a.Type {
	case KindCreate, KindUpdate, KindDelete:
		if a.Object.Raw == nil || a.Object.Type == KindNote {
			var obj struct {
				To Strings `json:"to"`
				Cc Strings `json:"cc"`
			}
			if a.Object.Raw != nil {
				_ = json.Unmarshal(a.Object.Raw, &obj) // canonical JSON of an object: decodes
			}
			if !a.Addressing().IsPublic() && !(Addressing{To: obj.To, Cc: obj.Cc}).IsPublic() {
				return true
			}
		}
	}
	if a.WrapsActivity() {
		if inner, err := a.Object.Activity(); err == nil {
			return isSensitive(inner)
		}
	}
	return false
}
