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

// A remote moderator is held to the rank ours are: one appointed after
// the community's founder may not depose, ban or remove the founder, nor
// act against an admin here; against others they act as before.
func TestInboxHoldsRemoteModeratorsToRank(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mod, l := newSender(t), newLocal(t)
	owner, err := l.f.CreateUser(ctx, forum.NewUser{Name: "owner", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	root, err := l.f.CreateUser(ctx, forum.NewUser{Name: "root", Password: "password123", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.st.AddModerator(ctx, l.community.ID, owner.ID); err != nil {
		t.Fatal(err)
	}
	posts := map[string]store.Post{}
	for _, u := range []store.LocalUser{owner, root, alice} {
		p, err := l.f.CreatePost(ctx, u, forum.PostInput{CommunityID: l.community.ID, Title: "By " + u.Name})
		if err != nil {
			t.Fatal(err)
		}
		posts[u.Name] = p
	}
	n := 0
	send := func(v map[string]any, want int) {
		t.Helper()
		n++
		v["id"] = fmt.Sprintf("%s/activities/%d", mod.url, n)
		v["actor"] = mod.bob
		if code, body := l.post(t, "/inbox", activity(v), mod.signer); code != want {
			t.Errorf("%s of %v: %d %s, want %d", v["type"], v["object"], code, body, want)
		}
	}
	send(map[string]any{"type": "Flag", "object": posts["alice"].APID}, http.StatusAccepted) // bob is known now
	if err := l.st.AddModerator(ctx, l.community.ID, l.person(t, mod.bob)); err != nil {
		t.Fatal(err)
	}
	before := logSize(t, l)
	send(map[string]any{"type": "Remove", "object": owner.APID, "target": l.community.APID + "/moderators"},
		http.StatusForbidden)
	send(map[string]any{"type": "Block", "object": owner.APID, "target": l.community.APID, "summary": "mine now"},
		http.StatusForbidden)
	send(map[string]any{"type": "Block", "object": root.APID, "target": l.community.APID}, http.StatusForbidden)
	for _, who := range []string{"owner", "root"} {
		send(map[string]any{"type": "Delete", "object": posts[who].APID, "summary": "", "audience": l.community.APID},
			http.StatusForbidden)
	}
	if got := logSize(t, l); got != before {
		t.Errorf("refused actions wrote %d entries in the moderation log", got-before)
	}
	mods, err := l.st.Moderators(ctx, l.community.ID)
	if err != nil || len(mods) != 2 || mods[0].ID != owner.ID {
		var names []string
		for _, m := range mods {
			names = append(names, m.Name)
		}
		t.Errorf("moderators now %v (%v), want the owner first, and bob", names, err)
	}
	for _, who := range []string{"owner", "root"} {
		if p, _ := l.st.PostByID(ctx, posts[who].ID); p.Removed {
			t.Errorf("%s's post was removed", who)
		}
		if banned, _ := l.st.IsBannedFromCommunity(ctx, l.community.ID, posts[who].CreatorID); banned {
			t.Errorf("%s was banned", who)
		}
	}
	send(map[string]any{"type": "Delete", "object": posts["alice"].APID, "summary": "", "audience": l.community.APID},
		http.StatusAccepted)
	if p, _ := l.st.PostByID(ctx, posts["alice"].ID); !p.Removed {
		t.Error("a member's post was not removed")
	}
}

func logSize(t *testing.T, l *local) int {
	t.Helper()
	var n int
	if err := l.st.PgxPool().QueryRow(context.Background(), `SELECT count(*) FROM mod_actions`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
