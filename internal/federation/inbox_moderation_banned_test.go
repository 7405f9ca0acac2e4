package federation_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// A remote moderator banned from one of our communities moderates it no
// more, as a moderator here who is banned from it may not: their removals,
// locks, edits and resolutions of reports are refused, and change nothing.
func TestInboxRefusesABannedRemoteModerator(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mod, l := newSender(t), newLocal(t)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	send := func(v map[string]any, want int) {
		t.Helper()
		n++
		v["id"] = fmt.Sprintf("%s/activities/%d", mod.url, n)
		v["actor"] = mod.bob
		if code, body := l.post(t, "/inbox", activity(v), mod.signer); code != want {
			t.Errorf("%s: %d %s, want %d", v["type"], code, body, want)
		}
	}
	send(map[string]any{"type": "Flag", "object": post.APID}, http.StatusAccepted) // bob is known now
	bob := l.person(t, mod.bob)
	if err := l.st.AddModerator(ctx, l.community.ID, bob); err != nil {
		t.Fatal(err)
	}
	if err := l.st.BanFromCommunity(ctx, l.community.ID, bob, "rogue"); err != nil {
		t.Fatal(err)
	}
	send(map[string]any{"type": "Delete", "object": post.APID, "summary": "mine now", "audience": l.community.APID},
		http.StatusForbidden)
	send(map[string]any{"type": "Lock", "object": post.APID}, http.StatusForbidden)
	send(map[string]any{"type": "Update", "object": map[string]any{"type": "Group", "id": l.community.APID,
		"preferredUsername": l.community.Name, "name": "Taken over"}}, http.StatusForbidden)
	send(map[string]any{"type": "Resolve", "object": map[string]any{"type": "Flag", "id": mod.url + "/activities/1",
		"actor": mod.bob, "object": post.APID}}, http.StatusForbidden)
	if r, err := l.st.ReportByAPID(ctx, mod.url+"/activities/1"); err != nil || r.Resolved {
		t.Errorf("a banned moderator resolved a report: %v", err)
	}
	p, err := l.st.PostByID(ctx, post.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Removed || p.Locked {
		t.Errorf("a banned moderator changed the post: removed %v locked %v", p.Removed, p.Locked)
	}
	c, err := l.st.CommunityByID(ctx, l.community.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title == "Taken over" {
		t.Error("a banned moderator renamed the community")
	}
	entries, _, err := l.st.ModLog(ctx, store.ModLogFilter{CommunityID: l.community.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("refused actions were logged: %+v", entries)
	}
}
