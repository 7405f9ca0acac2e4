package federation

import (
	"strings"

	ap "github.com/tidings/tidings/internal/activitypub"
)

// mentionedHere are the actors of ours that a remote post or comment
// names, for their notifications: the hrefs of its Mention tags, as Lemmy,
// Mbin and PieFed tag, and the links of its sanitized HTML, as Mastodon's
// kin link (some send the link without the tag). Only our own actor ids
// are kept; the forum tells people from communities.
func (h *Handler) mentionedHere(page ap.Page, bodyHTML string) []string {
	prefix := h.iri.Base() + "/u/"
	var out []string
	seen := map[string]bool{}
	for _, href := range append(page.Tag.Mentions(), ap.HTMLLinks(bodyHTML)...) {
		if strings.HasPrefix(href, prefix) && !seen[href] {
			seen[href] = true
			out = append(out, href)
		}
	}
	return out
}
