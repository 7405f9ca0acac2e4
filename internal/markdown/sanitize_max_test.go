package markdown_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/tidings/tidings/internal/markdown"
)

// balanced reports whether every element s opens it also closes, as the
// page around it needs.
func balanced(s string) bool {
	z := html.NewTokenizer(strings.NewReader(s))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return depth == 0
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) != "br" && string(name) != "img" && string(name) != "hr" {
				depth++
			}
		case html.EndTagToken:
			depth--
		}
	}
}

func TestSanitizeMax(t *testing.T) {
	t.Parallel()
	r := markdown.New()
	const max = 1000
	for name, in := range map[string]string{
		"a million characters":   "<p>" + strings.Repeat("word ", 200000) + "</p>",
		"cut inside a tag":       "<p><b>" + strings.Repeat("x", max-10) + `<a href="https://example.org/a">link</a></b></p>`,
		"cut inside an element":  "<blockquote><p><em>" + strings.Repeat("é", 2*max) + "</em></p></blockquote>",
		"ampersands grow 5x":     strings.Repeat("&", 3*max),
		"links grow with rel":    strings.Repeat(`<a href="https://e.x/">e</a>`, max),
		"quotes in text":         strings.Repeat(`"<`, max),
		"script cut in its body": "<p>hi</p><script>" + strings.Repeat("alert(1);", max),
	} {
		out := r.SanitizeMax(in, max)
		if n := utf8.RuneCountInString(out); n > max || n == 0 {
			t.Errorf("%s: %d characters kept, want 1 to %d", name, n, max)
		}
		if !balanced(out) {
			t.Errorf("%s: an element is left open: %.200s…", name, out)
		}
		if strings.Contains(out, "<script") || strings.Contains(out, "alert") {
			t.Errorf("%s: script kept: %.200s", name, out)
		}
	}
	short := `<p>Hello <a href="https://example.org/">there</a> &amp; welcome</p>`
	if got, want := r.SanitizeMax(short, max), r.Sanitize(short); got != want {
		t.Errorf("HTML within the limit: %q, want it as Sanitize gives it: %q", got, want)
	}
	if got := r.SanitizeMax("<p>"+strings.Repeat("a", 5000), max); !strings.HasPrefix(got, "<p>aaa") || !strings.HasSuffix(got, "a</p>") {
		t.Errorf("a long paragraph is not kept as its beginning, closed: %.40s…%s", got, got[len(got)-10:])
	}
}
