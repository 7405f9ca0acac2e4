package activitypub

import (
	"encoding/json"
)

// MaxIDLen is the longest id, in bytes, of anything we keep: activities,
// posts, comments, actors. Ids are stored in unique indexes, and
// PostgreSQL refuses an index entry over about 2.7 KB, so a longer id
// could never be stored, however often it is sent again. Lemmy, Mastodon
// and their kin make ids of a hundred bytes or so.
const MaxIDLen = 2048

// idKeys are the properties that hold an id we may keep: an object's own
// "id", and the references to objects and actors that we store or fetch
// to store.
var idKeys = map[string]bool{"id": true, "actor": true, "object": true, "attributedTo": true,
	"inReplyTo": true, "audience": true, "target": true}

// LongID reports an id in the JSON document data, at any depth, longer
// than MaxIDLen, and answers it. A document no longer than MaxIDLen holds
// none, and is not decoded at all.
func LongID(data []byte) (string, bool) {
	if len(data) <= MaxIDLen {
		return "", false
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return "", false // not JSON: refused for that elsewhere
	}
	return longID(v, false)
}

// longID looks in v; isID says v is the value of an id property.
func longID(v any, isID bool) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, isID && len(x) > MaxIDLen
	case []any:
		for _, e := range x {
			if id, ok := longID(e, isID); ok {
				return id, true
			}
		}
	case map[string]any:
		for k, e := range x {
			if id, ok := longID(e, idKeys[k]); ok {
				return id, true
			}
		}
	}
	return "", false
}
