package federation_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// A report of a post in a community on another server goes to that
// community as Lemmy 0.19's Flag, signed by the reporter, with the
// report's own id; it is kept with what we sent but not served to whoever
// asks. A report of our own community's content sends nothing.
func TestReportOfRemoteContentGoesToItsCommunity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	techID, _ := rm.group(t, "tech")
	postID := rm.url + "/post/9"
	rm.serve(map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": postID, "type": "Page",
		"attributedTo": rm.bob, "name": "Too good to be true", "audience": techID,
		"to": []string{techID, "https://www.w3.org/ns/activitystreams#Public"}})
	if _, err := l.fed.Resolve(ctx, postID); err != nil {
		t.Fatal(err)
	}
	remotePost, err := l.st.PostByAPID(ctx, postID)
	if err != nil {
		t.Fatal(err)
	}
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	ours, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Ours"})
	if err != nil {
		t.Fatal(err)
	}
	bert, err := l.f.CreateUser(ctx, forum.NewUser{Name: "bert", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.f.ReportPost(ctx, bert, ours.ID, "off topic"); err != nil {
		t.Fatal(err)
	}
	id, err := l.f.ReportPost(ctx, alice, remotePost.ID, "A scam: the link asks for card numbers")
	if err != nil {
		t.Fatal(err)
	}
	federateQueued(t, l)

	sent := queued(t, l)
	if len(sent) != 1 {
		t.Fatalf("queued %d deliveries, want the one Flag: %+v", len(sent), sent)
	}
	r, err := l.st.ReportByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	d := sent[0]
	if d.Inbox != rm.url+"/inbox" || d.Actor != alice.APID {
		t.Errorf("the Flag goes to %s signed by %s; want the community's shared inbox, signed by alice", d.Inbox, d.Actor)
	}
	got := decoded(t, d.Activity)
	delete(got, "@context")
	want := map[string]any{"id": r.APID, "type": "Flag", "actor": alice.APID, "to": []any{techID}, "audience": techID,
		"object": postID, "summary": "A scam: the link asks for card numbers"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sent\n%v\nwant\n%v", got, want)
	}
	// Every activity we send answers at its id, a report too (as Lemmy's
	// do): its id is random, known only to the server it went to.
	expectServed(t, "the Flag", r.APID, decoded(t, d.Activity), nil)
}
