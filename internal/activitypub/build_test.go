package activitypub_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"testing"
	"time"

	ap "github.com/tidings/tidings/internal/activitypub"
)

const (
	host      = "https://tidings.example"
	alice     = host + "/u/alice"
	bob       = "https://lemmy.example/u/bob"
	community = host + "/c/news"
	postID    = host + "/post/7"
	commentID = host + "/comment/9"
)

var (
	published = time.Date(2025, 3, 1, 10, 0, 0, 123456000, time.UTC)
	edited    = published.Add(time.Hour)
)

// encodeDecode encodes v, checks the outermost @context is Lemmy's, and
// decodes it again; the result must equal v.
func encodeDecode(t *testing.T, v ap.Any) map[string]any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ap.Decode(data)
	if err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	if !reflect.DeepEqual(back, v) {
		t.Errorf("%s changed in a round trip:\nbuilt %+v\nback  %+v", v.Kind(), v, back)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	ctx, _ := m["@context"].([]any)
	if len(ctx) != 3 || ctx[0] != ap.ActivityStreams || ctx[1] != ap.SecurityV1 {
		t.Errorf("%s: @context %v", v.Kind(), m["@context"])
	}
	terms, _ := ctx[2].(map[string]any)
	for _, term := range []string{"lemmy", "sensitive", "stickied", "postingRestrictedToMods", "matrixUserId", "moderators", "language", "identifier", "distinguished", "removeData", "commentsEnabled"} {
		if _, ok := terms[term]; !ok {
			t.Errorf("@context lacks %q", term)
		}
	}
	return m
}

