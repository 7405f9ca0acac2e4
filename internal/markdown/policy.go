package markdown

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// linkRel is the rel of every link in what we show: the content is written
// by users (ugc), we vouch for none of it (nofollow), and a linked page gets
// no handle on ours (noopener).
const linkRel = "nofollow ugc noopener"

var (
	// Links: http(s), magnet, and paths on this site. Not "//host" or
	// "/\host", which browsers treat as another host. The value is matched
	// after entity decoding, so "java&#x09;script:" fails here.
	linkURL = regexp.MustCompile(`^(?:(?i:https?)://|(?i:magnet):|/(?:[^/\\]|$))`)
	// Images: http(s) only; no data:, no relative paths.
	imageURL = regexp.MustCompile(`^(?i:https?)://`)
	// Fenced code's language, as goldmark writes it: class="language-go".
	codeClass = regexp.MustCompile(`^language-[A-Za-z0-9_+#.-]{1,32}$`)
	// Mentions as Lemmy, Mastodon and we write them.
	linkClass = regexp.MustCompile(`^(?:u-url |)(?:mention|hashtag)$`)
	langTag   = regexp.MustCompile(`^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$`)
)

var sharedPolicy = sync.OnceValue(newPolicy)

// newPolicy is the allow-list for every piece of HTML shown to a reader:
// bluemonday's UGC set of elements less image maps, meters and change
// tracking URLs, with tighter URL rules. Whatever is not listed goes: style
// attributes and elements, event handlers, scripts, iframes, objects, forms,
// SVG, MathML, comments, ids and classes (except code languages and
// mentions). The rel of links is set by finish afterwards.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()

	// URLs must parse and have an allowed scheme; relative URLs are further
	// narrowed to "/..." by linkURL.
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "magnet")

	// Attribute values are escaped on output, so any text is safe in these.
	p.AllowAttrs("title").Globally()
	p.AllowAttrs("dir").Matching(bluemonday.Direction).Globally()
	p.AllowAttrs("lang").Matching(langTag).Globally()

	p.AllowElements(
		"p", "br", "hr", "div", "span", "wbr",
		"h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "figure", "figcaption", "article", "aside", "section",
		"em", "strong", "b", "i", "u", "s", "strike", "del", "ins", "small", "mark",
		"sub", "sup", "abbr", "cite", "dfn", "kbd", "samp", "var", "q", "tt", "code",
		"ruby", "rp", "rt", "bdi", "bdo",
		"details", "summary",
	)

	p.AllowAttrs("href").Matching(linkURL).OnElements("a")
	p.AllowAttrs("class").Matching(linkClass).OnElements("a")

	p.AllowAttrs("src").Matching(imageURL).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("img")

	p.AllowAttrs("class").Matching(codeClass).OnElements("code")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`(?i)^(?:|open)$`)).OnElements("details")
	p.AllowAttrs("datetime").Matching(bluemonday.ISO8601).OnElements("time", "del", "ins")

	p.AllowLists()
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("reversed").Matching(regexp.MustCompile(`(?i)^(?:|reversed)$`)).OnElements("ol")
	p.AllowTables()
	return p
}

// fragmentContext is where our HTML ends up: inside some element of a page.
var fragmentContext = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}

// finish completes the policy's output, which bluemonday leaves as a stream
// of allowed tags, not a tree: it parses it as browsers would, inside an
// element, and writes it out again, so that every element it opens is
// closed and no end tag in it can close an element of the page around it
// (an unclosed <a> from another instance would otherwise turn the rest of
// the page into its link). On the way it gives every link exactly
// rel="nofollow ugc noopener" and no target, which bluemonday cannot do,
// and drops images whose source the policy removed.
func finish(s string) string {
	if !strings.Contains(s, "<") {
		return s // text only
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), fragmentContext)
	if err != nil {
		// Reading a string does not fail; should parsing, show nothing.
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, n := range nodes {
		if finishNode(n) {
			// Writing to a strings.Builder does not fail.
			_ = html.Render(&b, n)
		}
	}
	return b.String()
}

// finishNode fixes links and images in n and its descendants and reports
// whether n itself should be kept.
func finishNode(n *html.Node) bool {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.A:
			attrs := n.Attr[:0]
			for _, a := range n.Attr {
				if a.Namespace == "" && a.Key != "rel" && a.Key != "target" {
					attrs = append(attrs, a)
				}
			}
			n.Attr = append(attrs, html.Attribute{Key: "rel", Val: linkRel})
		case atom.Img:
			return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "src" })
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if !finishNode(c) {
			n.RemoveChild(c)
		}
		c = next
	}
	return true
}
