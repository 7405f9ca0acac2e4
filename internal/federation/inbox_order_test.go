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
			"audience": l.community.APID, "to": []string{l.community.APID, public}}
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

// A Like that arrives after its own Undo is not counted.
func TestInboxUndoBeforeLike(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	send := func(v map[string]any) {
		t.Helper()
		if code, body := l.post(t, "/inbox", activity(v), rm.signer); code != http.StatusAccepted {
			t.Fatalf("%s: %d %s", v["type"], code, body)
		}
	}
	send(map[string]any{"id": rm.url + "/activities/create/1", "type": "Create", "actor": rm.bob,
		"object": map[string]any{"id": rm.url + "/post/1", "type": "Page", "attributedTo": rm.bob, "name": "Vote on me",
			"audience": l.community.APID, "to": []string{l.community.APID, public}}})
	like := map[string]any{"id": rm.url + "/activities/like/1", "type": "Like", "actor": rm.bob,
		"object": rm.url + "/post/1", "audience": l.community.APID}
	send(map[string]any{"id": rm.url + "/activities/undo/1", "type": "Undo", "actor": rm.bob, "object": like,
		"audience": l.community.APID})
	send(like)
	p, err := l.st.PostByAPID(ctx, rm.url+"/post/1")
	if err != nil {
		t.Fatal(err)
	}
	// bob's vote was his upvote of his own post: the Undo took it back,
	// and the Like that came after it is not counted.
	if p.Upvotes != 0 {
		t.Errorf("upvotes after an Undo and then its Like: %d, want 0", p.Upvotes)
	}
	// Another server cannot cancel a Like that is not its own.
	foreign := map[string]any{"id": "https://elsewhere.example/activities/like/9", "type": "Like", "actor": rm.bob,
		"object": rm.url + "/post/1"}
	if code, _ := l.post(t, "/inbox", activity(map[string]any{"id": rm.url + "/activities/undo/2", "type": "Undo",
		"actor": rm.bob, "object": foreign}), rm.signer); code != http.StatusBadRequest {
		t.Errorf("an Undo of another server's activity: %d, want 400", code)
	}
}
