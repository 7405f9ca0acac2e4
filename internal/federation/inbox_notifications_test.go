package federation_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// notifyWorld is a Tidings where alice wrote a post and a comment in
// its community, with other local people to be mentioned, and another
// server to send from.
type notifyWorld struct {
	*local
	rm      *sender
	people  map[string]store.LocalUser
	post    store.Post
	comment store.Comment
}

func newNotifyWorld(t *testing.T, names ...string) *notifyWorld {
	t.Helper()
	ctx := context.Background()
	w := &notifyWorld{local: newLocal(t), rm: newSender(t), people: map[string]store.LocalUser{}}
	for _, name := range append([]string{"alice"}, names...) {
		u, err := w.f.CreateUser(ctx, forum.NewUser{Name: name, Password: "password123"})
		if err != nil {
			t.Fatal(err)
		}
		w.people[name] = u
	}
	var err error
	if w.post, err = w.f.CreatePost(ctx, w.people["alice"], forum.PostInput{CommunityID: w.community.ID, Title: "Tide tables"}); err != nil {
		t.Fatal(err)
	}
	if w.comment, err = w.f.CreateComment(ctx, w.people["alice"], w.post.ID, 0, "Where are they?"); err != nil {
		t.Fatal(err)
	}
	return w
}

// load reads one of our example activities, its placeholder hosts moved
// to the test servers, and alice's post and comment put in place of
// /post/1 and /comment/1.
func (w *notifyWorld) load(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "notifications", name))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer("https://tidings.example/post/1", w.post.APID, "https://tidings.example/comment/1", w.comment.APID,
		"https://tidings.example", w.url, "https://remote.example", w.rm.url).Replace(string(raw))
	var v map[string]any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// deliver signs act as its actor (served by rm, with rm's key) and sends
// it to the shared inbox, which must accept it.
func (w *notifyWorld) deliver(t *testing.T, act map[string]any) {
	t.Helper()
	actor := act["actor"].(string)
	path := strings.TrimPrefix(actor, w.rm.url)
	servePerson(t, w.rm, path, path[strings.LastIndex(path, "/")+1:])
	body, _ := json.Marshal(act)
	if code, resp := w.local.post(t, "/inbox", body, signerOf(t, actor, w.rm)); code != http.StatusAccepted {
		t.Fatalf("%s %s: %d %s", act["type"], act["id"], code, resp)
	}
}

// inbox is name's notifications as "kind by author", newest first.
func (w *notifyWorld) inbox(t *testing.T, name string) []string {
	t.Helper()
	ns, _, err := w.f.Notifications(context.Background(), w.people[name], forum.NotificationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.Kind+" by "+n.ActorName)
	}
	return out
}

func (w *notifyWorld) wantInbox(t *testing.T, name string, want ...string) {
	t.Helper()
	if got := w.inbox(t, name); !slices.Equal(got, want) {
		t.Errorf("%s's inbox = %q, want %q", name, got, want)
	}
}

// A signed Create of a reply, in the exact shapes Lemmy (1.0 and 0.19),
// Mbin, PieFed, Mastodon and Akkoma send, notifies the local author it
// answers and the local people it mentions: by a Mention tag on the
// object or on the activity (Lemmy), or only by a link to them in its
// HTML. Each is notified once, however often the activity arrives; the
// author's own mention in a reply to them is the reply.
func TestRemoteRepliesAndMentionsNotify(t *testing.T) {
	t.Parallel()
	w := newNotifyWorld(t, "lena", "lars", "mia", "pia", "max", "kim")
	for _, c := range []struct{ file, mentioned, author string }{
		{"lemmy_create_note.json", "lena", "marisol"},
		{"lemmy-0.19_create_note.json", "lars", "marisol"},
		{"mbin_create_note.json", "mia", "ingrid"},
		{"piefed_create_note.json", "pia", "kwame"},
		{"mastodon_create_note.json", "max", "yusuf"},
		{"akkoma_create_note_link_only.json", "kim", "noor"},
	} {
		act := w.load(t, c.file)
		w.deliver(t, act)
		w.deliver(t, act) // delivered again
		w.wantInbox(t, c.mentioned, "mention by "+c.author)
	}
	w.wantInbox(t, "alice", "reply by noor", "reply by yusuf", "reply by kwame", "reply by ingrid",
		"reply by marisol", "reply by marisol")

	// An edit that adds a mention notifies the one newly named, once.
	upd := w.load(t, "lemmy_create_note.json")
	upd["type"], upd["id"] = "Update", w.rm.url+"/activities/update/1"
	note := upd["object"].(map[string]any)
	note["content"] = fmt.Sprintf(`<p><a href="%[1]s/u/lena">@lena</a> and <a href="%[1]s/u/mia">@mia</a>, the tables are up.</p>`, w.url)
	w.deliver(t, upd)
	upd["id"] = w.rm.url + "/activities/update/2"
	w.deliver(t, upd)
	w.wantInbox(t, "mia", "mention by marisol", "mention by ingrid")
	w.wantInbox(t, "lena", "mention by marisol")
}

