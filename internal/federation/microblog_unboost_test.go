package federation_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// unboostOf matches the community's Undo of its boost whose id is boost.
func unboostOf(community, boost string) func(delivery) bool {
	return func(d delivery) bool {
		return d.doc["type"] == "Undo" && d.signer == community && d.doc["actor"] == community &&
			d.object()["type"] == "Announce" && d.object()["id"] == boost
	}
}

// awaitCount waits until match accepts n deliveries.
func (m *microblog) awaitCount(t *testing.T, what string, n int, match func(delivery) bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		got := 0
		for _, d := range m.received() {
			if match(d) {
				got++
			}
		}
		if got == n {
			return
		}
		if got > n || time.Now().After(deadline) {
			t.Fatalf("%s reached %s %d times, want %d; it was sent: %v", what, m.url, got, n, m.received())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A post its author deletes, here or on another server, is unboosted: the
// community's Undo of its boost, which Mastodon takes out of timelines,
// names the boost by the id it had. A restore boosts it again, under the
// same id, which answers a GET; a post a moderator removed meanwhile stays
// unboosted.
func TestDeletedPostsAreUnboosted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	masto := newMicroblog(t, true)
	masto.follow(t, "reader", l.community.APID)
	community := l.community.APID
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Regatta on Sunday"})
	if err != nil {
		t.Fatal(err)
	}
	boostID, _ := masto.await(t, "the boost of alice's post", boostOf(community, post.APID)).doc["id"].(string)
	if err := l.f.DeletePost(ctx, alice, post.ID, true); err != nil {
		t.Fatal(err)
	}
	masto.await(t, "the withdrawal of the boost of alice's post", unboostOf(community, boostID))
	if err := l.f.DeletePost(ctx, alice, post.ID, false); err != nil {
		t.Fatal(err)
	}
	again := func(d delivery) bool { return boostOf(community, post.APID)(d) && d.doc["id"] == boostID }
	masto.awaitCount(t, "the boost of alice's post under its id", 2, again)
	if served := getObject(t, boostID); served["id"] != boostID || served["object"].(map[string]any)["id"] != post.APID {
		t.Errorf("GET %s answers %v, want the boost of the post", boostID, served)
	}

	// bob, on another server, posts into the community and deletes his
	// post, restores it, deletes it again; a moderator removes it; his
	// restore then changes nothing for readers.
	rm := newSender(t)
	page := map[string]any{"id": rm.url + "/post/1", "type": "Page", "attributedTo": rm.bob, "name": "Crew wanted",
		"audience": community, "to": []string{community, public}}
	byBob := func(n, typ string, object any) []byte {
		return activity(map[string]any{"id": rm.url + "/activities/" + strings.ToLower(typ) + "/" + n, "type": typ, "actor": rm.bob,
			"to": []string{community, public}, "cc": []string{community}, "audience": community, "object": object})
	}
	send := func(what string, body []byte) {
		t.Helper()
		if code, answer := l.post(t, "/inbox", body, rm.signer); code != http.StatusAccepted {
			t.Fatalf("%s: %d %s", what, code, answer)
		}
	}
	del := map[string]any{"id": rm.url + "/activities/delete/2", "type": "Delete", "actor": rm.bob,
		"to": []string{community, public}, "cc": []string{community}, "audience": community, "object": page["id"]}
	send("bob's post", byBob("1", "Create", page))
	bobsBoost, _ := masto.await(t, "the boost of bob's post", boostOf(community, page["id"].(string))).doc["id"].(string)
	send("bob's Delete", activity(del))
	masto.await(t, "the withdrawal of the boost of bob's post", unboostOf(community, bobsBoost))
	send("bob's Undo of his Delete", byBob("3", "Undo", del))
	bobsAgain := func(d delivery) bool { return boostOf(community, page["id"].(string))(d) && d.doc["id"] == bobsBoost }
	masto.awaitCount(t, "the boost of bob's post under its id", 2, bobsAgain)
	del["id"] = rm.url + "/activities/delete/4"
	send("bob's second Delete", activity(del))
	masto.awaitCount(t, "the withdrawal of the boost of bob's post", 2, unboostOf(community, bobsBoost))
	p, err := l.st.PostByAPID(ctx, page["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	removed := true
	if err := l.st.SetPostFlags(ctx, p.ID, store.PostFlags{Removed: &removed}); err != nil {
		t.Fatal(err)
	}
	send("bob's Undo of his second Delete", byBob("5", "Undo", del))
	// Deliveries are queued with the change they announce: two boosts and
	// two withdrawals so far, and nothing for the last restore.
	if n := countQueued(t, l, bobsBoost); n != 4 {
		t.Errorf("%d deliveries carry the boost of bob's post or its withdrawal, want 4: "+
			"the restore of a removed post boosts nothing", n)
	}
}

// countQueued is how many deliveries queued so far carry activityID.
func countQueued(t *testing.T, l *local, activityID string) int {
	t.Helper()
	n := 0
	for _, d := range l.deliveries(t) {
		if strings.Contains(d, activityID) {
			n++
		}
	}
	return n
}

// A moderator's removal of a post withdraws the community's boost of it,
// and its undoing boosts it again, whether the moderator is here (the
// federate job) or on another server (the inbox); a post its author had
// deleted stays unboosted through both.
func TestRemovedPostsAreUnboosted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	masto := newMicroblog(t, true)
	masto.follow(t, "reader", l.community.APID)
	community := l.community.APID
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.CreateUser(ctx, forum.NewUser{Name: "admin", Password: "password123"}); err != nil {
		t.Fatal(err)
	}
	admin, err := l.f.PromoteUser(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Buy cheap watches"})
	if err != nil {
		t.Fatal(err)
	}
	boostID, _ := masto.await(t, "the boost of alice's post", boostOf(community, post.APID)).doc["id"].(string)
	if err := l.f.RemoveContent(ctx, admin, forum.Target{PostID: post.ID}, true, "spam"); err != nil {
		t.Fatal(err)
	}
	masto.await(t, "the withdrawal of the boost of the removed post", unboostOf(community, boostID))
	if err := l.f.RemoveContent(ctx, admin, forum.Target{PostID: post.ID}, false, "not spam after all"); err != nil {
		t.Fatal(err)
	}
	again := func(d delivery) bool { return boostOf(community, post.APID)(d) && d.doc["id"] == boostID }
	masto.awaitCount(t, "the boost of the restored post under its id", 2, again)

	// bob moderates the community from another server.
	rm := newSender(t)
	if _, err := l.fed.Resolve(ctx, rm.bob); err != nil {
		t.Fatal(err)
	}
	if err := l.st.AddModerator(ctx, l.community.ID, l.person(t, rm.bob)); err != nil {
		t.Fatal(err)
	}
	removal := map[string]any{"id": rm.url + "/activities/delete/1", "type": "Delete", "actor": rm.bob,
		"to": []string{community, public}, "cc": []string{community}, "audience": community, "object": post.APID,
		"summary": "spam again"}
	if code, answer := l.post(t, "/inbox", activity(removal), rm.signer); code != http.StatusAccepted {
		t.Fatalf("bob's removal: %d %s", code, answer)
	}
	masto.awaitCount(t, "the withdrawal of the boost after bob's removal", 2, unboostOf(community, boostID))
	undo := map[string]any{"id": rm.url + "/activities/undo/2", "type": "Undo", "actor": rm.bob,
		"to": []string{community, public}, "cc": []string{community}, "audience": community, "object": removal}
	if code, answer := l.post(t, "/inbox", activity(undo), rm.signer); code != http.StatusAccepted {
		t.Fatalf("bob's Undo of his removal: %d %s", code, answer)
	}
	masto.awaitCount(t, "the boost after bob's Undo", 3, again)

	// Removed after its author deleted it, a post was not shown: nothing
	// is withdrawn, and nothing boosted when the removal is undone.
	if err := l.f.DeletePost(ctx, alice, post.ID, true); err != nil {
		t.Fatal(err)
	}
	masto.awaitCount(t, "the withdrawal after alice's deletion", 3, unboostOf(community, boostID))
	if err := l.f.RemoveContent(ctx, admin, forum.Target{PostID: post.ID}, true, "spam"); err != nil {
		t.Fatal(err)
	}
	if err := l.f.RemoveContent(ctx, admin, forum.Target{PostID: post.ID}, false, "restored"); err != nil {
		t.Fatal(err)
	}
	federated(t, l)
	if n := countQueued(t, l, boostID); n != 6 {
		t.Errorf("%d deliveries carry the boost of alice's post or its withdrawal, want 6: "+
			"a deleted post's removal and restore change nothing for readers", n)
	}
}

// federated waits until every federate job queued so far has run, so that
// the deliveries it queues are there to count.
func federated(t *testing.T, l *local) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var left int
		if err := l.st.PgxPool().QueryRow(context.Background(), `SELECT count(*) FROM river_job
			WHERE kind = 'federate_local' AND state NOT IN ('completed', 'cancelled', 'discarded')`).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d federate jobs still waiting", left)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
