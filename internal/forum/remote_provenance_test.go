package forum_test

import (
	"errors"
	"testing"

	"github.com/tidings/tidings/internal/forum"
	"github.com/tidings/tidings/internal/store"
)

// The check at origin reads a relayed post, asks its author's server,
// and acts on the answer: if the post was edited here meanwhile, the
// answer is about a version that is gone, and must not undo the new one.
func TestVerdictOnAnOlderVersionIsRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	remote, err := e.st.UpsertInstance(e.ctx, "relay.example")
	if err != nil {
		t.Fatal(err)
	}
	publicPEM, _, err := forum.GenerateKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.st.UpsertRemoteCommunity(e.ctx, store.NewCommunity{APID: "https://relay.example/c/boats", InstanceID: remote.ID,
		Name: "boats", Title: "Boats", InboxURL: "https://relay.example/c/boats/inbox", PublicKeyPEM: publicPEM})
	if err != nil {
		t.Fatal(err)
	}
	author, err := e.st.UpsertInstance(e.ctx, "author.example")
	if err != nil {
		t.Fatal(err)
	}
	carol, err := e.st.UpsertRemotePerson(e.ctx, store.NewPerson{APID: "https://author.example/u/carol", InstanceID: author.ID,
		Name: "carol", InboxURL: "https://author.example/u/carol/inbox", PublicKeyPEM: publicPEM})
	if err != nil {
		t.Fatal(err)
	}
	const id = "https://author.example/post/1"
	p, err := e.svc.CreateRemotePost(e.ctx, "https://author.example/activities/create/1", carol.ID, forum.RemotePost{
		APID: id, CommunityID: c.ID, Title: "Sails for sale", BodyHTML: "<p>Two jibs, one main.</p>",
		Provenance: forum.Provenance{Relayed: true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen, err := e.svc.Relayed(e.ctx, id)
	if err != nil || seen.CreatorAPID != carol.APID || seen.Title != "Sails for sale" || seen.Hidden() {
		t.Fatalf("relayed post as read: %+v %v", seen, err)
	}
	if !seen.SameForReaders(forum.RemoteEdit{Title: "Sails for sale", BodyHTML: "<p>Two jibs,\n<em>one</em> main.</p>"}) {
		t.Error("the same words in other markup read as different")
	}
	if seen.SameForReaders(forum.RemoteEdit{Title: "Sails for sale", BodyHTML: "<p>Two jibs.</p>"}) {
		t.Error("other words read as the same")
	}

	err = e.svc.RemoteUpdate(e.ctx, "https://author.example/activities/update/1", carol.ID, forum.Target{PostID: p.ID},
		forum.RemoteEdit{Title: "Sails for sale (sold)", BodyHTML: "<p>Sold, thanks.</p>"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.TakeDownRelayed(e.ctx, seen, "its author's server does not have it"); !errors.Is(err, forum.ErrChangedMeanwhile) {
		t.Errorf("taking down an older version: %v, want ErrChangedMeanwhile", err)
	}
	if err := e.svc.CorrectRelayed(e.ctx, seen, forum.RemoteEdit{Title: "Sails"}); !errors.Is(err, forum.ErrChangedMeanwhile) {
		t.Errorf("correcting an older version: %v, want ErrChangedMeanwhile", err)
	}
	got, err := e.st.PostByID(e.ctx, p.ID)
	if err != nil || got.Removed || got.Title != "Sails for sale (sold)" {
		t.Fatalf("after verdicts on an older version: %+v %v", got, err)
	}

	now, err := e.svc.Relayed(e.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.TakeDownRelayed(e.ctx, now, "its author's server does not have it"); err != nil {
		t.Fatal(err)
	}
	if got, err := e.st.PostByID(e.ctx, p.ID); err != nil || !got.Removed {
		t.Errorf("taken down: removed %v (%v)", got.Removed, err)
	}
	var action, reason string
	var nobody, automatic bool
	if err := e.st.PgxPool().QueryRow(e.ctx, `SELECT action, moderator_id IS NULL, reason, automatic FROM mod_actions
		WHERE post_id = $1`, p.ID).Scan(&action, &nobody, &reason, &automatic); err != nil {
		t.Fatal(err)
	}
	if action != "remove_post" || !nobody || !automatic || reason != "its author's server does not have it" {
		t.Errorf("moderation log: %s by nobody %v, automatically %v: %q", action, nobody, automatic, reason)
	}
	if after, err := e.svc.Relayed(e.ctx, id); err != nil || !after.Hidden() {
		t.Errorf("a removed post is hidden: %+v %v", after, err)
	}
}
