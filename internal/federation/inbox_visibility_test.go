package federation_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// mastodonReply is a Create of a reply to object, in the shape Mastodon
// 4 sends it (ostatus fields, contentMap, a Mention per person named, the
// replies collection), addressed to to and cc, each on the activity and
// on the Note alike. word is in its text, to be searched for.
func mastodonReply(m *microblog, name, object string, to, cc []string, mentioned map[string]string, word string) map[string]any {
	note := m.newID(name, "statuses")
	content := "<p>"
	var tags []map[string]string
	for href, handle := range mentioned {
		content += `<span class="h-card" translate="no"><a href="` + href + `" class="u-url mention">@<span>` +
			strings.Split(strings.TrimPrefix(handle, "@"), "@")[0] + `</span></a></span> `
		tags = append(tags, map[string]string{"type": "Mention", "href": href, "name": handle})
	}
	content += "only for you: " + word + "</p>"
	return map[string]any{
		"@context": []any{"https://www.w3.org/ns/activitystreams",
			map[string]any{"ostatus": "http://ostatus.org#", "atomUri": "ostatus:atomUri", "conversation": "ostatus:conversation",
				"sensitive": "as:sensitive", "toot": "http://joinmastodon.org/ns#", "votersCount": "toot:votersCount"}},
		"id": note + "/activity", "type": "Create", "actor": m.actor(name), "published": "2026-12-04T02:40:00Z",
		"to": to, "cc": cc,
		"object": map[string]any{
			"id": note, "type": "Note", "summary": nil, "inReplyTo": object, "published": "2026-12-04T02:40:00Z",
			"url": m.url + "/@" + name + "/" + note[strings.LastIndex(note, "/")+1:], "attributedTo": m.actor(name),
			"to": to, "cc": cc, "sensitive": false, "atomUri": note, "inReplyToAtomUri": object,
			"conversation": "tag:" + m.host + ",2026-12-04:objectId=1:objectType=Conversation",
			"content":      content, "contentMap": map[string]string{"en": content},
			"attachment": []any{}, "tag": tags,
			"replies": map[string]any{"id": note + "/replies", "type": "Collection",
				"first": map[string]any{"type": "CollectionPage", "next": note + "/replies?only_other_accounts=true&page=true",
					"partOf": note + "/replies", "items": []any{}}},
		},
	}
}

// A reply in one of our threads that Mastodon addresses to some people only
// (direct, to everyone it mentions, one of them here; or followers-only)
// is acknowledged and dropped, edits too: it is no comment in the thread,
// in search, in the post's count, or in what the community announces.
// Mastodon's unlisted reply, Public in cc only, is a comment, as in Lemmy,
// and so is one addressed to the community's followers.
func TestInboxDropsRepliesThatAreNotPublic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l, masto := newLocal(t), newMicroblog(t, true)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := l.f.CreateComment(ctx, alice, post.ID, 0, "What do you think?")
	if err != nil {
		t.Fatal(err)
	}
	felix, carol := masto.actor("felix"), masto.actor("carol")
	aliceHandle := "@alice@" + strings.TrimPrefix(l.url, "http://")
	both := map[string]string{alice.APID: aliceHandle, carol: masto.handle("carol")}
	before := len(l.deliveries(t))
	dropped := map[string]bool{}

	private := []struct {
		name   string
		to, cc []string
	}{
		{"direct to alice and carol", []string{alice.APID, carol}, []string{}},
		{"direct, alice in cc", []string{carol}, []string{alice.APID}},
		{"followers-only", []string{felix + "/followers"}, []string{alice.APID, carol}},
		{"to the community, not Public", []string{l.community.APID}, []string{alice.APID, carol}},
	}
	for i, tc := range private {
		word := "secretword" + string(rune('a'+i))
		create := mastodonReply(masto, "felix", comment.APID, tc.to, tc.cc, both, word)
		masto.send(t, "felix", l.url+"/inbox", create) // fails the test unless 202
		note := create["object"].(map[string]any)
		dropped[note["id"].(string)] = true
		update := map[string]any{"@context": create["@context"], "id": note["id"].(string) + "#updates/1",
			"type": "Update", "actor": felix, "to": tc.to, "cc": tc.cc, "object": note}
		masto.send(t, "felix", l.url+"/inbox", update)
		if c, err := l.st.CommentByAPID(ctx, note["id"].(string)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: stored as a comment: %+v %v", tc.name, c, err)
		}
		if found, err := l.st.SearchComments(ctx, word, 10, store.ReaderFilter{}); err != nil || len(found) != 0 {
			t.Errorf("%s: search for its text found %+v %v", tc.name, found, err)
		}
	}

	public := []struct {
		name   string
		to, cc []string
	}{
		{"unlisted", []string{felix + "/followers"}, []string{public, alice.APID}},
		{"as:Public", []string{"as:Public"}, []string{alice.APID}},
		{"to the community's followers", []string{alice.APID}, []string{l.community.APID + "/followers"}},
	}
	for i, tc := range public {
		word := "openword" + string(rune('a'+i))
		create := mastodonReply(masto, "felix", comment.APID, tc.to, tc.cc, map[string]string{alice.APID: aliceHandle}, word)
		masto.send(t, "felix", l.url+"/inbox", create)
		id := create["object"].(map[string]any)["id"].(string)
		if c, err := l.st.CommentByAPID(ctx, id); err != nil || c.ParentID == nil || *c.ParentID != comment.ID {
			t.Errorf("%s: %+v %v, want a reply to alice's comment", tc.name, c, err)
		}
		if found, err := l.st.SearchComments(ctx, word, 10, store.ReaderFilter{}); err != nil || len(found) != 1 {
			t.Errorf("%s: search for its text found %+v %v, want it", tc.name, found, err)
		}
	}

	thread, err := l.st.Thread(ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, c := range thread {
		listed = append(listed, c.APID)
		if dropped[c.APID] {
			t.Errorf("the thread lists the private reply %s", c.APID)
		}
	}
	if len(thread) != 1+len(public) {
		t.Errorf("the thread has %d comments, want alice's and the %d public replies: %q", len(thread), len(public), listed)
	}
	p, err := l.st.PostByID(ctx, post.ID)
	if err != nil || p.Comments != 1+len(public) {
		t.Errorf("the post counts %d comments (%v), want %d", p.Comments, err, 1+len(public))
	}
	var secret int
	if err := l.st.PgxPool().QueryRow(ctx, `SELECT count(*) FROM comments WHERE body LIKE '%secretword%'`).Scan(&secret); err != nil || secret != 0 {
		t.Errorf("%d comments stored with a private reply's text (%v)", secret, err)
	}
	for _, d := range l.deliveries(t)[before:] {
		if strings.Contains(d, "secretword") {
			t.Errorf("a private reply is sent on: %s", d)
		}
	}
}

