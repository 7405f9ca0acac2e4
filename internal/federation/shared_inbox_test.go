package federation_test

import (
	"context"
	"slices"
	"testing"

	"github.com/tidings/tidings/internal/forum"
)

// An actor's shared inbox on another server than its own is ignored: what
// our people sign goes to the actor's own inbox, never to a third server
// that the actor names. A person who follows a community gets its
// Announces there, a person mentioned gets the reply there, and our
// members' posts in a remote community go to the community's own inbox.
func TestSharedInboxOnAnotherServerIsIgnored(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	masto, third := newMicroblog(t, true), newMicroblog(t, true)
	masto.listShared(third.url + "/inbox")
	const own = "/users/reader/inbox"

	masto.follow(t, "reader", l.community.APID) // a signed Follow, answered with a signed Accept
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Ferry strike"})
	if err != nil {
		t.Fatal(err)
	}
	announce := masto.await(t, "the Announce of the post's Create", announceOf(l.community.APID, "Create", post.APID))
	if announce.inbox != own {
		t.Errorf("the Announce went to %s, want the follower's own inbox %s", announce.inbox, own)
	}
	reply, err := l.f.CreateComment(ctx, alice, post.ID, 0, "Ask "+masto.handle("reader")+", who was on it.")
	if err != nil {
		t.Fatal(err)
	}
	masto.await(t, "the Create of the reply that mentions reader", authored(alice.APID, "Create", reply.APID, own))

	// A remote community that names a third server's shared inbox.
	rm := newSender(t)
	group := rm.url + "/c/harbour"
	rm.serve(map[string]any{
		"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id":       group, "type": "Group", "preferredUsername": "harbour", "name": "Harbour",
		"inbox": group + "/inbox", "outbox": group + "/outbox", "followers": group + "/followers",
		"endpoints": map[string]string{"sharedInbox": third.url + "/inbox"},
		"publicKey": map[string]string{"id": group + "#main-key", "owner": group, "publicKeyPem": rm.pub},
	})
	if _, err := l.fed.Resolve(ctx, group); err != nil {
		t.Fatal(err)
	}
	c, err := l.st.CommunityByAPID(ctx, group)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.f.Subscribe(ctx, alice, c.ID); err != nil {
		t.Fatal(err)
	}
	theirs, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: c.ID, Title: "Moorings for rent"})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := l.fed.Deliveries(ctx, forum.FederateArgs{Action: forum.FederateCreatePost, PostID: theirs.ID})
	if err != nil {
		t.Fatal(err)
	}
	var inboxes []string
	for _, d := range sent {
		inboxes = append(inboxes, d.Inbox)
	}
	if !slices.Equal(inboxes, []string{group + "/inbox"}) {
		t.Errorf("the post in the remote community goes to %v, want only its own inbox", inboxes)
	}

	// Whatever was on its way has arrived: nothing reached the third server.
	masto.await(t, "the boost of the post", boostOf(l.community.APID, post.APID))
	if got := third.received(); len(got) != 0 {
		t.Errorf("the third server was sent %v", got)
	}
}
