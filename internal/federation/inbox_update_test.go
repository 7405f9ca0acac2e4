package federation_test

import (
	"context"
	"strings"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
	"github.com/tidings/tidings/internal/forum"
)

// An Update that arrives before the Create of its object (deliveries
// retried after an outage come in any order) fetches the object, as a vote
// does, instead of refusing the edit with a 404 that the sender would take
// as final; the late Create then changes no text, and gives the author's
// upvote.
func TestInboxUpdateBeforeCreate(t *testing.T) {
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
	send := func(v map[string]any, want int) {
		t.Helper()
		if code, body := l.post(t, "/inbox", activity(v), rm.signer); code != want {
			t.Fatalf("%s %s: %d %s, want %d", v["type"], v["id"], code, body, want)
		}
	}
	note := func(content string) map[string]any {
		return map[string]any{"id": rm.url + "/comment/1", "type": "Note", "attributedTo": rm.bob,
			"inReplyTo": post.APID, "audience": l.community.APID, "content": content,
			"to": []string{ap.Public}, "cc": []string{l.community.APID}}
	}
	// bob's server has the comment as edited.
	rm.serve(note("<p>edited</p>"))
	send(map[string]any{"id": rm.url + "/activities/update/1", "type": "Update", "actor": rm.bob,
		"object": note("<p>edited</p>"), "audience": l.community.APID}, 202)
	c, err := l.st.CommentByAPID(ctx, rm.url+"/comment/1")
	if err != nil || !strings.Contains(c.BodyHTML, "edited") {
		t.Fatalf("after the Update of an unknown comment: %+v %v", c, err)
	}

	send(map[string]any{"id": rm.url + "/activities/create/1", "type": "Create", "actor": rm.bob,
		"object": note("<p>first</p>"), "audience": l.community.APID}, 202)
	c, err = l.st.CommentByAPID(ctx, rm.url+"/comment/1")
	if err != nil || !strings.Contains(c.BodyHTML, "edited") || c.Score != 1 {
		t.Errorf("after the late Create: %+v %v, want the edited text and the author's upvote", c, err)
	}
}