// A reply to a local person and a mention of one, in a community on
// another server, arrive in the community's Announce{Create} and notify
// as when sent straight here.
func TestAnnouncedRepliesAndMentionsNotify(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newNotifyWorld(t, "lena")
	groupID, group := w.rm.group(t, "tech")
	if _, err := w.fed.Resolve(ctx, groupID); err != nil {
		t.Fatal(err)
	}
	tech, err := w.st.CommunityByAPID(ctx, groupID)
	if err != nil {
		t.Fatal(err)
	}
	alice := w.people["alice"]
	if err := w.f.Subscribe(ctx, alice, tech.ID); err != nil {
		t.Fatal(err)
	}
	f, err := w.st.GetFollow(ctx, tech.ID, alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	send := func(v map[string]any) {
		t.Helper()
		if code, body := w.local.post(t, "/inbox", activity(v), group); code != http.StatusAccepted {
			t.Fatalf("%s %s: %d %s", v["type"], v["id"], code, body)
		}
	}
	send(map[string]any{"id": groupID + "/activities/accept/1", "type": "Accept", "actor": groupID,
		"object": map[string]any{"id": f.FollowAPID, "type": "Follow", "actor": alice.APID, "object": groupID}})
	announce := func(n string, obj map[string]any) map[string]any {
		return map[string]any{"id": groupID + "/activities/announce/" + n, "type": "Announce", "actor": groupID,
			"to": []string{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []string{groupID + "/followers"},
			"object": map[string]any{"id": w.rm.url + "/activities/create/" + n, "type": "Create", "actor": w.rm.bob,
				"to": []string{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []string{groupID}, "audience": groupID,
				"object": obj}}
	}
	post := map[string]any{"id": w.rm.url + "/post/1", "type": "Page", "attributedTo": w.rm.bob, "name": "Over there",
		"audience": groupID, "to": []string{groupID, public}}
	send(announce("1", post))
	there, err := w.st.PostByAPID(ctx, w.rm.url+"/post/1")
	if err != nil {
		t.Fatal(err)
	}
	mine, err := w.f.CreateComment(ctx, alice, there.ID, 0, "Alice's comment over there")
	if err != nil {
		t.Fatal(err)
	}
	reply := map[string]any{"id": w.rm.url + "/comment/1", "type": "Note", "attributedTo": w.rm.bob,
		"inReplyTo": mine.APID, "audience": groupID, "content": "<p>Answering alice</p>"}
	mention := map[string]any{"id": w.rm.url + "/comment/2", "type": "Note", "attributedTo": w.rm.bob,
		"inReplyTo": w.rm.url + "/post/1", "audience": groupID, "content": "<p>lena should see this</p>",
		"tag": []any{map[string]string{"type": "Mention", "href": w.url + "/u/lena", "name": "@lena@" + w.url[7:]}}}
	send(announce("2", reply))
	send(announce("3", mention))
	send(announce("3", mention))
	w.wantInbox(t, "alice", "reply by bob")
	w.wantInbox(t, "lena", "mention by bob")
}

// The activities Lemmy and Mastodon sent, from the shared corpus, with
// their mention moved to a person here, notify them.
func TestSharedFixturesMentionsNotify(t *testing.T) {
	t.Parallel()
	corpus := aptest.Shared(t, "Lemmy's and Mastodon's Create of a comment mentioning a local person notifies them")
	w := newNotifyWorld(t, "lena", "max")

	lemmy := map[string]any{}
	if err := json.Unmarshal(corpus.Read(t, "lemmy/activities/create_or_update/create_comment.json"), &lemmy); err != nil {
		t.Fatal(err)
	}
	s, _ := json.Marshal(lemmy)
	moved := strings.NewReplacer("http://ds9.lemmy.ml/post/1", w.post.APID, "https://enterprise.lemmy.ml/c/main", w.community.APID,
		"http://enterprise.lemmy.ml/c/main", w.community.APID, "http://ds9.lemmy.ml", w.rm.url).Replace(string(s))
	if err := json.Unmarshal([]byte(moved), &lemmy); err != nil {
		t.Fatal(err)
	}
	// Its Mention names its own author; point it at lena here.
	lemmy["tag"].([]any)[0].(map[string]any)["href"] = w.url + "/u/lena"
	w.deliver(t, lemmy)

	raw := string(corpus.Read(t, "mastodon/activities/create_note.json"))
	raw = strings.NewReplacer("https://mamot.fr/users/retiolus/statuses/107224244380204526", w.post.APID,
		"https://mamot.fr/users/retiolus", w.url+"/u/max", "https://mamot.fr/@retiolus", w.url+"/u/max",
		"https://mastodon.madrid", w.rm.url).Replace(raw)
	mastodon := map[string]any{}
	if err := json.Unmarshal([]byte(raw), &mastodon); err != nil {
		t.Fatal(err)
	}
	w.deliver(t, mastodon)

	w.wantInbox(t, "lena", "mention by lemmy_alpha")
	w.wantInbox(t, "max", "mention by felix")
	w.wantInbox(t, "alice", "reply by felix", "reply by lemmy_alpha")
}
