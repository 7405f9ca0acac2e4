package federation_test

import (
	"context"
	"net/http"
	"testing"
)

// Deliveries overtake one another: an author's Delete that arrives before
// the Create of what it deletes still wins, and its Undo still restores.
func TestInboxDeleteBeforeCreate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	page := func(id string) map[string]any {
		return map[string]any{"id": id, "type": "Page", "attributedTo": rm.bob, "name": "Soon gone",
			"audience": l.community.APID, "to": []string{l.community.APID}}
	}
	send := func(v map[string]any) {
		t.Helper()
		if code, body := l.post(t, "/inbox", activity(v), rm.signer); code != http.StatusAccepted {
			t.Fatalf("%s: %d %s", v["type"], code, body)
		}
	}
	deleted := func(id string) bool {
		t.Helper()
		p, err := l.st.PostByAPID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return p.Deleted
	}

	send(map[string]any{"id": rm.url + "/activities/delete/1", "type": "Delete", "actor": rm.bob,
		"object": rm.url + "/post/1", "audience": l.community.APID})
	send(map[string]any{"id": rm.url + "/activities/create/1", "type": "Create", "actor": rm.bob,
		"object": page(rm.url + "/post/1")})
	if !deleted(rm.url + "/post/1") {
		t.Error("a post whose Delete came first was shown")
	}

	// Deleted and restored before it arrived: it arrives shown.
	del := map[string]any{"id": rm.url + "/activities/delete/2", "type": "Delete", "actor": rm.bob,
		"object": rm.url + "/post/2", "audience": l.community.APID}
	send(del)
	send(map[string]any{"id": rm.url + "/activities/undo/2", "type": "Undo", "actor": rm.bob, "object": del,
		"audience": l.community.APID})
	send(map[string]any{"id": rm.url + "/activities/create/2", "type": "Create", "actor": rm.bob,
		"object": page(rm.url + "/post/2")})
	if deleted(rm.url + "/post/2") {
		t.Error("a post deleted and restored before it came is not shown")
	}
}
