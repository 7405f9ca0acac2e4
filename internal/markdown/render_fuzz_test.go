package markdown_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tidings/tidings/internal/activitypub/aptest"
	"github.com/tidings/tidings/internal/markdown"
)

// FuzzRender runs anything through the three ways text becomes HTML here:
// markdown for our pages, markdown for other servers, and the sanitizer
// over HTML another server sent. No output may carry a script: parsed as
// a browser parses it, there must be no <script> element, no event
// handler attribute and no javascript: URL.
func FuzzRender(f *testing.F) {
	for _, p := range xssPayloads {
		f.Add(p.in)
	}
	for _, s := range []string{
		"# Title\n\nSome *text* with a [link](https://example.com) and `code`.",
		"::: spoiler Ending\nThe butler did it.\n:::",
		"Hello !news@lemmy.example and @bob@mastodon.example, see https://example.com/a?b=c",
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~gone~~ ![pic](/pictrs/image/x.png \"t\")",
		"> quote\n\n1. one\n2. two\n\n```go\nfunc main() {}\n```",
	} {
		f.Add(s)
	}
	// The HTML the fediverse corpus carries, as those servers send it.
	c := aptest.Own(f)
	for _, name := range c.Files(f, ".") {
		for _, s := range contents(c.Read(f, name)) {
			f.Add(s)
		}
	}
	r := markdown.New()
	base, _ := url.Parse("https://tidings.example")
	links := markdown.Links{Base: base, Actors: map[string]string{"!news@lemmy.example": "https://lemmy.example/c/news"}}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := r.Render(src)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		assertNoScript(t, "Render", src, out)
		fed, err := r.RenderFederated(src, links)
		if err != nil {
			t.Fatalf("render for federation: %v", err)
		}
		assertNoScript(t, "RenderFederated", src, fed)
		assertNoScript(t, "Sanitize", src, r.Sanitize(src))
		_ = r.PlainText(src, 100)
	})
}

// assertNoScript parses out as a browser would and fails on anything that
// runs script.
func assertNoScript(t *testing.T, what, src, out string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("%s(%q): output does not parse: %v", what, src, err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "script" {
			t.Fatalf("%s(%q) has a <script> element:\n%s", what, src, out)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Fatalf("%s(%q) has an event handler %s on <%s>:\n%s", what, src, a.Key, n.Data, out)
			}
			if scriptURL(a.Val) {
				t.Fatalf("%s(%q) has a javascript: URL in %s on <%s>:\n%s", what, src, a.Key, n.Data, out)
			}
		}
	}
}

// scriptURL reports a value a browser would run as javascript: once it
// drops the leading spaces and controls and the tabs and newlines inside
// the scheme, as the URL standard says (entities are already decoded by
// the parser).
func scriptURL(v string) bool {
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	return strings.HasPrefix(strings.ToLower(v), "javascript:")
}

// contents are the HTML and markdown texts of a JSON document: every
// "content", "summary" and "name" string, at any depth.
func contents(doc []byte) []string {
	var v any
	if json.Unmarshal(doc, &v) != nil {
		return nil
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && (k == "content" || k == "summary" || k == "name") {
					out = append(out, s)
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}
