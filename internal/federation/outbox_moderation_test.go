package federation_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/forum"
)

// lemmyShape checks that an activity we send has only fields that Lemmy's
// own activity of that kind (file, in our corpus) has, so that Lemmy finds
// nothing it does not know.
func lemmyShape(t *testing.T, what string, act map[string]any, file string) {
	t.Helper()
	var theirs map[string]any
	if err := json.Unmarshal(aptest.Own(t).Read(t, file), &theirs); err != nil {
		t.Fatal(err)
	}
	var extra []string
	for k := range act {
		if _, ok := theirs[k]; !ok {
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		t.Errorf("%s has %v, which Lemmy's (%s) has not:\n%v", what, extra, file, act)
	}
	inner, ok := act["object"].(map[string]any)
	if theirInner, ok2 := theirs["object"].(map[string]any); ok && ok2 && theirInner["type"] != "Group" {
		for k := range inner {
			if _, ok := theirInner[k]; !ok {
				t.Errorf("the %s inside %s has %q, which Lemmy's (%s) has not", inner["type"], what, k, file)
			}
		}
	}
}

// announced works the queued federate jobs and returns the activities the
// community announced to inbox since the deliveries seen so far, unwrapped,
// and moves seen on.
func announced(t *testing.T, l *local, seen *int, inbox string) []map[string]any {
	t.Helper()
	federateQueued(t, l)
	all := queued(t, l)
	var out []map[string]any
	for _, d := range all[*seen:] {
		ann := decoded(t, d.Activity)
		if d.Inbox != inbox || ann["type"] != "Announce" || d.Actor != l.community.APID {
			continue
		}
		inner, _ := ann["object"].(map[string]any)
		if inner == nil {
			continue // the boost of a new post, for microblog servers
		}
		// What a follower fetches by the ids answers as it was sent.
		expectServed(t, "Announce", ann["id"].(string), ann, nil)
		out = append(out, inner)
	}
	*seen = len(all)
	return out
}

// strSlice reads a JSON array of strings.
func strSlice(v any) []string {
	var out []string
	vs, _ := v.([]any)
	for _, x := range vs {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// What a moderator here does in a community of ours is announced to every
// instance that follows it in the shape Lemmy's moderators send: a removal
// and its restore, a lock and its Undo, a pin and unpin, a moderator
// added, a ban and its Undo, an edit of the community. A person banned or
// made a moderator on another server is sent the activity too. The
// collections we serve change with them.
func TestModerationIsAnnouncedToFollowers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b, l := newSender(t), newSender(t), newLocal(t)
	for i, rm := range []*sender{a, b} {
		follow := activity(map[string]any{"id": rm.url + "/activities/follow/" + string(rune('1'+i)), "type": "Follow",
			"actor": rm.bob, "object": l.community.APID})
		if code, body := l.post(t, "/inbox", follow, rm.signer); code != http.StatusAccepted {
			t.Fatalf("Follow: %d %s", code, body)
		}
	}
	mia, err := l.f.CreateUser(ctx, forum.NewUser{Name: "mia", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.st.AddModerator(ctx, l.community.ID, mia.ID); err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, mia, forum.PostInput{CommunityID: l.community.ID, Title: "A post"})
	if err != nil {
		t.Fatal(err)
	}
	comment, err := l.f.CreateComment(ctx, mia, post.ID, 0, "a comment")
	if err != nil {
		t.Fatal(err)
	}
	bob := l.person(t, a.bob)
	federateQueued(t, l)
	seen := len(queued(t, l))
	start := seen

	miaID, community := l.url+"/u/mia", l.community.APID
	inbox := a.url + "/inbox"
	moderate := func(m forum.Moderation) {
		t.Helper()
		if err := l.f.Moderate(ctx, mia, m); err != nil {
			t.Fatalf("%s: %v", m.Kind, err)
		}
	}
	// one checks that exactly one activity was announced to each follower
	// instance, by mia, of type kind, about object, addressed as Lemmy's
	// moderators address theirs.
	one := func(what, kind, object, file string) map[string]any {
		t.Helper()
		got := announced(t, l, &seen, inbox)
		if len(got) != 1 {
			t.Fatalf("%s: %d activities announced to %s, want 1: %v", what, len(got), inbox, got)
		}
		act := got[0]
		lemmyShape(t, what, act, file)
		if act["type"] != kind || act["actor"] != miaID || act["audience"] != community ||
			!slices.Equal(strSlice(act["to"]), []string{"https://www.w3.org/ns/activitystreams#Public"}) ||
			!slices.Equal(strSlice(act["cc"]), []string{community}) {
			t.Errorf("%s: announced %v", what, act)
		}
		inner := act
		if kind == "Undo" {
			inner, _ = act["object"].(map[string]any)
		}
		if o, _ := inner["object"].(string); object != "" && o != object {
			t.Errorf("%s: about %v, want %s", what, inner["object"], object)
		}
		return act
	}

	moderate(forum.Moderation{Kind: forum.ModRemove, Target: forum.Target{CommentID: comment.ID}, Reason: "off topic"})
	rm := one("removal", "Delete", comment.APID, "lemmy/activities/deletion/remove_note.json")
	if rm["summary"] != "off topic" {
		t.Errorf("the removal's summary is %v", rm["summary"])
	}
	moderate(forum.Moderation{Kind: forum.ModRemove, Target: forum.Target{CommentID: comment.ID}, Undo: true, Reason: "fine"})
	undo := one("restore", "Undo", comment.APID, "lemmy/activities/deletion/undo_remove_note.json")
	if inner, _ := undo["object"].(map[string]any); inner["type"] != "Delete" || inner["summary"] != "fine" {
		t.Errorf("the restore undoes %v", inner)
	}

	moderate(forum.Moderation{Kind: forum.ModLock, Target: forum.Target{PostID: post.ID}})
	one("lock", "Lock", post.APID, "lemmy-0.19/activities/community/lock_page.json")
	moderate(forum.Moderation{Kind: forum.ModLock, Target: forum.Target{PostID: post.ID}, Undo: true})
	one("unlock", "Undo", post.APID, "lemmy/activities/community/undo_lock_page.json")

	moderate(forum.Moderation{Kind: forum.ModFeature, Target: forum.Target{PostID: post.ID}})
	add := one("pin", "Add", post.APID, "lemmy/activities/community/add_featured_post.json")
	if add["target"] != community+"/featured" {
		t.Errorf("the pin is added to %v", add["target"])
	}
	var featured struct{ OrderedItems []struct{ ID string } }
	if code, _, body := fetched(t, community+"/featured", nil); code != http.StatusOK || json.Unmarshal(body, &featured) != nil ||
		len(featured.OrderedItems) != 1 || featured.OrderedItems[0].ID != post.APID {
		t.Errorf("the featured collection: %d %s", code, body)
	}
	moderate(forum.Moderation{Kind: forum.ModFeature, Target: forum.Target{PostID: post.ID}, Undo: true})
	one("unpin", "Remove", post.APID, "lemmy/activities/community/remove_featured_post.json")

	// The front page's pin is ours alone; the NSFW mark is the post's own
	// Update, by its author.
	root, err := l.f.CreateUser(ctx, forum.NewUser{Name: "root", Password: "password123", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	before := len(queued(t, l))
	if err := l.f.Moderate(ctx, root, forum.Moderation{Kind: forum.ModFeatureLocal, Target: forum.Target{PostID: post.ID}}); err != nil {
		t.Fatal(err)
	}
	federateQueued(t, l)
	if got := len(queued(t, l)); got != before {
		t.Errorf("a pin on our front page sent %d deliveries", got-before)
	}
	seen = len(queued(t, l))
	moderate(forum.Moderation{Kind: forum.ModNSFW, Target: forum.Target{PostID: post.ID}})
	if got := announced(t, l, &seen, inbox); len(got) != 1 || got[0]["type"] != "Update" ||
		got[0]["object"].(map[string]any)["sensitive"] != true {
		t.Errorf("the NSFW mark was announced as %v, want the post's Update, sensitive", got)
	}
	seen = len(queued(t, l))

	moderate(forum.Moderation{Kind: forum.ModModerator, CommunityID: l.community.ID, PersonID: bob})
	addMod := one("new moderator", "Add", a.bob, "lemmy/activities/community/add_mod.json")
	if addMod["target"] != community+"/moderators" {
		t.Errorf("the moderator is added to %v", addMod["target"])
	}
	var mods struct{ OrderedItems []string }
	if code, _, body := fetched(t, community+"/moderators", nil); code != http.StatusOK || json.Unmarshal(body, &mods) != nil ||
		!slices.Equal(mods.OrderedItems, []string{miaID, a.bob}) {
		t.Errorf("the moderators collection: %d %s", code, body)
	}
	moderate(forum.Moderation{Kind: forum.ModModerator, CommunityID: l.community.ID, PersonID: bob, Undo: true})
	one("moderator removed", "Remove", a.bob, "lemmy/activities/community/remove_mod.json")

	until := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Second)
	moderate(forum.Moderation{Kind: forum.ModBan, CommunityID: l.community.ID, PersonID: bob, Reason: "spam",
		Expires: until, RemoveData: true})
	// bob's own instance follows: the Announce and bob's copy both go to
	// its shared inbox.
	ban := one("ban", "Block", a.bob, "lemmy-0.19/activities/block/block_user.json")
	if ban["target"] != community || ban["summary"] != "spam" || ban["removeData"] != true {
		t.Errorf("the ban: %v", ban)
	}
	if end, err := time.Parse(time.RFC3339, ban["expires"].(string)); err != nil || !end.Equal(until) {
		t.Errorf("the ban ends %v, want %s", ban["expires"], until)
	}
	var direct []forum.DeliverArgs
	for _, d := range queued(t, l) {
		if act := decoded(t, d.Activity); act["type"] == "Block" {
			direct = append(direct, d)
		}
	}
	if len(direct) != 1 || direct[0].Inbox != inbox || direct[0].Actor != miaID {
		t.Errorf("the banned person's server is sent %d Blocks of its own: %v", len(direct), direct)
	}
	moderate(forum.Moderation{Kind: forum.ModBan, CommunityID: l.community.ID, PersonID: bob, Undo: true})
	one("unban", "Undo", a.bob, "lemmy/activities/block/undo_block_user.json")

	if err := l.f.EditCommunity(ctx, mia, l.community.ID, forum.CommunityEdit{Title: "Better News",
		Description: "The *best*.", Restricted: true}); err != nil {
		t.Fatal(err)
	}
	upd := one("edit", "Update", "", "lemmy/activities/community/update_community.json")
	g, _ := upd["object"].(map[string]any)
	if g["type"] != "Group" || g["id"] != community || g["name"] != "Better News" || g["postingRestrictedToMods"] != true ||
		!strings.Contains(g["summary"].(string), "<em>best</em>") {
		t.Errorf("the edited community: %v", g)
	}

	// The other follower instance got each of them as well.
	if got := announced(t, l, &start, b.url+"/inbox"); len(got) != 12 {
		t.Errorf("the other follower instance was announced %d activities, want 12", len(got))
	}
}

// A person here who moderates a community on another server sends what
// they do to that community, signed as themselves, as Lemmy's moderators
// do; the community announces it. Our copy changes at once. An admin here
// who does not moderate it changes only our copy.
func TestModerationOfARemoteCommunityIsSentToIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	groupID, _ := rm.group(t, "remote")
	for _, id := range []string{groupID, rm.bob} {
		if _, err := l.fed.Resolve(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	c, err := l.st.CommunityByAPID(ctx, groupID)
	if err != nil {
		t.Fatal(err)
	}
	mia, err := l.f.CreateUser(ctx, forum.NewUser{Name: "mia", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	root, err := l.f.CreateUser(ctx, forum.NewUser{Name: "root", Password: "password123", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.st.AddModerator(ctx, c.ID, mia.ID); err != nil {
		t.Fatal(err)
	}
	bob := l.person(t, rm.bob)
	p, err := l.f.CreateRemotePost(ctx, "", bob, forum.RemotePost{APID: rm.url + "/post/1", CommunityID: c.ID,
		Title: "Theirs"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	before := len(queued(t, l))
	if err := l.f.Moderate(ctx, mia, forum.Moderation{Kind: forum.ModLock, Target: forum.Target{PostID: p.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := l.f.Moderate(ctx, mia, forum.Moderation{Kind: forum.ModBan, CommunityID: c.ID, PersonID: bob,
		Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := l.st.PostByID(ctx, p.ID); !got.Locked {
		t.Error("our copy of the post is not locked")
	}
	federateQueued(t, l)
	sent := queued(t, l)[before:]
	var kinds []string
	for _, d := range sent {
		act := decoded(t, d.Activity)
		if d.Inbox != rm.url+"/inbox" || d.Actor != l.url+"/u/mia" || act["actor"] != l.url+"/u/mia" {
			t.Errorf("sent %s to %s signed by %s", act["type"], d.Inbox, d.Actor)
		}
		kinds = append(kinds, act["type"].(string))
		expectServed(t, act["type"].(string), act["id"].(string), act, nil)
	}
	// The Block goes to the community and to bob's server, which share
	// an inbox: once.
	if want := []string{"Lock", "Block"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("sent %v, want %v", kinds, want)
	}

	before = len(queued(t, l))
	if err := l.f.Moderate(ctx, root, forum.Moderation{Kind: forum.ModRemove, Target: forum.Target{PostID: p.ID}}); err != nil {
		t.Fatal(err)
	}
	federateQueued(t, l)
	if got, _ := l.st.PostByID(ctx, p.ID); !got.Removed || len(queued(t, l)) != before {
		t.Errorf("an admin's removal in another server's community: removed %v, %d deliveries", got.Removed,
			len(queued(t, l))-before)
	}
}
