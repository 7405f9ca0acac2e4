package federation_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// A reply to comments we never saw brings the missing chain up to the post,
// each comment in its place; a chain that never reaches a post is refused
// with nothing stored.
func TestInboxFetchesMissingReplyChain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	note := func(n int, parent string) map[string]any {
		return map[string]any{"id": fmt.Sprintf("%s/comment/%d", rm.url, n), "type": "Note", "attributedTo": rm.bob,
			"inReplyTo": parent, "content": fmt.Sprintf("<p>comment %d</p>", n), "audience": l.community.APID,
			"to": []string{"https://www.w3.org/ns/activitystreams#Public"}}
	}
	rm.serve(note(1, post.APID))
	rm.serve(note(2, rm.url+"/comment/1"))
	create := activity(map[string]any{"id": rm.url + "/activities/create/3", "type": "Create", "actor": rm.bob,
		"object": note(3, rm.url+"/comment/2"), "to": []string{"https://www.w3.org/ns/activitystreams#Public"}})
	if code, body := l.post(t, "/inbox", create, rm.signer); code != http.StatusAccepted {
		t.Fatalf("Create of a reply to unknown comments: %d %s", code, body)
	}
	thread, err := l.st.Thread(ctx, post.ID)
	if err != nil || len(thread) != 3 {
		t.Fatalf("thread: %d comments, %v", len(thread), err)
	}
	for i, c := range thread {
		if c.APID != fmt.Sprintf("%s/comment/%d", rm.url, i+1) || len(c.Path) != i+1 {
			t.Errorf("comment %d: %s at depth %d", i+1, c.APID, len(c.Path))
		}
	}

	// Two comments replying to each other: a loop, cut off by the depth cap.
	rm.serve(note(10, rm.url+"/comment/11"))
	rm.serve(note(11, rm.url+"/comment/10"))
	loop := activity(map[string]any{"id": rm.url + "/activities/create/12", "type": "Create", "actor": rm.bob,
		"object": note(12, rm.url+"/comment/10")})
	if code, body := l.post(t, "/inbox", loop, rm.signer); code != http.StatusUnprocessableEntity {
		t.Errorf("Create at the end of a loop: %d %s, want 422", code, body)
	}
	if thread, _ := l.st.Thread(ctx, post.ID); len(thread) != 3 {
		t.Errorf("the loop stored comments: %d in the thread", len(thread))
	}
}

// A moderator on another server removes, restores and locks in our
// community, and bans from it; anyone else who tries is refused and
// changes nothing.
func TestInboxRemoteModerators(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mod, other, l := newSender(t), newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := l.f.CreateComment(ctx, alice, post.ID, 0, "a comment")
	if err != nil {
		t.Fatal(err)
	}
	// Followed by the non-moderator's instance, so that accepted actions are announced.
	follow := activity(map[string]any{"id": other.url + "/activities/follow/1", "type": "Follow",
		"actor": other.bob, "object": l.community.APID})
	if code, body := l.post(t, "/inbox", follow, other.signer); code != http.StatusAccepted {
		t.Fatalf("Follow: %d %s", code, body)
	}
	n := 0
	send := func(s *sender, v map[string]any, want int) {
		t.Helper()
		n++
		v["id"] = fmt.Sprintf("%s/activities/%d", s.url, n)
		v["actor"] = s.bob
		if code, body := l.post(t, "/inbox", activity(v), s.signer); code != want {
			t.Errorf("%s: %d %s, want %d", v["type"], code, body, want)
		}
	}
	removal := func(object string) map[string]any {
		return map[string]any{"type": "Delete", "object": object, "summary": "off topic", "audience": l.community.APID}
	}
	postState := func() store.Post {
		p, err := l.st.PostByID(ctx, post.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	send(mod, map[string]any{"type": "Flag", "object": post.APID}, http.StatusAccepted) // bob is known now
	if err := l.st.AddModerator(ctx, l.community.ID, l.person(t, mod.bob)); err != nil {
		t.Fatal(err)
	}
	before := len(l.deliveries(t))
	send(other, removal(post.APID), http.StatusForbidden)
	send(other, map[string]any{"type": "Lock", "object": post.APID}, http.StatusForbidden)
	if p := postState(); p.Removed || p.Locked {
		t.Fatalf("a non-moderator changed the post: removed %v locked %v", p.Removed, p.Locked)
	}
	if got := len(l.deliveries(t)); got != before {
		t.Errorf("refused actions were announced: %d deliveries queued", got-before)
	}

	send(mod, removal(post.APID), http.StatusAccepted)
	if !postState().Removed {
		t.Error("the moderator's removal was not applied")
	}
	// The removal's Announce, and the withdrawal of the community's boost
	// of the post, which microblog servers showed until now.
	if got := len(l.deliveries(t)); got != before+2 {
		t.Errorf("the removal queued %d deliveries, want 2: its Announce and the withdrawal of the boost", got-before)
	}
	send(mod, map[string]any{"type": "Undo", "object": map[string]any{"type": "Delete", "actor": mod.bob,
		"id": mod.url + "/activities/removal", "object": post.APID, "summary": ""}}, http.StatusAccepted)
	if postState().Removed {
		t.Error("the moderator's restore was not applied")
	}

	// A locked comment takes no replies beneath it.
	send(mod, map[string]any{"type": "Lock", "object": comment.APID}, http.StatusAccepted)
	if _, err := l.f.CreateComment(ctx, alice, post.ID, comment.ID, "a reply"); !forum.IsInputError(err) {
		t.Errorf("reply under a locked comment: %v, want refused", err)
	}

	// A ban from the community, with the person's content removed.
	carol := l.person(t, other.bob)
	if _, err := l.f.CreateRemoteComment(ctx, "", carol, forum.RemoteComment{APID: other.url + "/comment/1",
		PostID: post.ID, Body: "spam", BodyHTML: "<p>spam</p>"}, nil); err != nil {
		t.Fatal(err)
	}
	send(mod, map[string]any{"type": "Block", "object": other.bob, "target": l.community.APID,
		"removeData": true, "summary": "spam"}, http.StatusAccepted)
	if banned, _ := l.st.IsBannedFromCommunity(ctx, l.community.ID, carol); !banned {
		t.Error("the ban was not applied")
	}
	if c, _ := l.st.CommentByAPID(ctx, other.url+"/comment/1"); !c.Removed {
		t.Error("the banned person's comment was not removed")
	}
}

// person is the local id of a remote actor stored by an activity's check.
func (l *local) person(t *testing.T, id string) int64 {
	t.Helper()
	p, err := l.st.PersonByAPID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}