// A reply that is not public is not kept when it is fetched either: as the
// parent of a public reply, or as the object of a vote. The public reply
// then answers nothing in our threads and is dropped too.
func TestFetchedRepliesThatAreNotPublicAreNotKept(t *testing.T) {
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
	hidden := rm.url + "/comment/1"
	rm.serve(map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": hidden, "type": "Note",
		"attributedTo": rm.bob, "inReplyTo": post.APID, "to": []string{alice.APID, rm.url + "/u/carol"},
		"content": "<p>between us</p>"})
	reply := map[string]any{"id": rm.url + "/comment/2", "type": "Note", "attributedTo": rm.bob, "inReplyTo": hidden,
		"to": []string{public}, "cc": []string{l.community.APID}, "content": "<p>and in public</p>"}
	if code, body := l.post(t, "/inbox", activity(create(rm.url+"/activities/create/2", rm.bob, reply)), rm.signer); code != 202 {
		t.Fatalf("a public reply to it: %d %s", code, body)
	}
	like := map[string]any{"id": rm.url + "/activities/like/1", "type": "Like", "actor": rm.bob, "object": hidden,
		"to": []string{public}, "cc": []string{l.community.APID}}
	l.post(t, "/inbox", activity(like), rm.signer)
	if rm.fetches("/comment/1") == 0 {
		t.Error("the hidden reply was never fetched; the test tests nothing")
	}
	for _, id := range []string{hidden, rm.url + "/comment/2"} {
		if c, err := l.st.CommentByAPID(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s stored: %+v %v", id, c, err)
		}
	}
}

// A Mastodon status that names one of our communities is a post in it
// when it is public or unlisted; one for its author's followers or for the
// people it mentions is acknowledged and dropped, its edits too, so that
// it is in no listing and no search.
func TestInboxDropsPostsThatAreNotPublic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l, masto := newLocal(t), newMicroblog(t, true)
	felix := masto.actor("felix")
	group := map[string]string{l.community.APID: "@" + l.community.Name + "@" + strings.TrimPrefix(l.url, "http://")}
	status := func(to, cc []string, word string) map[string]any {
		create := mastodonReply(masto, "felix", "", to, cc, group, word)
		note := create["object"].(map[string]any)
		delete(note, "inReplyTo")
		delete(note, "inReplyToAtomUri")
		return create
	}
	for i, tc := range []struct {
		name   string
		to, cc []string
		kept   bool
	}{
		{"followers-only", []string{felix + "/followers"}, []string{l.community.APID}, false},
		{"direct to the community", []string{l.community.APID}, []string{}, false},
		{"public", []string{public}, []string{felix + "/followers", l.community.APID}, true},
		{"unlisted", []string{felix + "/followers"}, []string{public, l.community.APID}, true},
	} {
		word := "statusword" + string(rune('a'+i))
		create := status(tc.to, tc.cc, word)
		masto.send(t, "felix", l.url+"/inbox", create) // fails the test unless 202
		note := create["object"].(map[string]any)
		update := map[string]any{"@context": create["@context"], "id": note["id"].(string) + "#updates/1",
			"type": "Update", "actor": felix, "to": tc.to, "cc": tc.cc, "object": note}
		masto.send(t, "felix", l.url+"/inbox", update)
		_, err := l.st.PostByAPID(ctx, note["id"].(string))
		if kept := err == nil; kept != tc.kept {
			t.Errorf("%s: stored as a post: %v (%v), want %v", tc.name, kept, err, tc.kept)
		}
		found, err := l.st.SearchPosts(ctx, word, 10, false, store.ReaderFilter{})
		if want := map[bool]int{true: 1, false: 0}[tc.kept]; err != nil || len(found) != want {
			t.Errorf("%s: search for its text found %d posts (%v), want %d", tc.name, len(found), err, want)
		}
	}
}
