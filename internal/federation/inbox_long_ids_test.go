package federation_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
)

// PostgreSQL refuses an index entry over about 2.7 KB, so an activity
// whose id (or an id it makes us store) is longer could never be stored,
// however often it is sent again: it is the sender's to fix, a 400 with
// the reason, not a 503 that has it resent for days. Nothing of it is
// kept, and what it makes us fetch is not fetched.
func TestActivitiesWithOverlongIDsAreTheSendersFault(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	// Random, as ids are: PostgreSQL compresses a long run of one letter
	// to fit.
	random := make([]byte, 1500)
	_, _ = rand.Read(random)
	long := "/" + hex.EncodeToString(random)
	post := map[string]any{"id": rm.url + "/post/1", "type": "Page", "attributedTo": rm.bob, "name": "Ferry times",
		"audience": l.community.APID, "to": []string{l.community.APID}}
	create := func(id string, obj map[string]any) []byte {
		return activity(map[string]any{"id": id, "type": "Create", "actor": rm.bob, "object": obj,
			"to": []string{l.community.APID}, "audience": l.community.APID})
	}
	withID := func(obj map[string]any, id string) map[string]any {
		out := map[string]any{}
		for k, v := range obj {
			out[k] = v
		}
		out["id"] = id
		return out
	}
	// A comment served under a usual id, whose post is served under an
	// overlong one: fetched for a vote, the post is not.
	rm.serve(withID(post, rm.url+"/post"+long))
	rm.serve(map[string]any{"id": rm.url + "/comment/1", "type": "Note", "attributedTo": rm.bob,
		"content": "<p>The 7:40 is cancelled.</p>", "inReplyTo": rm.url + "/post" + long,
		"audience": l.community.APID, "to": []string{l.community.APID, public}})
	for _, tc := range []struct {
		name string
		body []byte
	}{
		{"the activity's", create(rm.url+"/activities/create"+long, post)},
		{"the post's", create(rm.url+"/activities/create/2", withID(post, rm.url+"/post"+long))},
		{"a vote's", activity(map[string]any{"id": rm.url + "/activities/like" + long, "type": "Like",
			"actor": rm.bob, "object": rm.url + "/post/1", "audience": l.community.APID})},
		{"a fetched comment's post", activity(map[string]any{"id": rm.url + "/activities/like/4", "type": "Like",
			"actor": rm.bob, "object": rm.url + "/comment/1", "audience": l.community.APID})},
		{"what a vote makes us fetch", activity(map[string]any{"id": rm.url + "/activities/like/3", "type": "Like",
			"actor": rm.bob, "object": rm.url + "/post" + long, "audience": l.community.APID})},
	} {
		code, body := l.post(t, "/inbox", tc.body, rm.signer)
		if code != http.StatusBadRequest || !strings.Contains(body, "ids kept here are at most 2048") {
			t.Errorf("%s id of 3,000 characters: %d %.200s, want 400 saying why", tc.name, code, body)
		}
	}
	if n := rm.fetches("/post" + long); n != 0 {
		t.Errorf("the overlong id was fetched %d times", n)
	}
	if _, err := l.st.CommentByAPID(ctx, rm.url+"/comment/1"); err == nil {
		t.Error("a comment whose post has an overlong id was stored")
	}
	if _, err := l.st.PostByAPID(ctx, rm.url+"/post/1"); err == nil {
		t.Error("a post of a refused Create was stored")
	}
	// The same with ids of a usual length is taken.
	if code, body := l.post(t, "/inbox", create(rm.url+"/activities/create/5", post), rm.signer); code != http.StatusAccepted {
		t.Errorf("the Create with its usual ids: %d %s", code, body)
	}
}
