package activitypub_test

import (
	"slices"
	"testing"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// HTMLLinks finds every link's target, in Mastodon's h-cards too, and
// nothing from images, text or broken markup.
func TestHTMLLinks(t *testing.T) {
	t.Parallel()
	src := `<p><span class="h-card"><a href="https://a.example/u/ann" class="u-url mention">@<span>ann</span></a></span> ` +
		`see https://b.example/x <img src="https://c.example/i.png"> <a>no href</a> <A HREF="https://d.example/y">d</A> <a href="`
	want := []string{"https://a.example/u/ann", "https://d.example/y"}
	if got := ap.HTMLLinks(src); !slices.Equal(got, want) {
		t.Errorf("HTMLLinks = %q, want %q", got, want)
	}
}
