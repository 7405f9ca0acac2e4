package activitypub

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLLinks bounds the links HTMLLinks reads from one object.
const maxHTMLLinks = 100

// HTMLLinks are the targets of the links (<a href>) in an HTML fragment,
// at most 100: how Mastodon and its kin name the people a status
// mentions, beside or instead of Mention tags.
func HTMLLinks(s string) []string {
	z := html.NewTokenizer(strings.NewReader(s))
	var out []string
	for len(out) < maxHTMLLinks {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if atom.Lookup(name) != atom.A {
				continue
			}
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				if string(key) == "href" && len(val) > 0 {
					out = append(out, string(val))
				}
			}
		}
	}
	return out
}
