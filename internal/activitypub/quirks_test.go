package activitypub_test

import (
	"encoding/json"
	"strings"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// The quirks of what other servers send, in the repository's own corpus
// (testdata/fediverse): they are real, and must not break us.

func TestQuirkAudienceNamesAPerson(t *testing.T) {
	t.Parallel()
	const community = "http://lemmy.old.example:8536/c/tidepools"
	announce := decodeOwn(t, "lemmy-0.19/activities/community/announce_create_page.json").(*ap.Activity)
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
	if page.Audience.ID != "http://lemmy.old.example:8536/u/tidepools" {
		t.Fatalf("fixture changed: audience %q", page.Audience.ID)
	}
	if got := ap.CommunityOf(page); got != community {
		t.Errorf("CommunityOf(Page) = %q, want %q from to", got, community)
	}
	// The Announce itself: addressed to Public and the followers only; its
	// community is its actor.
	if got := ap.CommunityOf(announce); got != "" {
		t.Errorf("CommunityOf(Announce) = %q, want none", got)
	}
	// Lemmy 0.19's comment names its author as audience, and has only
	// people besides the community in cc.
	const estuary = "https://tidings.example/c/estuary"
	note := decodeOwn(t, "lemmy-0.19/activities/create_or_update/create_note.json").(*ap.Activity)
	if note.Audience.ID != "http://lemmy.old.example:8536/u/tomasz" || ap.CommunityOf(note) != estuary {
		t.Errorf("CommunityOf(create_note) = %q (audience %q), want %q", ap.CommunityOf(note), note.Audience.ID, estuary)
	}
}

func TestQuirkDoubleSlashInFeatured(t *testing.T) {
	t.Parallel()
	const featured = "https://lemmy.one.example/c/tidepools//featured"
	g := decodeOwn(t, "lemmy/objects/group.json").(*ap.Group)
	if g.Featured != featured {
		t.Errorf("featured = %q, want it kept as sent", g.Featured)
	}
	if !ap.SameOrigin(g.Featured, g.ID) {
		t.Error("featured and the group share an origin")
	}
	if g.ModeratorsURL() != "https://lemmy.one.example/c/tidepools/moderators" {
		t.Errorf("moderators %q", g.ModeratorsURL())
	}
	out, _ := json.Marshal(g)
	if !strings.Contains(string(out), featured) {
		t.Errorf("featured lost in encoding: %s", out)
	}
	// Mbin names the collection as older Lemmy did.
	if m := decodeOwn(t, "mbin/objects/group.json").(*ap.Group); m.ModeratorsURL() != "https://mbin.example/m/rivers/moderators" {
		t.Errorf("Mbin's moderators %q", m.ModeratorsURL())
	}
}

func TestQuirkHTTPIDsAndPorts(t *testing.T) {
	t.Parallel()
	follow := decodeOwn(t, "lemmy-0.19/activities/following/follow.json").(*ap.Activity)
	if !strings.HasPrefix(follow.ID, "http://") || !ap.SameOrigin(follow.ID, follow.Actor.ID) {
		t.Errorf("http ids: %q by %q", follow.ID, follow.Actor.ID)
	}
	if ap.SameOrigin(follow.Actor.ID, strings.Replace(follow.Actor.ID, "http://", "https://", 1)) {
		t.Error("http and https are different origins")
	}
	if ap.SameOrigin(follow.Actor.ID, strings.Replace(follow.Actor.ID, ":8536", "", 1)) {
		t.Error("another port is another origin")
	}
	lock := decodeOwn(t, "lemmy-0.19/activities/community/lock_page.json").(*ap.Activity)
	if !ap.SameOrigin(lock.ID, "http://lemmy.old.example:8536/") || ap.CommunityOf(lock) != "https://tidings.example/c/estuary" {
		t.Errorf("lock %q in %q", lock.ID, ap.CommunityOf(lock))
	}
	if lock.Reason() != "" {
		t.Errorf("Lemmy 0.19's lock has no reason, read %q", lock.Reason())
	}
}

// GoToSocial sends a single tag as an object, not a list, and keeps keys
// at a URL of their own; Misskey reacts with a Like that carries an
// emoji; Mastodon's reports list what they report and name one recipient.
func TestQuirkMicroblogShapes(t *testing.T) {
	t.Parallel()
	gts := decodeOwn(t, "gotosocial/activities/create_note_reply.json").(*ap.Activity)
	v, err := gts.Object.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if m := v.(*ap.Note).AsPage().Tag.Mentions(); len(m) != 1 || m[0] != "https://lemmy.one.example/u/okonkwo" {
		t.Errorf("GoToSocial's lone tag: mentions %q", m)
	}
	priya := decodeOwn(t, "gotosocial/objects/person.json").(*ap.Person)
	if priya.PublicKey.ID != priya.ID+"/main-key" || priya.SharedInbox() != priya.Inbox {
		t.Errorf("GoToSocial person: key %q, shared inbox %q", priya.PublicKey.ID, priya.SharedInbox())
	}
	like := decodeOwn(t, "misskey/activities/like_page.json").(*ap.Activity)
	if !like.IsVote() || like.VoteScore() != 1 {
		t.Errorf("Misskey's reaction: vote %v score %d", like.IsVote(), like.VoteScore())
	}
	flag := decodeOwn(t, "mastodon/activities/flag.json").(*ap.Activity)
	if ids := flag.Object.IDs(); len(ids) != 2 || flag.Object.ID != ids[0] || len(flag.To) != 1 ||
		flag.To[0] != "https://lemmy.one.example/u/okonkwo" {
		t.Errorf("Mastodon flag objects %q to %q", ids, flag.To)
	}
	// Akkoma's object repeats its actor, and its source says text/plain.
	akkoma := decodeOwn(t, "akkoma/objects/note.json").(*ap.Note)
	if akkoma.Source == nil || akkoma.Source.MediaType != "text/plain" || akkoma.AttributedTo.ID != "https://akkoma.example/users/ondine" {
		t.Errorf("Akkoma note: %+v", akkoma)
	}
}

func TestActivityHelpersOnFixtures(t *testing.T) {
	t.Parallel()
	act := func(file string) *ap.Activity { return decodeOwn(t, file).(*ap.Activity) }

	remove := act("lemmy/activities/deletion/remove_note.json")
	if !remove.IsModRemoval() || remove.Reason() != "Personal attack" {
		t.Errorf("remove_note: mod removal %v reason %q", remove.IsModRemoval(), remove.Reason())
	}
	if del := act("lemmy/activities/deletion/delete_page.json"); del.IsModRemoval() || del.IsAccountDeletion() {
		t.Error("delete_page is the author's deletion")
	}
	if user := act("lemmy/activities/deletion/delete_user.json"); !user.IsAccountDeletion() || !user.RemoveData {
		t.Errorf("delete_user: account %v removeData %v", user.IsAccountDeletion(), user.RemoveData)
	}
	// Lemmy 1.0 says endTime, 0.19 expires.
	for file, reason := range map[string]string{"lemmy/activities/block/block_user.json": "Repeated spam links",
		"lemmy-0.19/activities/block/block_user.json": "Cooling off after an argument"} {
		b := act(file)
		if b.ExpiresAt().IsZero() || b.Target.ID != "https://tidings.example/c/estuary" || b.Reason() != reason {
			t.Errorf("%s: expires %v target %q reason %q", file, b.ExpiresAt(), b.Target.ID, b.Reason())
		}
	}
	like, dislike := act("lemmy/activities/voting/like_note.json"), act("lemmy/activities/voting/dislike_page.json")
	if like.VoteScore() != 1 || dislike.VoteScore() != -1 || !like.IsVote() {
		t.Error("vote scores")
	}
	// Lemmy undoes a Dislike with an Undo of a Like.
	undo := act("lemmy/activities/voting/undo_dislike_page.json")
	inner, err := undo.Object.Activity()
	if err != nil || inner.Object.ID != "https://lemmy.one.example/post/44" || inner.Type != ap.KindLike {
		t.Errorf("undo's inner vote: %+v %v", inner, err)
	}
	accept := act("lemmy/activities/following/accept.json")
	if follow, err := accept.Object.Activity(); err != nil || follow.Type != ap.KindFollow || follow.Actor.ID != accept.To[0] {
		t.Errorf("accept's follow: %+v %v", follow, err)
	}
	if lock := act("lemmy/activities/community/lock_page.json"); lock.Reason() != "The thread has run its course" {
		t.Errorf("Lemmy 1.0's lock reason %q", lock.Reason())
	}
	mdel := act("mastodon/activities/delete.json")
	if tomb, err := mdel.Object.Decode(); err != nil || tomb.Kind() != ap.KindTombstone {
		t.Errorf("Mastodon delete of a Tombstone: %v %v", tomb, err)
	}
	if gdel := act("gotosocial/activities/delete_note.json"); gdel.Object.IsEmbedded() || gdel.Object.ID == "" {
		t.Errorf("GoToSocial deletes by id: %+v", gdel.Object)
	}
	create := act("lemmy/activities/create_or_update/create_note.json")
	if m := create.Tag.Mentions(); len(m) != 1 || m[0] != "https://lemmy.one.example/u/okonkwo" {
		t.Errorf("create_note mentions %q", m)
	}
	pm := act("lemmy-0.19/activities/create_or_update/create_private_message.json")
	if n, err := pm.Object.Decode(); err != nil || n.Kind() != ap.KindChatMessage || len(pm.LDContext) == 0 {
		t.Errorf("ChatMessage: %v %v", n, err)
	}
}

func TestActorFixtures(t *testing.T) {
	t.Parallel()
	p := decodeOwn(t, "lemmy/objects/person.json").(*ap.Person)
	if p.PreferredUsername != "marisol" || p.Name != "Marisol Ferreira" || p.MatrixUserID != "@marisol:matrix.example" ||
		p.Icon == nil || p.Icon.URL != "https://lemmy.one.example/pictrs/image/4c0f8e2a-avatar.webp" ||
		p.PublicKey.ID != "https://lemmy.one.example/u/marisol#main-key" || p.SharedInbox() != "https://lemmy.one.example/inbox" ||
		p.Source == nil || p.Source.MediaType != ap.MediaTypeMarkdown || p.IsBot() {
		t.Errorf("person: %+v", p)
	}
	m := decodeOwn(t, "mastodon/objects/person.json").(*ap.Person)
	if m.Discoverable == nil || !*m.Discoverable || m.URL != "https://mastodon.example/@yusuf" || m.Icon.MediaType != "image/png" {
		t.Errorf("mastodon person: %+v", m)
	}
	app := decodeOwn(t, "lemmy/objects/instance.json").(*ap.Application)
	if app.Name != "Lemmy One" || app.Description != "Discussion for the river towns" || len(app.Language) != 2 {
		t.Errorf("instance: %+v", app)
	}
	old := decodeOwn(t, "lemmy-0.19/objects/instance.json").(*ap.Application)
	if old.Summary != "The old town's forum" {
		t.Errorf("0.19 instance: %+v", old)
	}
	page := decodeOwn(t, "lemmy/objects/page.json").(*ap.Page)
	if page.Language == nil || page.Language.Identifier != "en" || len(page.Tag) != 2 || page.Tag[0].Type != ap.TagCommunityPostTag ||
		page.Tag[0].PreferredUsername != "sightings" || page.Context.ID != "https://lemmy.one.example/post/44/context" {
		t.Errorf("page: %+v", page)
	}
	outbox := decodeOwn(t, "lemmy/collections/group_outbox.json").(*ap.Collection)
	if outbox.TotalItems != 2 || len(outbox.Entries()) != 2 {
		t.Fatalf("outbox: %+v", outbox)
	}
	if a, err := outbox.Entries()[0].Activity(); err != nil || a.Type != ap.KindAnnounce {
		t.Errorf("outbox entry: %v %v", a, err)
	}
	mods := decodeOwn(t, "lemmy/collections/group_moderators.json").(*ap.Collection)
	if e := mods.Entries(); len(e) != 1 || e[0].ID != "https://lemmy.one.example/u/okonkwo" || e[0].IsEmbedded() {
		t.Errorf("moderators: %+v", e)
	}
	misskey := decodeOwn(t, "misskey/objects/person.json").(*ap.Person)
	if misskey.PreferredUsername != "haru" || !strings.HasSuffix(misskey.ID, "/users/9x2k7p3q1a") || misskey.Icon != nil {
		t.Errorf("misskey person: %+v", misskey)
	}
}
