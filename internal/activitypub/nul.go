package activitypub

import (
	"bytes"
	"encoding/json"
	"strings"
)

// HasNUL reports whether any string in the JSON document data, a key or a
// value, holds a NUL character. PostgreSQL keeps no NUL in text, so such a
// document can be neither stored nor, retried, ever stored later: it is
// refused as the sender's mistake rather than failing as ours. Valid JSON
// can hold a NUL only as the escape \u0000, so documents without one are
// not decoded at all.
func HasNUL(data []byte) bool {
	if !bytes.Contains(data, []byte(`\u0000`)) {
		return false
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return false // not JSON: refused for that elsewhere
	}
	return anyNUL(v)
}

func anyNUL(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.IndexByte(x, 0) >= 0
	case []any:
		for _, e := range x {
			if anyNUL(e) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if strings.IndexByte(k, 0) >= 0 || anyNUL(e) {
				return true
			}
		}
	}
	return false
}
