package federation_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// PostgreSQL keeps no NUL in text, so an activity that holds one (or an
// object it makes us fetch) could never be stored, however often it is
// sent again: it is the sender's to fix, a 400 with the reason, not a 503
// that has it resent for days.
func TestActivitiesWithANULAreTheSendersFault(t *testing.T) {
	t.Parallel()
	rm, l := newSender(t), newLocal(t)
	n := 0
	create := func(obj map[string]any) []byte {
		n++
		obj["id"] = rm.url + "/post/" + strconv.Itoa(n)
		obj["type"], obj["attributedTo"], obj["audience"] = "Page", rm.bob, l.community.APID
		obj["to"] = []string{l.community.APID}
		return activity(map[string]any{"id": rm.url + "/activities/create/" + strconv.Itoa(n), "type": "Create",
			"actor": rm.bob, "object": obj, "to": []string{l.community.APID}, "audience": l.community.APID})
	}
	rm.serve(map[string]any{"id": rm.url + "/post/served", "type": "Page", "attributedTo": rm.bob,
		"audience": l.community.APID, "to": []string{l.community.APID}, "name": "Fetched\u0000", "content": "<p>x</p>"})
	for _, tc := range []struct {
		name string
		body []byte
	}{
		{"in a title", create(map[string]any{"name": "A title\u0000", "content": "<p>text</p>"})},
		{"in the markdown", create(map[string]any{"name": "A title", "content": "<p>text</p>",
			"source": map[string]string{"content": "te\u0000xt", "mediaType": "text/markdown"}})},
		{"in an object fetched for it", activity(map[string]any{"id": rm.url + "/activities/like/1", "type": "Like",
			"actor": rm.bob, "object": rm.url + "/post/served", "audience": l.community.APID})},
	} {
		code, body := l.post(t, "/inbox", tc.body, rm.signer)
		if code != http.StatusBadRequest || !strings.Contains(body, "NUL") {
			t.Errorf("a NUL %s: %d %s, want 400 saying why", tc.name, code, body)
		}
	}
	// The text \u0000, a backslash and all, is no NUL.
	if code, body := l.post(t, "/inbox", create(map[string]any{"name": `Escapes like \u0000`, "content": "<p>text</p>"}),
		rm.signer); code != http.StatusAccepted {
		t.Errorf("a title with the text \\u0000 in it: %d %s", code, body)
	}
}