func strs(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

func TestNewPerson(t *testing.T) {
	t.Parallel()
	p := ap.NewPerson(ap.PersonInput{
		ID: alice, Name: "alice", DisplayName: "Alice", Bio: "Hi *there*", BioHTML: "<p>Hi <em>there</em></p>",
		AvatarURL: host + "/a.png", PublicKeyPEM: "PEM", SharedInbox: host + "/inbox", Published: published, Updated: &edited,
	})
	m := encodeDecode(t, p)
	if m["type"] != "Person" || m["preferredUsername"] != "alice" || m["name"] != "Alice" || m["inbox"] != alice+"/inbox" ||
		m["outbox"] != alice+"/outbox" || m["published"] != "2025-03-01T10:00:00.123456Z" {
		t.Errorf("person JSON: %v", m)
	}
	key, _ := m["publicKey"].(map[string]any)
	if key["id"] != alice+"#main-key" || key["owner"] != alice || key["publicKeyPem"] != "PEM" {
		t.Errorf("publicKey %v", key)
	}
	if p.Source.Content != "Hi *there*" || p.Source.MediaType != ap.MediaTypeMarkdown || p.Image != nil {
		t.Errorf("person: %+v", p)
	}
	bot := ap.NewPerson(ap.PersonInput{ID: host + "/u/bot", Name: "bot", Bot: true, Published: published})
	if bot.Type != ap.KindService || !bot.IsBot() {
		t.Errorf("a bot is a Service: %q", bot.Type)
	}
	encodeDecode(t, bot)
}

func TestNewGroup(t *testing.T) {
	t.Parallel()
	g := ap.NewGroup(ap.GroupInput{
		ID: community, Name: "news", Title: "News", Description: "All *news*", DescriptionHTML: "<p>All <em>news</em></p>",
		IconURL: host + "/i.png", NSFW: true, PostingRestrictedToMods: true, PublicKeyPEM: "PEM", SharedInbox: host + "/inbox",
		Languages: []ap.Language{{Identifier: "en", Name: "English"}}, Published: published,
	})
	m := encodeDecode(t, g)
	if m["attributedTo"] != community+"/moderators" || m["featured"] != community+"/featured" ||
		m["followers"] != community+"/followers" || m["sensitive"] != true || m["postingRestrictedToMods"] != true ||
		m["name"] != "News" || m["preferredUsername"] != "news" {
		t.Errorf("group JSON: %v", m)
	}
	if g.ModeratorsURL() != community+"/moderators" || g.SharedInbox() != host+"/inbox" {
		t.Errorf("group: %+v", g)
	}
	plain := encodeDecode(t, ap.NewGroup(ap.GroupInput{ID: community, Name: "news", Title: "News", Published: published}))
	if plain["sensitive"] != false || plain["postingRestrictedToMods"] != false {
		t.Errorf("false flags must be sent: %v", plain)
	}
}

func TestNewApplication(t *testing.T) {
	t.Parallel()
	a := ap.NewApplication(ap.ApplicationInput{
		ID: host + "/", Name: "Tidings", Description: "News", Sidebar: "Be *nice*", SidebarHTML: "<p>Be <em>nice</em></p>",
		PublicKeyPEM: "PEM", Published: published,
	})
	m := encodeDecode(t, a)
	if m["preferredUsername"] != "tidings.example" || m["inbox"] != host+"/inbox" || m["outbox"] != host+"/outbox" ||
		m["summary"] != "News" || m["description"] != "News" || m["mediaType"] != ap.MediaTypeHTML {
		t.Errorf("application JSON: %v", m)
	}
	if a.PublicKey.ID != host+"/#main-key" {
		t.Errorf("key id %q", a.PublicKey.ID)
	}
	// Servers that look up @name@host cannot look up a name with a colon.
	for id, want := range map[string]string{
		"https://tidings.example/":      "tidings.example",
		"http://127.0.0.2:8080/":        "127.0.0.2",
		"http://news.example.org:8443/": "news.example.org",
		"http://[::1]:8080/":            "--1",
	} {
		if got := ap.NewApplication(ap.ApplicationInput{ID: id, Name: "T"}).PreferredUsername; got != want {
			t.Errorf("preferredUsername of %s = %q, want %q", id, got, want)
		}
	}
}

func newPage() *ap.Page {
	return ap.NewPage(ap.PostInput{
		ID: postID, AuthorID: alice, CommunityID: community, Title: "Hello", URL: "https://example.org/article",
		Body: "Some *text*", BodyHTML: "<p>Some <em>text</em></p>", ThumbnailURL: host + "/t.jpg",
		Language: ap.Language{Identifier: "en", Name: "English"}, Locked: true,
		Mentions: []ap.Mention{{Href: bob, Name: "@bob@lemmy.example"}}, Published: published, Updated: &edited,
	})
}

func TestNewPage(t *testing.T) {
	t.Parallel()
	p := newPage()
	m := encodeDecode(t, p)
	if got := strs(m["to"]); !reflect.DeepEqual(got, []string{community, ap.Public}) {
		t.Errorf("to %q", got)
	}
	if got := strs(m["cc"]); !reflect.DeepEqual(got, []string{bob}) {
		t.Errorf("cc %q", got)
	}
	if m["audience"] != community || m["attributedTo"] != alice || m["name"] != "Hello" || m["sensitive"] != false ||
		m["commentsEnabled"] != false || m["mediaType"] != ap.MediaTypeHTML {
		t.Errorf("page JSON: %v", m)
	}
	if cm, _ := m["contentMap"].(map[string]any); len(cm) != 1 || cm["en"] != "<p>Some <em>text</em></p>" {
		t.Errorf("contentMap %v, want the content under en", m["contentMap"])
	}
	if ap.PostURL(*p) != "https://example.org/article" || p.Attachment[0].Type != ap.KindLink || ap.PostTitle(*p) != "Hello" ||
		ap.IsComment(*p) || ap.CommunityOf(p) != community {
		t.Errorf("page: %+v", p)
	}
	img := ap.NewPage(ap.PostInput{
		ID: postID, AuthorID: alice, CommunityID: community, Title: "Pic", URL: host + "/pic.png",
		URLMediaType: "image/png", AltText: "a cat", Published: published,
	})
	encodeDecode(t, img)
	if a := img.Attachment[0]; a.Type != ap.KindImage || a.Name != "a cat" || ap.PostURL(*img) != host+"/pic.png" ||
		img.Source != nil || img.Content != "" || img.ContentMap != nil || img.Cc != nil || *img.CommentsEnabled != true {
		t.Errorf("image post: %+v", img)
	}
}

func newNote() *ap.Note {
	return ap.NewNote(ap.CommentInput{
		ID: commentID, AuthorID: alice, CommunityID: community, PostID: postID, ParentID: host + "/comment/8",
		ParentAuthorID: bob, Body: "Yes", BodyHTML: "<p>Yes</p>", Distinguished: true,
		Language:  ap.Language{Identifier: "fr", Name: "Français"},
		Mentions:  []ap.Mention{{Href: bob, Name: "@bob@lemmy.example"}, {Href: host + "/u/carol", Name: "@carol"}},
		Published: published,
	})
}

func TestNewNote(t *testing.T) {
	t.Parallel()
	n := newNote()
	m := encodeDecode(t, n)
	if got := strs(m["to"]); !reflect.DeepEqual(got, []string{community, ap.Public}) {
		t.Errorf("to %q", got)
	}
	if got := strs(m["cc"]); !reflect.DeepEqual(got, []string{bob, host + "/u/carol"}) {
		t.Errorf("cc %q (the parent's author once, then mentions)", got)
	}
	if m["inReplyTo"] != host+"/comment/8" || m["audience"] != community || m["distinguished"] != true || m["content"] != "<p>Yes</p>" {
		t.Errorf("note JSON: %v", m)
	}
	if cm, _ := m["contentMap"].(map[string]any); len(cm) != 1 || cm["fr"] != "<p>Yes</p>" {
		t.Errorf("contentMap %v, want the content under fr", m["contentMap"])
	}
	top := ap.NewNote(ap.CommentInput{ID: commentID, AuthorID: alice, CommunityID: community, PostID: postID, BodyHTML: "<p>x</p>", Body: "x"})
	if top.InReplyTo.ID != postID || top.Cc != nil || top.ContentMap != nil {
		t.Errorf("top-level comment: %+v", top)
	}
	encodeDecode(t, top)
	encodeDecode(t, ap.NewTombstone(commentID))
	encodeDecode(t, ap.NewOrderedCollection(community+"/outbox", 0, nil))
	encodeDecode(t, ap.NewOrderedCollection(community+"/moderators", 1, ap.Items{ap.IRI(alice)}))
	encodeDecode(t, ap.NewCollection(community+"/followers", 3))
}

var activityID = regexp.MustCompile(`^https://tidings\.example/activities/[a-z]+/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// checkActivity round-trips a built activity and checks its id and that an
// embedded object carries no @context of its own.
func checkActivity(t *testing.T, a *ap.Activity, err error, kind ap.Kind) map[string]any {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if a.Type != kind || !activityID.MatchString(a.ID) || !bytes.Contains([]byte(a.ID), []byte("/"+lower(kind)+"/")) {
		t.Errorf("%s id %q", a.Type, a.ID)
	}
	m := encodeDecode(t, a)
	if obj, ok := m["object"].(map[string]any); ok {
		if _, has := obj["@context"]; has {
			t.Errorf("%s: embedded object carries @context", kind)
		}
	}
	return m
}

func lower(k ap.Kind) string { return string(bytes.ToLower([]byte(k))) }

func TestNewCreateAndUpdate(t *testing.T) {
	t.Parallel()
	page := newPage()
	create, err := ap.NewCreate(alice, page)
	m := checkActivity(t, create, err, ap.KindCreate)
	// The mentioned bob is addressed, and tagged, as Mastodon notifies.
	if !reflect.DeepEqual(strs(m["to"]), []string{community, ap.Public}) || !reflect.DeepEqual(strs(m["cc"]), []string{community, bob}) ||
		m["audience"] != community || m["actor"] != alice || len(create.Tag) != 1 || create.Tag[0].Href != bob {
		t.Errorf("create page: %v", m)
	}
	inner, err := create.Object.Decode()
	if err != nil {
		t.Fatal(err)
	}
	want := *page
	want.LDContext = nil
	if !reflect.DeepEqual(inner, &want) {
		t.Errorf("embedded page changed:\n%+v\n%+v", inner, &want)
	}

	note := newNote()
	cn, err := ap.NewCreate(alice, note)
	m = checkActivity(t, cn, err, ap.KindCreate)
	if !reflect.DeepEqual(strs(m["cc"]), []string(note.Cc)) || len(cn.Tag) != 2 || m["audience"] != community {
		t.Errorf("create note: %v", m)
	}

	up, err := ap.NewUpdate(alice, page)
	checkActivity(t, up, err, ap.KindUpdate)
	g := ap.NewGroup(ap.GroupInput{ID: community, Name: "news", Title: "News", Published: published})
	ug, err := ap.NewUpdate(alice, g)
	m = checkActivity(t, ug, err, ap.KindUpdate)
	if !reflect.DeepEqual(strs(m["to"]), []string{ap.Public}) || !reflect.DeepEqual(strs(m["cc"]), []string{community}) || m["audience"] != community {
		t.Errorf("update group: %v", m)
	}
	up2, err := ap.NewUpdate(alice, ap.NewPerson(ap.PersonInput{ID: alice, Name: "alice", Published: published}))
	checkActivity(t, up2, err, ap.KindUpdate)

	if _, err := ap.NewCreate(alice, g); err == nil {
		t.Error("Create of a Group built")
	}
	if _, err := ap.NewCreate(alice, &ap.Page{ID: postID, Type: ap.KindPage, To: ap.Strings{ap.Public}}); err == nil {
		t.Error("Create of a post in no community built")
	}
	if _, err := ap.NewCreate(alice, "text"); err == nil {
		t.Error("Create of a string built")
	}
}

func TestNewDeleteAndUndo(t *testing.T) {
	t.Parallel()
	del := ap.NewDelete(alice, postID, community)
	m := checkActivity(t, del, nil, ap.KindDelete)
	if m["object"] != postID || !reflect.DeepEqual(strs(m["to"]), []string{community, ap.Public}) ||
		!reflect.DeepEqual(strs(m["cc"]), []string{community}) || m["audience"] != community || del.IsModRemoval() {
		t.Errorf("delete: %v", m)
	}
	if _, has := m["summary"]; has {
		t.Error("an author's delete carries no summary")
	}
	rm := ap.NewModDelete(alice, postID, community, "")
	m = checkActivity(t, rm, nil, ap.KindDelete)
	if s, has := m["summary"]; !has || s != "" || !rm.IsModRemoval() {
		t.Errorf("a removal without reason still carries a summary: %v", m)
	}
	acct := ap.NewDeleteAccount(alice, true)
	m = checkActivity(t, acct, nil, ap.KindDelete)
	if m["object"] != alice || m["removeData"] != true || !acct.IsAccountDeletion() {
		t.Errorf("account deletion: %v", m)
	}

	undo, err := ap.NewUndo(alice, rm)
	m = checkActivity(t, undo, err, ap.KindUndo)
	if !reflect.DeepEqual(undo.To, rm.To) || !reflect.DeepEqual(undo.Cc, rm.Cc) || undo.Audience.ID != rm.Audience.ID {
		t.Errorf("undo addressing: %v", m)
	}
	if back, err := undo.Object.Activity(); err != nil || back.ID != rm.ID || back.Reason() != "" || !back.IsModRemoval() {
		t.Errorf("undone: %+v %v", back, err)
	}
}

func TestNewVotes(t *testing.T) {
	t.Parallel()
	like := ap.NewLike(alice, commentID, community)
	m := checkActivity(t, like, nil, ap.KindLike)
	if m["object"] != commentID || m["audience"] != community || m["to"] != nil || like.VoteScore() != 1 {
		t.Errorf("like: %v", m)
	}
	dislike := ap.NewDislike(alice, postID, "")
	m = checkActivity(t, dislike, nil, ap.KindDislike)
	if _, has := m["audience"]; has || dislike.VoteScore() != -1 {
		t.Errorf("dislike without community: %v", m)
	}
	undo, err := ap.NewUndo(alice, like)
	m = checkActivity(t, undo, err, ap.KindUndo)
	if m["audience"] != community {
		t.Errorf("undo like: %v", m)
	}
}

func TestNewFollowAcceptAnnounce(t *testing.T) {
	t.Parallel()
	const remote = "https://lemmy.example/c/main"
	follow := ap.NewFollow(alice, remote)
	m := checkActivity(t, follow, nil, ap.KindFollow)
	if m["object"] != remote || !reflect.DeepEqual(strs(m["to"]), []string{remote}) {
		t.Errorf("follow: %v", m)
	}
	theirs := decodeOwn(t, "lemmy/activities/following/follow.json").(*ap.Activity)
	accept, err := ap.NewAccept(community, theirs)
	m = checkActivity(t, accept, err, ap.KindAccept)
	if !reflect.DeepEqual(strs(m["to"]), []string{"https://lemmy.one.example/u/marisol"}) || m["actor"] != community {
		t.Errorf("accept: %v", m)
	}
	if f, err := accept.Object.Activity(); err != nil || f.ID != theirs.ID {
		t.Errorf("accepted follow: %+v %v", f, err)
	}
	reject, err := ap.NewReject(community, theirs)
	checkActivity(t, reject, err, ap.KindReject)

	create, err := ap.NewCreate(alice, newNote())
	if err != nil {
		t.Fatal(err)
	}
	announce, err := ap.NewAnnounce(community, create)
	m = checkActivity(t, announce, err, ap.KindAnnounce)
	if m["actor"] != community || !reflect.DeepEqual(strs(m["to"]), []string{ap.Public}) ||
		!reflect.DeepEqual(strs(m["cc"]), []string{community + "/followers"}) {
		t.Errorf("announce: %v", m)
	}
	wrapped, err := announce.Object.Activity()
	if err != nil {
		t.Fatal(err)
	}
	want := *create
	want.LDContext = nil
	if !reflect.DeepEqual(wrapped, &want) {
		t.Errorf("announced create changed:\n%+v\n%+v", wrapped, &want)
	}
	// A received activity is announced as it came, its own @context too.
	raw := readOwn(t, "lemmy/activities/voting/like_note.json")
	ra, err := ap.NewAnnounce(community, json.RawMessage(raw))
	if err != nil || ra.Type != ap.KindAnnounce || !activityID.MatchString(ra.ID) {
		t.Fatalf("announce of a received like: %+v %v", ra, err)
	}
	if obj, _ := encodeDecode(t, ra)["object"].(map[string]any); obj == nil || obj["@context"] == nil || obj["actor"] != "https://lemmy.one.example/u/okonkwo" {
		t.Errorf("the announced like is not as it came: %v", obj)
	}
	if ra.Object.ID != "https://lemmy.one.example/activities/like/d0e6b3a9-5f14-4c82-a7d3-9b1f4e2c8a60" || ra.Object.Type != ap.KindLike {
		t.Errorf("announced raw like: %+v", ra.Object)
	}
	if _, err := ap.NewAnnounce(community, json.RawMessage(`{broken`)); err == nil {
		t.Error("broken JSON announced")
	}
	if _, err := ap.NewAnnounce(community, nil); err == nil {
		t.Error("nothing announced")
	}
	if _, err := ap.NewAnnounce(community, json.RawMessage(`"https://x.example/1"`)); err == nil {
		t.Error("a bare IRI embedded")
	}
	if !announce.WrapsActivity() {
		t.Error("an Announce of a Create wraps an activity")
	}
	// The boost microblog servers understand: the post by its id.
	boost := ap.NewAnnounceObject(community, postID)
	m = checkActivity(t, boost, nil, ap.KindAnnounce)
	if m["object"] != postID || m["actor"] != community || !reflect.DeepEqual(strs(m["to"]), []string{ap.Public}) ||
		!reflect.DeepEqual(strs(m["cc"]), []string{community + "/followers"}) || boost.WrapsActivity() || boost.ID == announce.ID {
		t.Errorf("announce of a post's id: %v", m)
	}
	// The bare Announce of the Page Lemmy sends for Mastodon's sake.
	bare, err := ap.NewAnnounce(community, newPage())
	checkActivity(t, bare, err, ap.KindAnnounce)
	if bare.WrapsActivity() || bare.Object.Type != ap.KindPage {
		t.Errorf("bare announce: %+v", bare.Object)
	}
}

func TestNewModeratorActivities(t *testing.T) {
	t.Parallel()
	lock := ap.NewLock(alice, postID, community)
	m := checkActivity(t, lock, nil, ap.KindLock)
	if m["object"] != postID || !reflect.DeepEqual(strs(m["to"]), []string{ap.Public}) ||
		!reflect.DeepEqual(strs(m["cc"]), []string{community}) || m["audience"] != community {
		t.Errorf("lock: %v", m)
	}
	add := ap.NewAddTo(true, alice, postID, community+"/featured", community)
	if m := checkActivity(t, add, nil, ap.KindAdd); m["target"] != community+"/featured" || m["object"] != postID {
		t.Errorf("add: %v", m)
	}
	if rm := ap.NewAddTo(false, alice, postID, community+"/featured", community); rm.Type != ap.KindRemove {
		t.Errorf("remove from a collection is a %s", rm.Type)
	}
	until := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	ban := ap.NewCommunityBlock(alice, bob, community, "spam", until, true)
	m = checkActivity(t, ban, nil, ap.KindBlock)
	if m["object"] != bob || m["target"] != community || m["summary"] != "spam" || m["removeData"] != true ||
		!ban.ExpiresAt().Equal(until) {
		t.Errorf("ban: %v", m)
	}
	m = checkActivity(t, ap.NewCommunityBlock(alice, bob, community, "", time.Time{}, false), nil, ap.KindBlock)
	for _, k := range []string{"summary", "expires", "removeData"} {
		if _, has := m[k]; has {
			t.Errorf("a ban without reason, end or removal has %s: %v", k, m)
		}
	}
}
