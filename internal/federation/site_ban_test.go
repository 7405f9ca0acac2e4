package federation_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidings/tidings/internal/federation/httpsig"
	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// A local person's site ban goes to every instance we know that has a
// shared inbox, as Lemmy 0.19 sends it: a Block by the admin whose target
// is our instance actor, with the reason, the end and removeData; its id
// answers a GET; lifting it sends the Undo.
func TestLocalSiteBanGoesOutAsLemmySendsIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := newDeliveringLocal(t)
	lemmyA, lemmyB, gts := newMicroblog(t, true), newMicroblog(t, true), newMicroblog(t, false)
	// Each instance is known through a person who follows a community here.
	for _, m := range []*microblog{lemmyA, lemmyB, gts} {
		m.follow(t, "ann", l.community.APID)
	}
	admin, err := l.f.CreateUser(ctx, forum.NewUser{Name: "root", Password: "password123", Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	bob, err := l.f.CreateUser(ctx, forum.NewUser{Name: "bob", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	ends := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Second)
	if _, err := l.f.BanFromSite(ctx, forum.AsUser(admin), bob.ID, forum.SiteBan{Reason: "spam links", Expires: ends,
		RemoveContent: true}); err != nil {
		t.Fatal(err)
	}
	isBlock := func(d delivery) bool { return d.doc["type"] == "Block" }
	var blockID string
	for _, m := range []*microblog{lemmyA, lemmyB} {
		d := m.await(t, "the site ban", isBlock)
		want := map[string]any{"actor": admin.APID, "object": bob.APID, "target": l.url + "/",
			"summary": "spam links", "removeData": true, "expires": ends.Format(time.RFC3339),
			"endTime": ends.Format(time.RFC3339)}
		for k, v := range want {
			if got := fmt.Sprint(d.doc[k]); got != fmt.Sprint(v) && !(k == "expires" || k == "endTime") {
				t.Errorf("%s: %s is %v, want %v", m.host, k, d.doc[k], v)
			}
		}
		for _, k := range []string{"expires", "endTime"} {
			got, err := time.Parse(time.RFC3339, fmt.Sprint(d.doc[k]))
			if err != nil || !got.Equal(ends) {
				t.Errorf("%s: %s is %v, want %s", m.host, k, d.doc[k], ends)
			}
		}
		if d.signer != admin.APID || d.inbox != "/inbox" {
			t.Errorf("%s got it at %s signed by %s, want the shared inbox signed by the admin", m.host, d.inbox, d.signer)
		}
		if to := fmt.Sprint(d.doc["to"]); !strings.Contains(to, "#Public") {
			t.Errorf("%s: addressed to %s, want Public", m.host, to)
		}
		if cc := fmt.Sprint(d.doc["cc"]); !strings.Contains(cc, lemmyA.url+"/") || !strings.Contains(cc, lemmyB.url+"/") {
			t.Errorf("%s: cc %s, want the instances it went to", m.host, cc)
		}
		blockID, _ = d.doc["id"].(string)
	}
	// GoToSocial has no shared inbox, nor a use for an instance's ban.
	if n := queuedTo(t, l, gts.url, bob.APID); n != 0 {
		t.Errorf("%d deliveries to the instance without a shared inbox: %v", n, l.deliveries(t))
	}
	if code, doc := getAS(t, blockID); code != http.StatusOK || doc["type"] != "Block" || doc["object"] != bob.APID {
		t.Errorf("GET %s: %d %v", blockID, code, doc)
	}

	if _, err := l.f.UnbanFromSite(ctx, forum.Operator, bob.ID, "appeal accepted"); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*microblog{lemmyA, lemmyB} {
		d := m.await(t, "the end of the site ban", func(d delivery) bool { return d.doc["type"] == "Undo" })
		inner := d.object()
		if inner["type"] != "Block" || inner["object"] != bob.APID || inner["target"] != l.url+"/" || d.signer != admin.APID {
			t.Errorf("%s: the Undo undoes %v, signed by %s", m.host, inner, d.signer)
		}
	}
}

// queuedTo counts the deliveries queued to a server that name about.
func queuedTo(t *testing.T, l *local, url, about string) int {
	t.Helper()
	var n int
	err := l.st.PgxPool().QueryRow(context.Background(), `SELECT count(*) FROM river_job
		WHERE kind = 'deliver_activity' AND args->>'inbox' LIKE $1 || '%' AND args->>'activity' LIKE '%' || $2 || '%'`,
		url, about).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// siteAdmin gives a sender an admin, who signs as the sender's people do.
func siteAdmin(t *testing.T, rm *sender) (string, *httpsig.Signer) {
	t.Helper()
	id := rm.url + "/u/admin"
	rm.serve(map[string]any{
		"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id":       id, "type": "Person", "preferredUsername": "admin", "inbox": id + "/inbox",
		"endpoints": map[string]string{"sharedInbox": rm.url + "/inbox"},
		"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": rm.pub},
	})
	signer, err := httpsig.NewSigner(id+"#main-key", rm.priv)
	if err != nil {
		t.Fatal(err)
	}
	return id, signer
}

// Another instance's site ban of one of its people keeps them out here too,
// with their content removed when it says so, and is in the mod log; it
// reaches no one else's people. Its Undo lets them back.
func TestReceivedSiteBanIsApplied(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, other, l := newSender(t), newSender(t), newLocal(t)
	adminID, admin := siteAdmin(t, rm)
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	send := func(s *httpsig.Signer, v map[string]any, want int) string {
		t.Helper()
		n++
		if v["id"] == nil {
			v["id"] = fmt.Sprintf("%s/activities/%d", rm.url, n)
		}
		code, body := l.post(t, "/inbox", activity(v), s)
		if code != want {
			t.Errorf("%s by %s: %d %s, want %d", v["type"], v["actor"], code, body, want)
		}
		return body
	}
	page := func(n int) map[string]any {
		return map[string]any{"id": fmt.Sprintf("%s/post/%d", rm.url, n), "type": "Page", "attributedTo": rm.bob,
			"name": fmt.Sprintf("Bob's post %d", n), "audience": l.community.APID, "to": []string{l.community.APID, public}}
	}
	send(rm.signer, map[string]any{"type": "Create", "actor": rm.bob, "object": page(1)}, http.StatusAccepted)
	block := func(object, target string) map[string]any {
		return map[string]any{"type": "Block", "actor": adminID, "object": object, "target": target,
			"to": []string{public}, "summary": "spam everywhere", "removeData": true,
			"expires": time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)}
	}

	// Not theirs to ban: a third instance's person, our own, or from our site.
	send(admin, block(other.bob, rm.url+"/"), http.StatusForbidden)
	send(admin, block(alice.APID, rm.url+"/"), http.StatusForbidden)
	send(admin, block(rm.bob, l.url+"/"), http.StatusForbidden)
	if p := personByAPID(t, l, rm.bob); p.Banned {
		t.Fatal("a refused Block banned bob")
	}

	ban := block(rm.bob, rm.url+"/")
	ban["id"] = rm.url + "/activities/block/1"
	send(admin, ban, http.StatusAccepted)
	send(admin, ban, http.StatusAccepted) // redelivered: applied once
	bob := personByAPID(t, l, rm.bob)
	if !bob.Banned || bob.BanReason != "spam everywhere" || bob.BanExpiresAt == nil ||
		bob.BanExpiresAt.Before(time.Now().Add(47*time.Hour)) {
		t.Fatalf("bob after the ban: banned %v, reason %q, until %v", bob.Banned, bob.BanReason, bob.BanExpiresAt)
	}
	if p, err := l.st.PostByAPID(ctx, rm.url+"/post/1"); err != nil || !p.Removed {
		t.Errorf("bob's post after a ban with removeData: removed %v (%v)", p.Removed, err)
	}
	var logged int
	if err := l.st.PgxPool().QueryRow(ctx, `SELECT count(*) FROM mod_actions m JOIN people p ON p.id = m.moderator_id
		WHERE m.action = 'ban_from_site' AND m.target_person_id = $1 AND p.ap_id = $2 AND m.reason = 'spam everywhere'
		AND m.expires_at IS NOT NULL`, bob.ID, adminID).Scan(&logged); err != nil || logged != 1 {
		t.Errorf("%d ban_from_site entries by the remote admin (%v), want 1", logged, err)
	}

	// Banned here now: whatever bob sends is refused.
	body := send(rm.signer, map[string]any{"type": "Create", "actor": rm.bob, "object": page(2)}, http.StatusForbidden)
	if !strings.Contains(body, "banned") {
		t.Errorf("the refusal does not say why: %q", body)
	}
	send(rm.signer, map[string]any{"type": "Like", "actor": rm.bob, "object": post.APID}, http.StatusForbidden)
	if _, err := l.st.PostByAPID(ctx, rm.url+"/post/2"); err == nil {
		t.Error("a banned person's post was stored")
	}
	if p, _ := l.st.PostByID(ctx, post.ID); p.Score != 1 {
		t.Errorf("the post's score is %d after a banned person's Like, want 1", p.Score)
	}

	undo := map[string]any{"type": "Undo", "actor": adminID, "to": []string{public}, "object": block(rm.bob, rm.url+"/")}
	undo["object"].(map[string]any)["id"] = rm.url + "/activities/block/2"
	send(admin, undo, http.StatusAccepted)
	if p := personByAPID(t, l, rm.bob); p.Banned {
		t.Error("the Undo did not lift the ban")
	}
	send(rm.signer, map[string]any{"type": "Like", "actor": rm.bob, "object": post.APID}, http.StatusAccepted)
	if p, _ := l.st.PostByID(ctx, post.ID); p.Score != 2 {
		t.Errorf("the post's score is %d after bob's Like once unbanned, want 2", p.Score)
	}
}

func personByAPID(t *testing.T, l *local, id string) store.Person {
	t.Helper()
	p, err := l.st.PersonByAPID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A remote person our admin bans is refused whatever they send, straight
// or relayed by a community we follow, with 403 and the reason; they may
// still delete their account. A ban that has run out lets them back.
func TestBannedRemotePersonIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	groupID, group := rm.group(t, "tech")
	if _, err := l.fed.Resolve(ctx, groupID); err != nil {
		t.Fatal(err)
	}
	tech, err := l.st.CommunityByAPID(ctx, groupID)
	if err != nil {
		t.Fatal(err)
	}
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.st.UpsertFollow(ctx, tech.ID, alice.ID, store.FollowAccepted, ""); err != nil {
		t.Fatal(err)
	}
	post, err := l.f.CreatePost(ctx, alice, forum.PostInput{CommunityID: l.community.ID, Title: "Local post"})
	if err != nil {
		t.Fatal(err)
	}
	// bob is known here: he follows our community.
	follow := map[string]any{"id": rm.url + "/activities/follow/1", "type": "Follow", "actor": rm.bob,
		"object": l.community.APID}
	if code, body := l.post(t, "/inbox", activity(follow), rm.signer); code != http.StatusAccepted {
		t.Fatalf("Follow: %d %s", code, body)
	}
	bob := personByAPID(t, l, rm.bob)
	if _, err := l.f.BanFromSite(ctx, forum.Operator, bob.ID, forum.SiteBan{Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	page := map[string]any{"id": rm.url + "/post/1", "type": "Page", "attributedTo": rm.bob, "name": "Spam",
		"audience": l.community.APID, "to": []string{l.community.APID, public}}
	refused := []struct {
		what   string
		signer *httpsig.Signer
		v      map[string]any
	}{
		{"Create", rm.signer, map[string]any{"id": rm.url + "/activities/create/1", "type": "Create", "actor": rm.bob,
			"object": page}},
		{"Like", rm.signer, map[string]any{"id": rm.url + "/activities/like/1", "type": "Like", "actor": rm.bob,
			"object": post.APID}},
		{"Flag", rm.signer, map[string]any{"id": rm.url + "/activities/flag/1", "type": "Flag", "actor": rm.bob,
			"object": post.APID, "summary": "spam"}},
		{"Follow", rm.signer, map[string]any{"id": rm.url + "/activities/follow/2", "type": "Follow", "actor": rm.bob,
			"object": l.community.APID}},
		{"relayed Create", group, map[string]any{"id": rm.url + "/activities/announce/1", "type": "Announce",
			"actor": groupID, "object": map[string]any{"id": rm.url + "/activities/create/2", "type": "Create",
				"actor": rm.bob, "object": map[string]any{"id": rm.url + "/post/2", "type": "Page",
					"attributedTo": rm.bob, "name": "Relayed spam", "audience": groupID, "to": []string{groupID}}}}},
	}
	for _, r := range refused {
		code, body := l.post(t, "/inbox", activity(r.v), r.signer)
		if code != http.StatusForbidden || !strings.Contains(body, "banned from this site") {
			t.Errorf("%s by a banned person: %d %q, want 403 saying why", r.what, code, body)
		}
	}
	for _, id := range []string{rm.url + "/post/1", rm.url + "/post/2"} {
		if _, err := l.st.PostByAPID(ctx, id); err == nil {
			t.Errorf("a banned person's post %s was stored", id)
		}
	}
	if p, _ := l.st.PostByID(ctx, post.ID); p.Score != 1 {
		t.Errorf("score %d after a banned person's Like, want 1", p.Score)
	}

	// The ban runs out: as if its end had come, bob is welcome again.
	if _, err := l.st.PgxPool().Exec(ctx, `UPDATE people SET ban_expires_at = now() - interval '1 second'
		WHERE id = $1`, bob.ID); err != nil {
		t.Fatal(err)
	}
	like := map[string]any{"id": rm.url + "/activities/like/2", "type": "Like", "actor": rm.bob, "object": post.APID}
	if code, body := l.post(t, "/inbox", activity(like), rm.signer); code != http.StatusAccepted {
		t.Errorf("Like once the ban ran out: %d %s", code, body)
	}

	// Banned again, bob may still delete his account.
	if _, err := l.f.BanFromSite(ctx, forum.Operator, bob.ID, forum.SiteBan{Reason: "again"}); err != nil {
		t.Fatal(err)
	}
	del := map[string]any{"id": rm.url + "/activities/delete/1", "type": "Delete", "actor": rm.bob, "object": rm.bob,
		"to": []string{public}}
	if code, body := l.post(t, "/inbox", activity(del), rm.signer); code != http.StatusAccepted {
		t.Errorf("a banned person's account deletion: %d %s", code, body)
	}
	if p := personByAPID(t, l, rm.bob); !p.Deleted {
		t.Error("the account deletion was not applied")
	}
}

// What the moderators of a remote community we follow do there, relayed
// by it, is in our mod log under their names.
func TestAnnouncedModerationIsLogged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rm, l := newSender(t), newLocal(t)
	groupID, group := rm.group(t, "tech")
	if _, err := l.fed.Resolve(ctx, groupID); err != nil {
		t.Fatal(err)
	}
	tech, err := l.st.CommunityByAPID(ctx, groupID)
	if err != nil {
		t.Fatal(err)
	}
	alice, err := l.f.CreateUser(ctx, forum.NewUser{Name: "alice", Password: "password123"})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.st.UpsertFollow(ctx, tech.ID, alice.ID, store.FollowAccepted, ""); err != nil {
		t.Fatal(err)
	}
	n := 0
	announce := func(inner map[string]any) {
		t.Helper()
		n++
		inner["id"] = fmt.Sprintf("%s/activities/inner/%d", rm.url, n)
		v := map[string]any{"id": fmt.Sprintf("%s/activities/announce/%d", rm.url, n), "type": "Announce",
			"actor": groupID, "to": []string{public}, "object": inner}
		if code, body := l.post(t, "/inbox", activity(v), group); code != http.StatusAccepted {
			t.Fatalf("Announce of %s: %d %s", inner["type"], code, body)
		}
	}
	postID := rm.url + "/post/1"
	announce(map[string]any{"type": "Create", "actor": rm.bob, "object": map[string]any{"id": postID, "type": "Page",
		"attributedTo": rm.bob, "name": "A post there", "audience": groupID, "to": []string{groupID, public}}})
	announce(map[string]any{"type": "Delete", "actor": rm.bob, "object": postID, "summary": "off topic",
		"audience": groupID})
	announce(map[string]any{"type": "Update", "actor": rm.bob, "object": map[string]any{"id": groupID, "type": "Group"}})

	rows, err := l.st.PgxPool().Query(ctx, `SELECT m.action, coalesce(m.reason, '') FROM mod_actions m
		JOIN people p ON p.id = m.moderator_id WHERE p.ap_id = $1 AND m.community_id = $2 ORDER BY m.id`, rm.bob, tech.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (string, error) {
		var a, reason string
		err := r.Scan(&a, &reason)
		return a + ":" + reason, err
	})
	if err != nil || strings.Join(got, ",") != "remove_post:off topic,update_community:" {
		t.Errorf("mod log of the remote community: %v (%v)", got, err)
	}
}
