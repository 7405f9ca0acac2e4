package activitypub_test

import (
	"reflect"
	"strings"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

func TestSameOrigin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://lemmy.ml/u/a", "https://lemmy.ml/post/1", true},
		{"https://LEMMY.ml/u/a", "https://lemmy.ml/c/b", true},
		{"HTTPS://lemmy.ml/u/a", "https://lemmy.ml/c/b", true},
		{"http://lemmy.ml/u/a", "https://lemmy.ml/u/a", false},
		{"https://lemmy.ml/u/a", "https://sub.lemmy.ml/u/a", false},
		{"http://lemmy-alpha:8541/u/a", "http://lemmy-alpha:8541/post/2", true},
		{"http://lemmy-alpha:8541/u/a", "http://lemmy-alpha:8542/post/2", false},
		{"http://lemmy-alpha:8541/u/a", "http://lemmy-alpha/post/2", false},
		{"https://lemmy.ml:443/u/a", "https://lemmy.ml/u/a", true},
		{"https://lemmy.ml@evil.example/u/a", "https://lemmy.ml/u/a", false},
		{"/u/a", "/u/b", false},
		{"", "", false},
		{"not a url", "not a url", false},
	}
	for _, tt := range tests {
		if got := ap.SameOrigin(tt.a, tt.b); got != tt.want {
			t.Errorf("SameOrigin(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := ap.SameOrigin(tt.b, tt.a); got != tt.want {
			t.Errorf("SameOrigin(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestIsPublic(t *testing.T) {
	t.Parallel()
	for iri, want := range map[string]bool{
		ap.Public: true, "as:Public": true, "Public": true,
		"https://a.example/c/x/followers": false, "": false, "https://www.w3.org/ns/activitystreams": false,
	} {
		if got := ap.IsPublic(iri); got != want {
			t.Errorf("IsPublic(%q) = %v", iri, got)
		}
	}
	if !(ap.Addressing{Cc: ap.Strings{"as:Public"}}).IsPublic() || (ap.Addressing{To: ap.Strings{"https://a.example/u/x"}}).IsPublic() {
		t.Error("Addressing.IsPublic")
	}
}

func TestPostTitle(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 250)
	mention := ap.Tags{{Type: ap.TagMention, Href: "https://l.example/c/news", Name: "@news@l.example"}}
	tests := []struct {
		name string
		page ap.Page
		want string
	}{
		{"name", ap.Page{Name: "  A title ", Content: "<p>body</p>"}, "A title"},
		{"long name", ap.Page{Name: long}, strings.Repeat("é", ap.MaxTitleLength)},
		{"first paragraph", ap.Page{Content: "<p>First &amp; <b>bold</b> line</p><p>second</p>"}, "First & bold line"},
		{"br", ap.Page{Content: "one<br>two"}, "one"},
		{"leading mention", ap.Page{
			Content: `<p><span class="h-card"><a href="https://l.example/c/news">@<span>news</span></a></span> Hello there</p>`,
			Tag:     mention,
		}, "Hello there"},
		{"mention only line", ap.Page{Content: `<p>@news@l.example</p><p>Real title</p>`, Tag: mention}, "Real title"},
		{"mention not tagged stays", ap.Page{Content: `<p>@someone hi</p>`}, "@someone hi"},
		{"mention in the middle stays", ap.Page{Content: `<p>Ask @news about it</p>`, Tag: mention}, "Ask @news about it"},
		{"script dropped", ap.Page{Content: `<script>alert(1)</script><p>Safe</p>`}, "Safe"},
		{"long content", ap.Page{Content: "<p>" + long + "</p>"}, strings.Repeat("é", ap.MaxTitleLength)},
		{"source when no content", ap.Page{Source: &ap.Source{Content: "\nmarkdown *title*\nmore"}}, "markdown *title*"},
		{"nothing", ap.Page{}, ""},
	}
	for _, tt := range tests {
		if got := ap.PostTitle(tt.page); got != tt.want {
			t.Errorf("%s: PostTitle = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPostTitleOfMastodonPosts(t *testing.T) {
	t.Parallel()
	for file, want := range map[string]string{
		"mastodon/objects/note_post.json": "Seals on the sandbank at low tide",
		"lemmy/objects/page.json":         "Dredging schedule for the spring",
		"mbin/objects/page.json":          "Eel counts at the weir are up",
	} {
		var page ap.Page
		switch v := decodeOwn(t, file).(type) {
		case *ap.Note:
			page = v.AsPage()
		case *ap.Page:
			page = *v
		}
		if got := ap.PostTitle(page); got != want {
			t.Errorf("%s: PostTitle = %q, want %q", file, got, want)
		}
	}
}

func TestPostURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		page ap.Page
		want string
	}{
		{"none", ap.Page{}, ""},
		{"link", ap.Page{Attachment: ap.Attachments{{Type: "Link", Href: "https://x.example/a"}}}, "https://x.example/a"},
		{"image", ap.Page{Attachment: ap.Attachments{{Type: "Image", URL: "https://x.example/i.png"}}}, "https://x.example/i.png"},
		{"document", ap.Page{Attachment: ap.Attachments{{Type: "Document", URL: "https://x.example/d.jpg"}}}, "https://x.example/d.jpg"},
		{"only the first counts", ap.Page{Attachment: ap.Attachments{
			{Type: "Image", URL: "https://x.example/i.png"}, {Type: "Link", Href: "https://x.example/a"},
		}}, "https://x.example/i.png"},
		{"video", ap.Page{Type: ap.KindVideo, ID: "https://tube.example/v/1"}, "https://tube.example/v/1"},
	}
	for _, tt := range tests {
		if got := ap.PostURL(tt.page); got != tt.want {
			t.Errorf("%s: PostURL = %q, want %q", tt.name, got, tt.want)
		}
	}
	for file, want := range map[string]string{
		"lemmy/objects/page.json":                "https://harbour.example/notices/dredging-2025",
		"lemmy/objects/page_image_and_link.json": "https://lemmy.one.example/pictrs/image/5d2a-wreck.jpg",
		"mbin/objects/page.json":                 "https://rivers.example/eel-count-2025",
	} {
		if got := ap.PostURL(*decodeOwn(t, file).(*ap.Page)); got != want {
			t.Errorf("%s: PostURL = %q, want %q", file, got, want)
		}
	}
}

// The picture beside a post, as each server sends it: Lemmy, Mbin and
// PieFed as the Page's image (their own thumbnail), Mastodon as the
// first attachment, a Document that is a picture.
func TestPostThumbnail(t *testing.T) {
	t.Parallel()
	for file, want := range map[string]string{
		"lemmy/objects/page.json":                "https://lemmy.one.example/pictrs/image/3b8e-dredger.webp",
		"lemmy/objects/page_image_and_link.json": "https://lemmy.one.example/pictrs/image/5d2a-wreck.jpg",
		"mbin/objects/page_image.json":           "https://mbin.example/media/cache/entry_thumb/a1/b2/heron.jpg",
		"mbin/objects/page.json":                 "",
		"piefed/objects/page_link_image.json":    "https://piefed.example/static/media/posts/pX/7q/footbridge_thumbnail.webp",
		"piefed/objects/page.json":               "",
		"mastodon/objects/note_picture.json":     "https://files.mastodon.example/media_attachments/files/113/000/000/original/mudflats.jpg",
		"mastodon/objects/note_post.json":        "",
	} {
		var page ap.Page
		switch o := decodeOwn(t, file).(type) {
		case *ap.Page:
			page = *o
		case *ap.Note:
			page = o.AsPage()
		}
		if got := ap.PostThumbnail(page); got != want {
			t.Errorf("%s: PostThumbnail = %q, want %q", file, got, want)
		}
	}
	link := ap.Page{Attachment: ap.Attachments{{Type: "Document", MediaType: "video/mp4", URL: "https://x.example/v.mp4"}}}
	if got := ap.PostThumbnail(link); got != "" {
		t.Errorf("a video's thumbnail is %q, want none", got)
	}
}

func TestIsComment(t *testing.T) {
	t.Parallel()
	if ap.IsComment(ap.Page{ID: "https://a.example/post/1"}) {
		t.Error("a post is not a comment")
	}
	if !ap.IsComment(ap.Page{ID: "https://a.example/p/2", InReplyTo: ap.IRI("https://a.example/post/1")}) {
		t.Error("a Page with inReplyTo is a comment")
	}
	note := decodeOwn(t, "mastodon/objects/note_post.json").(*ap.Note)
	if ap.IsComment(note.AsPage()) {
		t.Error("Mastodon's top-level Note (inReplyTo null) is a post")
	}
	reply := decodeOwn(t, "mastodon/objects/note.json").(*ap.Note)
	if !ap.IsComment(reply.AsPage()) {
		t.Error("Mastodon's reply is a comment")
	}
}

func TestCommunityOf(t *testing.T) {
	t.Parallel()
	const c = "https://l.example/c/news"
	tests := []struct {
		name string
		a    ap.Addressing
		want []string
	}{
		{"audience", ap.Addressing{Audience: c, To: ap.Strings{ap.Public}}, []string{c}},
		{"to", ap.Addressing{To: ap.Strings{c, ap.Public}}, []string{c}},
		{"cc after public and followers", ap.Addressing{
			To: ap.Strings{ap.Public}, Cc: ap.Strings{"https://m.example/users/a/followers", c, c + "/followers"},
		}, []string{c}},
		{"person audience ignored", ap.Addressing{Audience: "https://l.example/u/main", Cc: ap.Strings{c}}, []string{c}},
		{"people are not communities", ap.Addressing{
			To: ap.Strings{"https://m.example/users/bob", "https://l.example/u/alice"},
		}, nil},
		{"none", ap.Addressing{To: ap.Strings{ap.Public}}, nil},
		{"several", ap.Addressing{Audience: c, Cc: ap.Strings{c, "https://o.example/m/other"}}, []string{c, "https://o.example/m/other"}},
	}
	for _, tt := range tests {
		obj := ap.Activity{To: tt.a.To, Cc: tt.a.Cc, Audience: ap.IRI(tt.a.Audience)}
		if got := ap.CommunityCandidates(obj); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: candidates %q, want %q", tt.name, got, tt.want)
		}
		want := ""
		if len(tt.want) > 0 {
			want = tt.want[0]
		}
		if got := ap.CommunityOf(obj); got != want {
			t.Errorf("%s: CommunityOf = %q, want %q", tt.name, got, want)
		}
	}
}

func TestDomain(t *testing.T) {
	for in, want := range map[string]string{
		"https://Example.org/u/a":     "example.org",
		"https://example.org:443/u/a": "example.org",
		"http://example.org:80/u/a":   "example.org",
		"https://example.org:80/u/a":  "example.org:80",
		"http://127.0.0.2:8080/c/x":   "127.0.0.2:8080",
		"https://example.org./inbox":  "example.org",
		"https://[::1]:8443/inbox":    "[::1]:8443",
		"https://[::1]:443/inbox":     "[::1]",
		"not a url":                   "",
		"/relative/path":              "",
	} {
		if got := ap.Domain(in); got != want {
			t.Errorf("Domain(%q) = %q, want %q", in, got, want)
		}
	}
}
