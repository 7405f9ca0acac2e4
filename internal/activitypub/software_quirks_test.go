package activitypub_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// decodeQuirk decodes testdata/quirks/name.
func decodeQuirk(t *testing.T, name string) ap.Any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "quirks", name))
	if err != nil {
		t.Fatal(err)
	}
	v, err := ap.Decode(raw)
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return v
}

// asPage is a post or comment as the inbox reads it: a Note as a Page.
func asPage(t *testing.T, v ap.Any) ap.Page {
	t.Helper()
	switch o := v.(type) {
	case *ap.Page:
		return *o
	case *ap.Note:
		return o.AsPage()
	}
	t.Fatalf("%T is not a post or comment", v)
	return ap.Page{}
}

// Friendica titles posts with name, a Note's as much as an Article's.
func TestQuirkNamedNoteIsATitledPost(t *testing.T) {
	t.Parallel()
	note := asPage(t, decodeQuirk(t, "friendica_note_titled.json"))
	if got := ap.PostTitle(note); got != "Harbour at dusk" {
		t.Errorf("title of a named Note: %q", got)
	}
	if got := ap.PostURL(note); got != "https://friendica.example/photo/6f2a1b.jpg" {
		t.Errorf("link of a named image Note: %q", got)
	}
	// Without its name, its BBCode source is no title either.
	untitled := note
	untitled.Name = ""
	if got := ap.PostTitle(untitled); got != "" {
		t.Errorf("title of an unnamed Note with only a BBCode source: %q", got)
	}
	if back := note.AsNote(); back.Name != "Harbour at dusk" {
		t.Errorf("a Page read back as a Note lost its name: %+v", back)
	}
	article := asPage(t, decodeQuirk(t, "friendica_article.json"))
	if got := ap.PostTitle(article); got != "The ferry timetable changes on Monday" {
		t.Errorf("title of an Article: %q", got)
	}
}

// PeerTube's attributedTo holds the account and the channel.
func TestQuirkPeerTubeAttributedTo(t *testing.T) {
	t.Parallel()
	video := asPage(t, decodeQuirk(t, "peertube_video.json"))
	if got := ap.Author(video); got != "https://video.example/accounts/ada" {
		t.Errorf("author of a video: %q", got)
	}
	if got := ap.AttributedGroups(video); len(got) != 1 || got[0] != "https://video.example/video-channels/rivers" {
		t.Errorf("channel of a video: %q", got)
	}
	if got := ap.CommunityCandidates(video); len(got) != 0 {
		t.Errorf("a video's addressing names no community, but read as %q", got)
	}
	if got := ap.PostURL(video); got != "https://video.example/w/cM3fQpD7sK1" {
		t.Errorf("link of a video: %q", got)
	}
	if !ap.IsMarkdown(video.MediaType) || video.Source.IsMarkdown() {
		t.Errorf("a video's content is markdown and it has no source: mediaType %q, source %+v", video.MediaType, video.Source)
	}
	// The channel first, as some versions order it: the author is still
	// the account.
	video.AttributedTo = ap.IRIOrObject{ID: "https://video.example/video-channels/rivers", Type: ap.KindGroup,
		Raw: []byte(`{}`), Rest: []ap.IRIOrObject{ap.IRI("https://video.example/accounts/ada")}}
	if got := ap.Author(video); got != "https://video.example/accounts/ada" {
		t.Errorf("author with the channel first: %q", got)
	}
}

// Only a source in markdown is markdown.
func TestQuirkSourceMediaTypes(t *testing.T) {
	t.Parallel()
	for file, want := range map[string]bool{
		"mbin_entry.json":        true,  // text/markdown
		"misskey_note.json":      false, // MFM
		"akkoma_note.json":       false, // HTML
		"pleroma_note.json":      false, // a bare string
		"friendica_article.json": false, // BBCode
	} {
		page := asPage(t, decodeQuirk(t, file))
		if page.Source == nil || page.Source.Content == "" {
			t.Fatalf("%s: no source decoded", file)
		}
		if got := page.Source.IsMarkdown(); got != want {
			t.Errorf("%s: source %q (%q) is markdown: %v, want %v", file, page.Source.MediaType, page.Source.Content, got, want)
		}
	}
	for mt, want := range map[string]bool{"text/markdown": true, "Text/Markdown; charset=utf-8": true, "text/html": false,
		"text/x.misskeymarkdown": false, "": false} {
		if got := ap.IsMarkdown(mt); got != want {
			t.Errorf("IsMarkdown(%q) = %v", mt, got)
		}
	}
	// A bare string stays one when the object is written again.
	pleroma := asPage(t, decodeQuirk(t, "pleroma_note.json"))
	out, err := json.Marshal(pleroma)
	if err != nil || !strings.Contains(string(out), `"source":"Photos from 1989 show the [i]old[/i] one."`) {
		t.Errorf("a bare source written again: %s %v", out, err)
	}
	if (&ap.Source{Content: "x"}).IsMarkdown() != true || (*ap.Source)(nil).IsMarkdown() {
		t.Error("a source object without a media type is markdown; none is not")
	}
}

// Mbin's featured collection is /m/NAME/pinned; collections compare by
// what was published, whatever the slashes.
func TestQuirkMbinPinnedCollection(t *testing.T) {
	t.Parallel()
	magazine := decodeQuirk(t, "mbin_magazine.json").(*ap.Group)
	add := decodeQuirk(t, "mbin_add_pinned.json").(*ap.Activity)
	if !ap.SameCollection(add.Target.ID, magazine.Featured) || ap.SameCollection(add.Target.ID, magazine.ModeratorsURL()) {
		t.Errorf("target %q against featured %q and moderators %q", add.Target.ID, magazine.Featured, magazine.ModeratorsURL())
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"https://lemmy.example/c/main//featured", "https://lemmy.example/c/main/featured", true},
		{"https://lemmy.example/c/main/featured/", "https://LEMMY.example:443/c/main/featured", true},
		{"https://lemmy.example/c/main/featured", "https://lemmy.example/c/other/featured", false},
		{"https://lemmy.example/c/main/featured", "http://lemmy.example/c/main/featured", false},
		{"https://lemmy.example/c/main/featured?page=2", "https://lemmy.example/c/main/featured", false},
		{"", "", false},
	} {
		if got := ap.SameCollection(tt.a, tt.b); got != tt.want {
			t.Errorf("SameCollection(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
