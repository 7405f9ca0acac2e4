package markdown_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/tidings/tidings/internal/markdown"
)

// What other servers are sent links people and communities to their
// homes, and nothing to a path that means something only here.
func TestRenderFederated(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("https://news.example")
	links := markdown.Links{Base: base, Actors: map[string]string{
		"@garda@lemmy.example":  "https://lemmy.example/u/garda",
		"!rust@programming.dev": "https://programming.dev/c/rust",
		"!news":                 "https://news.example/c/news",
		"@ann@news.example":     "https://news.example/u/ann",
	}}
	link := func(href, text string) string {
		return `<a class="u-url mention" href="` + href + `" ` + rel + `>` + text + `</a>`
	}
	tests := []struct {
		name, src, want string
	}{
		{"remote person", "hi @Garda@Lemmy.example", "<p>hi " + link("https://lemmy.example/u/garda", "@Garda@lemmy.example") + "</p>\n"},
		{"remote community", "(!rust@programming.dev)", "<p>(" + link("https://programming.dev/c/rust", "!rust@programming.dev") + ")</p>\n"},
		{"local community", "see !news.", "<p>see " + link("https://news.example/c/news", "!news") + ".</p>\n"},
		{"local person by our host", "@ann@news.example", "<p>" + link("https://news.example/u/ann", "@ann@news.example") + "</p>\n"},
		{"unknown person is text", "ask @nobody@far.example", "<p>ask @nobody@far.example</p>\n"},
		{"unknown community is text", "!gone@far.example", "<p>!gone@far.example</p>\n"},
		{"relative link", "[thread](/post/3)", `<p><a href="https://news.example/post/3" ` + rel + ">thread</a></p>\n"},
		{"relative without slash", "[x](c/news?sort=new#top)", `<p><a href="https://news.example/c/news?sort=new#top" ` + rel + ">x</a></p>\n"},
		{"relative image", "![pic](/media/a.png)", `<p><img src="https://news.example/media/a.png" alt="pic"/></p>` + "\n"},
		{"absolute link kept", "[x](https://other.example/a)", `<p><a href="https://other.example/a" ` + rel + ">x</a></p>\n"},
		{"autolink kept", "https://other.example/b", `<p><a href="https://other.example/b" ` + rel + ">https://other.example/b</a></p>\n"},
		{"script stays out", "[x](javascript:alert(1))", "<p>x</p>\n"},
		{"mention in code is text", "`@garda@lemmy.example`", "<p><code>@garda@lemmy.example</code></p>\n"},
	}
	r := markdown.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := r.RenderFederated(tt.src, links)
			if err != nil || got != tt.want {
				t.Errorf("RenderFederated(%q)\n got %q, %v\nwant %q", tt.src, got, err, tt.want)
			}
			if strings.Contains(got, `href="/`) || strings.Contains(got, `src="/`) {
				t.Errorf("RenderFederated(%q) has a relative link: %s", tt.src, got)
			}
		})
	}
	// Our own pages still link to the pages here.
	if got := render(t, "hi @garda@lemmy.example [t](/post/3)"); !strings.Contains(got, `href="/u/garda@lemmy.example"`) ||
		!strings.Contains(got, `href="/post/3"`) {
		t.Errorf("Render after RenderFederated: %s", got)
	}
}

func TestHandles(t *testing.T) {
	t.Parallel()
	src := "@a@x.example and !news, !rust@programming.dev, @A@X.example again, `@c@code.example`, @bare"
	want := []string{"@a@x.example", "!news", "!rust@programming.dev"}
	if got := markdown.Handles(src); !slices.Equal(got, want) {
		t.Errorf("Handles() = %q, want %q", got, want)
	}
}
