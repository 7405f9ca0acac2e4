package federation_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

const public = "https://www.w3.org/ns/activitystreams#Public"

// followedCommunity is a community on another server that someone here
// follows, so that its Announces are read: the relay of the tests below.
func followedCommunity(t *testing.T, l *local) (*sender, string, *httpsig.Signer) {
	t.Helper()
	ctx := context.Background()
	relay := newSender(t)
	id, signer := relay.group(t, "relay")
	if _, err := l.fed.Resolve(ctx, id); err != nil {
		t.Fatal(err)
	}
	c, err := l.st.CommunityByAPID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	u, err := l.f.CreateUser(ctx, forum.NewUser{Name: "follower", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.f.Subscribe(ctx, u, c.ID); err != nil {
		t.Fatal(err)
	}
	return relay, id, signer
}

// relayed is community's Announce of inner.
func relayed(relay *sender, community, n string, inner map[string]any) []byte {
	return activity(map[string]any{"id": relay.url + "/activities/announce/" + n, "type": "Announce",
		"actor": community, "to": []string{public}, "object": inner})
}

// A community vouches for what happens in it, and nothing else: relaying a
// third server's person's account deletion, an Undo of their Follow of our
// community, or a Delete of what they have not posted yet changes nothing.
func TestRelayedActivitiesStayInTheirCommunity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	victim := newSender(t)
	send := func(body []byte, s *httpsig.Signer) {
		t.Helper()
		if code, msg := l.post(t, "/inbox", body, s); code >= 300 && code < 400 || code >= 500 {
			t.Fatalf("%d %s", code, msg)
		}
	}
	send(activity(map[string]any{"id": victim.url + "/activities/follow/1", "type": "Follow",
		"actor": victim.bob, "object": l.community.APID}), victim.signer)
	send(activity(map[string]any{"id": victim.url + "/activities/create/1", "type": "Create", "actor": victim.bob,
		"object": map[string]any{"id": victim.url + "/post/1", "type": "Page", "attributedTo": victim.bob,
			"name": "victim's post", "audience": l.community.APID, "to": []string{l.community.APID, public}}}), victim.signer)
	relay, community, signer := followedCommunity(t, l)

	send(relayed(relay, community, "1", map[string]any{"id": victim.url + "/activities/delete/forged", "type": "Delete",
		"actor": victim.bob, "object": victim.bob, "removeData": true, "to": []string{public}}), signer)
	send(relayed(relay, community, "2", map[string]any{"id": victim.url + "/activities/undo/forged", "type": "Undo",
		"actor": victim.bob, "object": map[string]any{"id": victim.url + "/activities/follow/1", "type": "Follow",
			"actor": victim.bob, "object": l.community.APID}}), signer)
	send(relayed(relay, community, "3", map[string]any{"id": victim.url + "/activities/delete/forged2", "type": "Delete",
		"actor": victim.bob, "object": victim.url + "/post/7", "audience": community, "to": []string{public}}), signer)
	send(activity(map[string]any{"id": victim.url + "/activities/create/7", "type": "Create", "actor": victim.bob,
		"object": map[string]any{"id": victim.url + "/post/7", "type": "Page", "attributedTo": victim.bob,
			"name": "a later post", "audience": l.community.APID, "to": []string{l.community.APID, public}}}), victim.signer)

	person, err := l.st.PersonByAPID(ctx, victim.bob)
	if err != nil || person.Deleted {
		t.Errorf("the victim's account: deleted %v (%v)", person.Deleted, err)
	}
	for _, id := range []string{victim.url + "/post/1", victim.url + "/post/7"} {
		if p, err := l.st.PostByAPID(ctx, id); err != nil || p.Deleted {
			t.Errorf("%s: deleted %v (%v)", id, p.Deleted, err)
		}
	}
	if n := l.followers(t); n != 1 {
		t.Errorf("our community has %d followers after a relayed Undo{Follow}, want the victim still", n)
	}
}

// Nothing is fetched from a blocked instance: not an address of an
// activity, to see whether it is a community, nor an object announced by
// its id alone.
func TestNoFetchFromBlockedInstances(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	rm := newSender(t)
	var hits atomic.Int64
	blocked := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.NotFound(w, r)
	}))
	t.Cleanup(blocked.Close)
	u, _ := url.Parse(blocked.URL)
	if _, err := l.f.BlockInstance(ctx, forum.Operator, u.Host); err != nil {
		t.Fatal(err)
	}
	l.post(t, "/inbox", activity(map[string]any{"id": rm.url + "/activities/create/9", "type": "Create", "actor": rm.bob,
		"object": map[string]any{"id": rm.url + "/post/9", "type": "Page", "attributedTo": rm.bob, "name": "x",
			"to": []string{blocked.URL + "/c/whatever"}, "cc": []string{blocked.URL + "/c/other"}}}), rm.signer)
	relay, community, signer := followedCommunity(t, l)
	l.post(t, "/inbox", activity(map[string]any{"id": relay.url + "/activities/announce/10", "type": "Announce",
		"actor": community, "to": []string{public}, "object": blocked.URL + "/post/1"}), signer)
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests reached the blocked instance", n)
	}
}

