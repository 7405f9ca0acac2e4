package federation_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// followRemote looks a remote community up and has someone here follow
// it, so that what it announces is kept.
func followRemote(t *testing.T, l *local, id string) store.Community {
	t.Helper()
	ctx := context.Background()
	if _, err := l.fed.Resolve(ctx, id); err != nil {
		t.Fatalf("look up %s: %v", id, err)
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
	return c
}

// A PeerTube video names its channel only among its authors: it belongs to
// that channel when the channel is a community here, its author is the
// account, and its markdown description is shown rendered.
func TestQuirkPeerTubeVideoInItsChannel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	moves := []string{"https://video.example", rm.url}
	account := quirk(t, "peertube_account.json", rm.pub, moves...)
	channel := quirk(t, "peertube_channel.json", rm.pub, moves...)
	video := quirk(t, "peertube_video.json", "", moves...)
	for _, doc := range []map[string]any{account, channel, video} {
		rm.serve(doc)
	}
	accountID, channelID, videoID := account["id"].(string), channel["id"].(string), video["id"].(string)

	// A video of a channel nobody here knows is not kept, and the channel
	// is not fetched to find out.
	unknown := quirk(t, "peertube_channel.json", rm.pub, append(moves, "/video-channels/rivers", "/video-channels/lakes")...)
	stray := quirk(t, "peertube_video.json", "", append(moves, "/video-channels/rivers", "/video-channels/lakes",
		"5b1d2c1e-0d9a-4f43-9d0c-6c0a3f1e2b7a", "00000000-0000-4000-8000-000000000001")...)
	rm.serve(unknown)
	rm.serve(stray)
	if _, err := l.fed.Resolve(ctx, stray["id"].(string)); err == nil {
		t.Error("a video of an unknown channel was looked up as if it were in a community")
	}
	if _, err := l.st.PostByAPID(ctx, stray["id"].(string)); err == nil {
		t.Error("a video of an unknown channel was kept")
	}
	if _, err := l.st.CommunityByAPID(ctx, unknown["id"].(string)); err == nil {
		t.Error("the unknown channel was fetched and stored")
	}
	if _, err := l.st.PersonByAPID(ctx, accountID); err == nil {
		t.Error("the author of a video not kept was stored")
	}

	c := followRemote(t, l, channelID)
	// PeerTube's channel shares each new video by its id.
	announce := activity(map[string]any{"id": channelID + "/announces/1", "type": "Announce", "actor": channelID,
		"object": videoID, "to": []string{public}, "cc": []string{channelID + "/followers"}})
	if code, body := l.post(t, "/inbox", announce, signerOf(t, channelID, rm)); code != http.StatusAccepted {
		t.Fatalf("the channel's Announce of its video: %d %s", code, body)
	}
	p, err := l.st.PostByAPID(ctx, videoID)
	if err != nil {
		t.Fatalf("the announced video was not kept: %v", err)
	}
	author, err := l.st.PersonByAPID(ctx, accountID)
	if err != nil {
		t.Fatal(err)
	}
	if p.CommunityID != c.ID || p.CreatorID != author.ID || p.Title != "The Wye at first light" ||
		p.URL != rm.url+"/w/cM3fQpD7sK1" {
		t.Errorf("video: community %d (channel %d), creator %d (account %d), title %q, link %q",
			p.CommunityID, c.ID, p.CreatorID, author.ID, p.Title, p.URL)
	}
	if !strings.Contains(p.BodyHTML, "<strong>Wye</strong>") || !strings.Contains(p.BodyHTML, "<p>Filmed from the old bridge.</p>") ||
		!strings.HasPrefix(p.Body, "Twelve minutes of the **Wye**") {
		t.Errorf("the video's markdown description: body %q, html %q", p.Body, p.BodyHTML)
	}
}

