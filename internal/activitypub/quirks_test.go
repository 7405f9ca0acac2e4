package activitypub_test

import (
	"encoding/json"
	"strings"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// The quirks the fixtures README names: they are real and must not break us.

func TestQuirkAudienceNamesAPerson(t *testing.T) {
	t.Parallel()
	const community = "http://enterprise.lemmy.ml/c/main"
	announce := decodeFixture(t, "lemmy/activities/community/announce_create_page.json").(*ap.Activity)
	if announce.Actor.ID != community {
		t.Fatalf("announce actor %q", announce.Actor.ID)
	}
	create, err := announce.Object.Activity()
	if err != nil {
		t.Fatal(err)
	}
	if got := ap.CommunityOf(create); got != community {
		t.Errorf("CommunityOf(Create) = %q, want %q from cc", got, community)
	}
	v, err := create.Object.Decode()
	if err != nil {
		t.Fatal(err)
	}
	page := v.(*ap.Page)
	if page.Audience.ID != "http://enterprise.lemmy.ml/u/main" {
		t.Fatalf("fixture changed: audience %q", page.Audience.ID)
	}
	if got := ap.CommunityOf(page); got != community {
		t.Errorf("CommunityOf(Page) = %q, want %q from to", got, community)
	}
	// The same with the person audience on the activity itself.
	block := decodeFixture(t, "lemmy/activities/block/block_user.json").(*ap.Activity)
	if block.Audience.ID != "http://enterprise.lemmy.ml/u/main" || ap.CommunityOf(block) != community {
		t.Errorf("CommunityOf(block_user) = %q, want %q", ap.CommunityOf(block), community)
	}
	// The Announce itself: addressed to Public and the followers only; its
	// community is its actor.
	if got := ap.CommunityOf(announce); got != "" {
		t.Errorf("CommunityOf(Announce) = %q, want none", got)
	}
	// Lemmy 0.19's comment has only people besides the community in cc.
	note := decodeFixture(t, "lemmy-0.19/activities/create_or_update/create_note.json").(*ap.Activity)
	if got := ap.CommunityOf(note); got != community {
		t.Errorf("CommunityOf(create_note) = %q, want %q", got, community)
	}
}

func TestQuirkDoubleSlashInFeatured(t *testing.T) {
	t.Parallel()
	const featured = "https://enterprise.lemmy.ml/c/tenforward//featured"
	g := decodeFixture(t, "lemmy/objects/group.json").(*ap.Group)
	if g.Featured != featured {
		t.Errorf("featured = %q, want it kept as sent", g.Featured)
	}
	if !ap.SameOrigin(g.Featured, g.ID) {
		t.Error("featured and the group share an origin")
	}
	if g.ModeratorsURL() != "https://enterprise.lemmy.ml/c/tenforward/moderators" {
		t.Errorf("moderators %q", g.ModeratorsURL())
	}
	out, _ := json.Marshal(g)
	if !strings.Contains(string(out), featured) {
		t.Errorf("featured lost in encoding: %s", out)
	}
}

func TestQuirkHTTPIDs(t *testing.T) {
	t.Parallel()
	follow := decodeFixture(t, "lemmy/activities/following/follow.json").(*ap.Activity)
	if !strings.HasPrefix(follow.ID, "http://") || !ap.SameOrigin(follow.ID, follow.Actor.ID) {
		t.Errorf("http ids: %q by %q", follow.ID, follow.Actor.ID)
	}
	if ap.SameOrigin(follow.Actor.ID, strings.Replace(follow.Actor.ID, "http://", "https://", 1)) {
		t.Error("http and https are different origins")
	}
	// update_community: the activity names https, its Group http.
	update := decodeFixture(t, "lemmy/activities/community/update_community.json").(*ap.Activity)
	group, err := update.Object.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if g := group.(*ap.Group); g.ID != "http://enterprise.lemmy.ml/c/main" || g.AttributedTo.ID != "https://enterprise.lemmy.ml/c/main/moderators" {
		t.Errorf("group %q moderators %q", g.ID, g.AttributedTo.ID)
	}
	lock := decodeFixture(t, "lemmy/activities/community/lock_page.json").(*ap.Activity)
	if !ap.SameOrigin(lock.ID, "http://lemmy-alpha:8541/") || ap.CommunityOf(lock) != "http://lemmy-alpha:8541/c/main" {
		t.Errorf("lock %q in %q", lock.ID, ap.CommunityOf(lock))
	}
}

func TestActivityHelpersOnFixtures(t *testing.T) {
	t.Parallel()
	act := func(file string) *ap.Activity { return decodeFixture(t, file).(*ap.Activity) }

	remove := act("lemmy/activities/deletion/remove_note.json")
	if !remove.IsModRemoval() || remove.Reason() != "bad comment" {
		t.Errorf("remove_note: mod removal %v reason %q", remove.IsModRemoval(), remove.Reason())
	}
	if del := act("lemmy/activities/deletion/delete_page.json"); del.IsModRemoval() || del.IsAccountDeletion() {
		t.Error("delete_page is the author's deletion")
	}
	if user := act("lemmy/activities/deletion/delete_user.json"); !user.IsAccountDeletion() || !user.RemoveData {
		t.Errorf("delete_user: account %v removeData %v", user.IsAccountDeletion(), user.RemoveData)
	}
	for _, file := range []string{"lemmy/activities/block/block_user.json", "lemmy-0.19/activities/block/block_user.json"} {
		b := act(file)
		if b.ExpiresAt().IsZero() || !b.RemoveData || b.Target.ID != "http://enterprise.lemmy.ml/c/main" || b.Reason() != "spam post" {
			t.Errorf("%s: expires %v removeData %v target %q", file, b.ExpiresAt(), b.RemoveData, b.Target.ID)
		}
	}
	like, dislike := act("lemmy/activities/voting/like_note.json"), act("lemmy/activities/voting/dislike_page.json")
	if like.VoteScore() != 1 || dislike.VoteScore() != -1 || !like.IsVote() {
		t.Error("vote scores")
	}
	undo := act("lemmy/activities/voting/undo_dislike_page.json")
	inner, err := undo.Object.Activity()
	if err != nil || inner.Object.ID != "http://ds9.lemmy.ml/post/1" {
		t.Errorf("undo's inner vote: %+v %v", inner, err)
	}
	accept := act("lemmy/activities/following/accept.json")
	if follow, err := accept.Object.Activity(); err != nil || follow.Type != ap.KindFollow || follow.Actor.ID != accept.To[0] {
		t.Errorf("accept's follow: %+v %v", follow, err)
	}
	flag := act("mastodon/activities/flag.json")
	if ids := flag.Object.IDs(); len(ids) != 3 || flag.Object.ID != ids[0] || flag.To[0] != "https://example.com/users/1" {
		t.Errorf("Mastodon flag objects %q to %q", ids, flag.To)
	}
	mdel := act("mastodon/activities/delete.json")
	if tomb, err := mdel.Object.Decode(); err != nil || tomb.Kind() != ap.KindTombstone {
		t.Errorf("Mastodon delete of a Tombstone: %v %v", tomb, err)
	}
	create := act("lemmy/activities/create_or_update/create_comment.json")
	if m := create.Tag.Mentions(); len(m) != 1 || m[0] != "http://ds9.lemmy.ml/u/lemmy_alpha" {
		t.Errorf("create_comment mentions %q", m)
	}
	pm := act("lemmy/activities/create_or_update/create_private_message_0.19.json")
	if n, err := pm.Object.Decode(); err != nil || n.Kind() != ap.KindChatMessage || len(pm.LDContext) == 0 {
		t.Errorf("ChatMessage: %v %v", n, err)
	}
}

func TestActorFixtures(t *testing.T) {
	t.Parallel()
	p := decodeFixture(t, "lemmy/objects/person.json").(*ap.Person)
	if p.PreferredUsername != "picard" || p.Name != "Jean-Luc Picard" || p.MatrixUserID != "@picard:matrix.org" ||
		p.Icon == nil || p.Icon.URL != "https://enterprise.lemmy.ml/pictrs/image/ed9ej7.jpg" ||
		p.PublicKey.ID != "https://enterprise.lemmy.ml/u/picard#main-key" || p.SharedInbox() != "https://enterprise.lemmy.ml/inbox" ||
		p.Source == nil || p.Source.MediaType != ap.MediaTypeMarkdown || p.IsBot() {
		t.Errorf("person: %+v", p)
	}
	m := decodeFixture(t, "mastodon/objects/person.json").(*ap.Person)
	if m.Discoverable == nil || *m.Discoverable || m.URL != "https://masto.qa.urbanwildlife.biz/@mastodon" || m.Icon.MediaType != "image/png" {
		t.Errorf("mastodon person: %+v", m)
	}
	app := decodeFixture(t, "lemmy/objects/instance.json").(*ap.Application)
	if app.Name != "Enterprise" || app.Description != "A test instance" || len(app.Language) != 2 {
		t.Errorf("instance: %+v", app)
	}
	old := decodeFixture(t, "lemmy-0.19/objects/instance.json").(*ap.Application)
	if old.Summary != "A test instance" {
		t.Errorf("0.19 instance: %+v", old)
	}
	page := decodeFixture(t, "lemmy/objects/page.json").(*ap.Page)
	if page.Language == nil || page.Language.Identifier != "fr" || len(page.Tag) != 2 || page.Tag[0].Type != ap.TagCommunityPostTag ||
		page.Tag[0].PreferredUsername != "news" || page.Context.ID != "https://enterprise.lemmy.ml/post/55143/context" {
		t.Errorf("page: %+v", page)
	}
	outbox := decodeFixture(t, "lemmy/collections/group_outbox.json").(*ap.Collection)
	if outbox.TotalItems != 2 || len(outbox.Entries()) != 2 {
		t.Fatalf("outbox: %+v", outbox)
	}
	if a, err := outbox.Entries()[0].Activity(); err != nil || a.Type != ap.KindAnnounce {
		t.Errorf("outbox entry: %v %v", a, err)
	}
	mods := decodeFixture(t, "lemmy/collections/group_moderators.json").(*ap.Collection)
	if e := mods.Entries(); len(e) != 1 || e[0].ID != "https://enterprise.lemmy.ml/u/picard" || e[0].IsEmbedded() {
		t.Errorf("moderators: %+v", e)
	}
}
