package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Links says where the links of HTML meant for other servers point. Such
// HTML is shown on the reader's server, where a relative link, or our
// /u/name@host page of someone, points nowhere useful: every link in it is
// absolute, and a person or community links to its home.
type Links struct {
	// Base is this site's absolute URL (scheme://host[:port]); relative
	// links and images are resolved against it.
	Base *url.URL
	// Actors maps a mention's handle, lower-cased ("@name@host",
	// "!name@host" or "!name", as MentionNode.Handle writes it), to the
	// actor's id, its absolute URL on its home server. A mention missing
	// from it is left as text rather than linked to a guess.
	Actors map[string]string
}

// RenderFederated converts markdown to sanitized HTML for other servers, as
// Render does, but with every link absolute (see Links). Our own pages use
// Render, whose mentions link to the pages here.
func (r *Renderer) RenderFederated(src string, links Links) (string, error) {
	source := []byte(src)
	doc := r.md.Parser().Parse(text.NewReader(source))
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := node.(type) {
		case *MentionNode:
			n.href = links.Actors[strings.ToLower(n.Handle())]
			n.plain = n.href == ""
		case *ast.Link:
			n.Destination = links.absolute(n.Destination)
		case *ast.Image:
			n.Destination = links.absolute(n.Destination)
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := r.md.Renderer().Render(&buf, source, doc); err != nil {
		return "", fmt.Errorf("render markdown for federation: %w", err)
	}
	return r.sanitize(buf.Bytes()), nil
}

// absolute resolves a relative link against Base. What does not parse is
// left for the sanitizer to drop.
func (l Links) absolute(dest []byte) []byte {
	u, err := url.Parse(string(dest))
	if err != nil || u.IsAbs() || l.Base == nil {
		return dest
	}
	return []byte(l.Base.ResolveReference(u).String())
}

// Handles returns every person and community that src mentions, as
// MentionNode.Handle writes them ("@name@host", "!name@host", "!name"),
// each once, in order of first appearance: what RenderFederated looks up
// in Links.Actors. Mentions in code, in link text and in raw HTML do not
// count, as they are not linked.
func Handles(src string) []string {
	return handles(src, func(n *MentionNode) bool { return !n.bare })
}

// Mentions returns the people mentioned in src as "@name@host", host in
// lower case, each once, in order of first appearance. Mentions in code,
// in link text and in raw HTML do not count, just as they are not linked.
func Mentions(src string) []string {
	return handles(src, func(n *MentionNode) bool { return !n.Community && n.Host != "" })
}

// People returns the people src mentions, for their notifications: as
// Mentions does, and also each bare "@name", which names someone here.
func People(src string) []string {
	return handles(src, func(n *MentionNode) bool { return !n.Community })
}

func handles(src string, keep func(*MentionNode) bool) []string {
	source := []byte(src)
	doc := sharedMarkdown().Parser().Parse(text.NewReader(source))
	var out []string
	seen := map[string]bool{}
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n, ok := node.(*MentionNode); ok && keep(n) {
			handle := n.Handle()
			if key := strings.ToLower(handle); !seen[key] {
				seen[key] = true
				out = append(out, handle)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}