// Mbin's featured posts are /m/NAME/pinned: its magazine's Add and Remove
// there pin and unpin, as the collection it published says, and an Add
// to anything else of its changes nothing.
func TestQuirkMbinPinnedPosts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	moves := []string{"https://mbin.example", rm.url}
	magazine := quirk(t, "mbin_magazine.json", rm.pub, moves...)
	moe := quirk(t, "mbin_user.json", rm.pub, moves...)
	entry := quirk(t, "mbin_entry.json", "", moves...)
	for _, doc := range []map[string]any{magazine, moe, entry} {
		rm.serve(doc)
	}
	magazineID, moeID, entryID := magazine["id"].(string), moe["id"].(string), entry["id"].(string)
	c := followRemote(t, l, magazineID)
	if c.FeaturedURL != rm.url+"/m/tech/pinned" {
		t.Fatalf("the magazine's featured collection was stored as %q", c.FeaturedURL)
	}
	n := 0
	announce := func(inner map[string]any) {
		t.Helper()
		n++
		body := activity(map[string]any{"id": magazineID + "/announce/" + string(rune('a'+n)), "type": "Announce",
			"actor": magazineID, "object": inner, "to": []string{public}, "cc": []string{magazineID + "/followers"}})
		if code, msg := l.post(t, "/inbox", body, signerOf(t, magazineID, rm)); code != http.StatusAccepted {
			t.Fatalf("the magazine's Announce of a %s: %d %s", inner["type"], code, msg)
		}
	}
	pinned := func() bool {
		t.Helper()
		p, err := l.st.PostByAPID(ctx, entryID)
		if err != nil {
			t.Fatal(err)
		}
		return p.FeaturedCommunity
	}
	announce(create(rm.url+"/f/object/create-1", moeID, entry))
	if pinned() {
		t.Fatal("the entry came pinned")
	}
	add := quirk(t, "mbin_add_pinned.json", "", moves...)
	announce(add)
	if !pinned() {
		t.Fatal("the magazine's Add to /m/tech/pinned did not pin the entry")
	}
	remove := quirk(t, "mbin_add_pinned.json", "", append(moves, `"Add"`, `"Remove"`, "3f0b7c2e", "3f0b7c2f")...)
	announce(remove)
	if pinned() {
		t.Fatal("the magazine's Remove from /m/tech/pinned did not unpin the entry")
	}
	// Lemmy's path is not this magazine's collection, nor is another's.
	for i, target := range []string{magazineID + "/featured", rm.url + "/m/other/pinned"} {
		other := quirk(t, "mbin_add_pinned.json", "", append(moves, "3f0b7c2e", "3f0b7c3"+string(rune('0'+i)))...)
		other["target"] = target
		announce(other)
		if pinned() {
			t.Errorf("an Add to %s pinned the entry", target)
		}
	}
}

// A moderator's Add to one of our communities' collections is told by the
// URL we published, however the slashes are spelt, and by nothing else.
func TestQuirkFeaturedTargetIsThePublishedCollection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Pin me"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.fed.Resolve(ctx, rm.bob); err != nil {
		t.Fatal(err)
	}
	if err := l.st.AddModerator(ctx, l.community.ID, l.person(t, rm.bob)); err != nil {
		t.Fatal(err)
	}
	featured := func() bool {
		p, err := l.st.PostByID(ctx, post.ID)
		if err != nil {
			t.Fatal(err)
		}
		return p.FeaturedCommunity
	}
	for i, tc := range []struct {
		typ, target string
		want        bool
	}{
		{"Add", l.community.APID + "/pinned", false},
		{"Add", l.community.APID + "/featured/", true},
		{"Remove", l.community.APID + "//featured", false},
		{"Add", l.community.APID + "/featured", true},
	} {
		body := activity(map[string]any{"id": rm.url + "/activities/" + string(rune('a'+i)), "type": tc.typ, "actor": rm.bob,
			"object": post.APID, "target": tc.target, "cc": []string{l.community.APID}})
		if code, msg := l.post(t, "/inbox", body, rm.signer); code != http.StatusAccepted {
			t.Fatalf("%s to %s: %d %s", tc.typ, tc.target, code, msg)
		}
		if got := featured(); got != tc.want {
			t.Errorf("after an %s to %s: featured %v, want %v", tc.typ, tc.target, got, tc.want)
		}
	}
}