// A reply refused in a locked thread of ours does not get in by being
// fetched (because something else names it).
func TestLockedThreadTakesNoFetchedReply(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	rm := newSender(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Locked"})
	if err != nil {
		t.Fatal(err)
	}
	on := true
	if err := l.st.SetPostFlags(ctx, post.ID, store.PostFlags{Locked: &on}); err != nil {
		t.Fatal(err)
	}
	note := map[string]any{"id": rm.url + "/comment/1", "type": "Note", "attributedTo": rm.bob,
		"inReplyTo": post.APID, "content": "<p>sneaky</p>", "audience": l.community.APID, "to": []string{public}}
	rm.serve(note)
	if code, _ := l.post(t, "/inbox", activity(map[string]any{"id": rm.url + "/activities/create/1", "type": "Create",
		"actor": rm.bob, "object": note}), rm.signer); code != http.StatusUnprocessableEntity {
		t.Errorf("a reply in a locked thread: %d, want 422", code)
	}
	l.post(t, "/inbox", activity(map[string]any{"id": rm.url + "/activities/like/1", "type": "Like", "actor": rm.bob,
		"object": rm.url + "/comment/1", "audience": l.community.APID}), rm.signer)
	if _, err := l.st.CommentByAPID(ctx, rm.url+"/comment/1"); err == nil {
		t.Error("the refused reply was stored when a Like named it")
	}
}

// A blocked instance stays blocked when its ids name the scheme's default
// port: http://127.0.0.2:80 is http://127.0.0.2.
func TestBlockedInstanceUnderItsDefaultPort(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newLocal(t)
	pub, priv, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.2:80")
	if err != nil {
		t.Skipf("cannot listen on port 80 here: %v", err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := "http://" + r.Host + r.URL.Path
		w.Header().Set("Content-Type", "application/activity+json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
			"id":       id, "type": "Person", "preferredUsername": "bob", "inbox": id + "/inbox",
			"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": pub},
		})
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	if _, err := l.f.BlockInstance(ctx, forum.Operator, "127.0.0.2"); err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"http://127.0.0.2", "http://127.0.0.2:80"} {
		bob := base + "/u/bob"
		s, err := httpsig.NewSigner(bob+"#main-key", priv)
		if err != nil {
			t.Fatal(err)
		}
		code, _ := l.post(t, "/inbox", activity(map[string]any{"id": base + "/activities/create/1", "type": "Create",
			"actor": bob, "object": map[string]any{"id": base + "/post/1", "type": "Page", "attributedTo": bob,
				"name": "from a blocked instance", "audience": l.community.APID, "to": []string{l.community.APID, public}}}), s)
		if code < 400 || code >= 500 {
			t.Errorf("%s, blocked: %d, want refused", base, code)
		}
		if _, err := l.st.PostByAPID(ctx, base+"/post/1"); err == nil {
			t.Errorf("%s, blocked: its post was stored", base)
		}
	}
}
